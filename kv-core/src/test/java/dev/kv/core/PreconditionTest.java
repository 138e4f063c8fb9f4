package dev.kv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreconditionTest {

  private static final Entry V3 =
      new Entry(Key.of("k"), new byte[0], "a/b", 3, Instant.EPOCH, null);

  @Test
  void noneIsAlwaysMet() {
    assertThat(Precondition.NONE.isMetBy(null)).isTrue();
    assertThat(Precondition.NONE.isMetBy(V3)).isTrue();
  }

  @Test
  void mustNotExistIsMetOnlyWithoutEntry() {
    assertThat(Precondition.MUST_NOT_EXIST.isMetBy(null)).isTrue();
    assertThat(Precondition.MUST_NOT_EXIST.isMetBy(V3)).isFalse();
  }

  @Test
  void mustExistIsMetOnlyWithEntry() {
    assertThat(Precondition.MUST_EXIST.isMetBy(null)).isFalse();
    assertThat(Precondition.MUST_EXIST.isMetBy(V3)).isTrue();
  }

  @Test
  void versionEqualsIsMetOnlyByThatVersion() {
    assertThat(Precondition.versionEquals(3).isMetBy(V3)).isTrue();
    assertThat(Precondition.versionEquals(2).isMetBy(V3)).isFalse();
    assertThat(Precondition.versionEquals(3).isMetBy(null)).isFalse();
  }

  @Test
  void negativeVersionIsAnInvalidRequest() {
    assertThatThrownBy(() -> Precondition.versionEquals(-1))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void preconditionFailureCarriesTheCurrentVersionWhenKnown() {
    assertThat(new PreconditionFailedException("x", 4L).currentVersion()).hasValue(4);
    assertThat(new PreconditionFailedException("x", null).currentVersion()).isEmpty();
  }

  @Test
  void everyVariantHasAKindOfItsOwnSoStoresSwitchingOnKindsSeeEveryVariant() {
    Class<?>[] variants = Precondition.class.getPermittedSubclasses();
    java.util.Set<Precondition.Kind> kinds = java.util.EnumSet.noneOf(Precondition.Kind.class);
    for (Class<?> variant : variants) {
      kinds.add(instanceOf(variant).kind());
    }

    assertThat(kinds)
        .hasSize(variants.length)
        .containsExactlyInAnyOrder(Precondition.Kind.values());
  }

  private static Precondition instanceOf(Class<?> variant) {
    for (Precondition p :
        new Precondition[] {
          Precondition.NONE,
          Precondition.MUST_NOT_EXIST,
          Precondition.MUST_EXIST,
          Precondition.versionEquals(1)
        }) {
      if (p.getClass() == variant) {
        return p;
      }
    }
    throw new AssertionError("No instance of " + variant + " here: add it, and its kind");
  }
}
