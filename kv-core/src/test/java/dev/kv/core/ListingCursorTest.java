package dev.kv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ListingCursorTest {

  @Test
  void roundTripsBothKindsOfPosition() {
    ListingCursor key = ListingCursor.afterKey("a/", "/", "a/\uD83D\uDE00");
    ListingCursor group = ListingCursor.afterPrefix("a/", "/", "a/b/");

    assertThat(ListingCursor.decode(key.encode(), "a/", "/")).isEqualTo(key);
    assertThat(ListingCursor.decode(group.encode(), "a/", "/")).isEqualTo(group);
    assertThat(key.encode()).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void positionsDecideWhatComesAfter() {
    ListingCursor key = ListingCursor.afterKey("", null, "m");
    ListingCursor group = ListingCursor.afterPrefix("", "/", "m/");

    assertThat(key.isPassedBy("m")).isFalse();
    assertThat(key.isPassedBy("m/1")).isTrue();
    assertThat(key.resumeFrom()).isEqualTo("m");
    assertThat(group.isPassedBy("m/zzz")).isFalse();
    assertThat(group.isPassedBy("m0")).isTrue();
    assertThat(group.resumeFrom()).isEqualTo("m0");
  }

  @Test
  void refusesCursorsMadeForAnotherListing() {
    String cursor = ListingCursor.afterKey("a/", null, "a/1").encode();

    assertThatThrownBy(() -> ListingCursor.decode(cursor, "a", null))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> ListingCursor.decode(cursor, "a/", "/"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(ListingCursor.decode(cursor, "a/", null).position()).isEqualTo("a/1");
  }

  @Test
  void refusesMalformedAndOldCursors() {
    String oldFormat =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("m1:a".getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {"", "!!", "AAAA", oldFormat, "x".repeat(5000)}) {
      assertThatThrownBy(() -> ListingCursor.decode(bad, "", null))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageNotContaining(bad.isEmpty() ? "\u0000" : bad);
    }
  }

  @Test
  void positionsOutsideThePrefixCannotBeMade() {
    assertThatThrownBy(() -> ListingCursor.afterKey("a/", null, "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ListingCursor.afterPrefix("a/", "/", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commonPrefixEndsAtTheFirstDelimiterAfterThePrefix() {
    assertThat(ListingCursor.commonPrefix("a/b/c", "a/", "/")).isEqualTo("a/b/");
    assertThat(ListingCursor.commonPrefix("a/b", "a/", "/")).isNull();
    assertThat(ListingCursor.commonPrefix("a/b", "a/", null)).isNull();
    assertThat(ListingCursor.commonPrefix("a//", "a/", "/")).isEqualTo("a//");
  }
}
