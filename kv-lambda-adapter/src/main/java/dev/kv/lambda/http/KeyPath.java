package dev.kv.lambda.http;

import dev.kv.core.InvalidKeyException;
import dev.kv.core.Key;
import dev.kv.core.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Turns the still-encoded path segment after {@code /key/} into a {@link Key}, exactly once. */
final class KeyPath {

  private KeyPath() {}

  /**
   * Percent-decodes {@code encoded} as UTF-8 ({@code +} stays a plus) and checks the key rules.
   *
   * @throws InvalidKeyException for malformed encoding, bytes that are not UTF-8, or a bad key
   */
  static Key decode(String encoded) {
    if (encoded.indexOf('%') < 0 && isAscii(encoded)) {
      return Key.of(encoded);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw malformed();
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw malformed();
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        // A raw non-ASCII character (some clients do not encode): take it as UTF-8.
        int end = Character.isHighSurrogate(c) && i + 1 < encoded.length() ? i + 2 : i + 1;
        bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    String text = MediaTypes.decodeUtf8(bytes.toByteArray());
    if (text == null) {
      throw new InvalidKeyException("The key is not valid UTF-8 once percent-decoded");
    }
    return Key.of(text);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static InvalidKeyException malformed() {
    return new InvalidKeyException("The key has malformed percent-encoding");
  }
}
