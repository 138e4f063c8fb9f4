package dev.kv.dynamodb;

import dev.kv.core.InvalidKeyException;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.Key;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque listing cursor: the key a Scan resumes after, as URL-safe base64 of {@code "d1:" +
 * key}. The mark versions the format; anything else is not a cursor this store made.
 */
final class ListingCursor {

  private static final String MARK = "d1:";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private ListingCursor() {}

  /** The cursor that resumes a listing after {@code key}. */
  static String encode(String key) {
    return ENCODER.encodeToString((MARK + key).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key a cursor resumes after.
   *
   * @throws InvalidRequestException when {@code cursor} was not made by {@link #encode}
   */
  static String decode(String cursor) {
    try {
      String text = ItemShape.strictUtf8(DECODER.decode(cursor));
      if (text != null && text.startsWith(MARK)) {
        return Key.of(text.substring(MARK.length())).value();
      }
    } catch (IllegalArgumentException | InvalidKeyException malformed) {
      // reported below, without echoing the cursor
    }
    throw new InvalidRequestException("The cursor is not one this store made");
  }
}
