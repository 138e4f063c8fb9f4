package dev.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ListingCursorTest {

  @Test
  void cursorRoundTripsAnyKey() {
    for (String key : new String[] {"a", "a/b c+d%2F", "ключ/🙂", "k".repeat(1024)}) {
      String cursor = ListingCursor.encode(key);

      assertThat(cursor).matches("[A-Za-z0-9_-]+");
      assertThat(ListingCursor.decode(cursor)).isEqualTo(key);
    }
  }

  @Test
  void anythingElseIsAnInvalidRequestThatDoesNotEchoTheCursor() {
    assertThatThrownBy(() -> ListingCursor.decode("<script>"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageNotContaining("<script>");
  }
}
