package dev.kv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntryTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void valueIsCopiedInAndOut() {
    byte[] value = {1, 2, 3};
    Entry entry = new Entry(Key.of("k"), value, "a/b", 1, T, null);
    value[0] = 9;
    entry.value()[1] = 9;

    assertThat(entry.value()).containsExactly(1, 2, 3);
    assertThat(entry.valueLength()).isEqualTo(3);
  }

  @Test
  void expiryIsInclusiveOfItsInstant() {
    Entry entry = new Entry(Key.of("k"), new byte[0], "a/b", 1, T, T.plusSeconds(10));

    assertThat(entry.isExpiredAt(T.plusSeconds(10).minusNanos(1))).isFalse();
    assertThat(entry.isExpiredAt(T.plusSeconds(10))).isTrue();
    assertThat(entry.expiry()).contains(T.plusSeconds(10));
  }

  @Test
  void entryWithoutExpiryNeverExpires() {
    Entry entry = new Entry(Key.of("k"), new byte[0], "a/b", 0, null, null);

    assertThat(entry.isExpiredAt(Instant.MAX)).isFalse();
    assertThat(entry.expiry()).isEmpty();
    assertThat(entry.lastModified()).isEmpty();
  }

  @Test
  void negativeVersionIsRejected() {
    assertThatThrownBy(() -> new Entry(Key.of("k"), new byte[0], "a/b", -1, T, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityComparesValueBytes() {
    Entry a = new Entry(Key.of("k"), new byte[] {1}, "a/b", 1, T, null);
    Entry b = new Entry(Key.of("k"), new byte[] {1}, "a/b", 1, T, null);
    Entry c = new Entry(Key.of("k"), new byte[] {2}, "a/b", 1, T, null);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c).isNotEqualTo("k");
  }

  @Test
  void toStringNeverShowsTheValue() {
    Entry entry = new Entry(Key.of("k"), "secret".getBytes(), "text/plain", 1, T, null);

    assertThat(entry.toString()).doesNotContain("secret").contains("valueLength=6");
  }

  @Test
  void newEntryCopiesAndLimitsTheValue() {
    byte[] value = {1, 2};
    NewEntry entry = new NewEntry(Key.of("k"), value, "a/b", null);
    value[0] = 7;

    assertThat(entry.value()).containsExactly(1, 2);
    assertThat(entry.valueLength()).isEqualTo(2);
    assertThat(entry.toEntry(3, T))
        .isEqualTo(new Entry(Key.of("k"), new byte[] {1, 2}, "a/b", 3, T, null));
    assertThat(entry).isEqualTo(new NewEntry(Key.of("k"), new byte[] {1, 2}, "a/b", null));
    assertThat(entry.hashCode())
        .isEqualTo(new NewEntry(Key.of("k"), new byte[] {1, 2}, "a/b", null).hashCode());
    assertThat(entry).isNotEqualTo(new NewEntry(Key.of("k"), new byte[] {1}, "a/b", null));
    assertThat(entry.toString()).contains("valueLength=2");
    assertThatThrownBy(
            () -> new NewEntry(Key.of("k"), new byte[Limits.MAX_VALUE_BYTES + 1], "a/b", null))
        .isInstanceOf(ValueTooLargeException.class);
  }

  @Test
  void pageCopiesItsKeys() {
    java.util.List<String> keys = new java.util.ArrayList<>(java.util.List.of("a"));
    Page page = new Page(keys, null);
    keys.add("b");

    assertThat(page.keys()).containsExactly("a");
    assertThat(page.nextCursor()).isEmpty();
    assertThat(new Page(keys, "c").nextCursor()).contains("c");
  }
}
