package dev.kv.core;

import java.nio.charset.StandardCharsets;

/**
 * A valid key: 1 to {@link Limits#MAX_KEY_BYTES} bytes of UTF-8 without ASCII control characters.
 * Keys are case-sensitive and may contain {@code /}.
 *
 * @param value the key text
 */
public record Key(String value) implements Comparable<Key> {

  /**
   * Validates the key; throws {@link InvalidKeyException} when it breaks a rule.
   *
   * @param value the key text
   * @throws InvalidKeyException when {@code value} is null, empty, longer than {@link
   *     Limits#MAX_KEY_BYTES} bytes of UTF-8, or holds control characters or unpaired surrogates
   */
  public Key {
    if (value == null || value.isEmpty()) {
      throw new InvalidKeyException("The key is empty");
    }
    checkText(value, "key");
  }

  /**
   * Shorthand for {@code new Key(value)}.
   *
   * @param value the key text
   * @return the key
   * @throws InvalidKeyException when {@code value} breaks a key rule
   */
  public static Key of(String value) {
    return new Key(value);
  }

  /**
   * Checks a listing prefix: the key rules, except that it may be empty.
   *
   * @param prefix the prefix, or {@code null} for none
   * @return the prefix, never null; empty for a {@code null} or empty prefix
   * @throws InvalidKeyException when a non-empty prefix breaks a key rule
   */
  public static String checkPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    checkText(prefix, "prefix");
    return prefix;
  }

  /**
   * Length of the key in bytes of UTF-8.
   *
   * @return 1 to {@link Limits#MAX_KEY_BYTES}
   */
  public int utf8Length() {
    return utf8Length(value);
  }

  /** Orders keys as listings do: by their UTF-8 bytes, unsigned ({@link KeyOrder}). */
  @Override
  public int compareTo(Key other) {
    return KeyOrder.compare(value, other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static void checkText(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidKeyException("The " + what + " contains a control character");
      }
      if (Character.isSurrogate(c)) {
        boolean pair =
            Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
        if (!pair) {
          throw new InvalidKeyException("The " + what + " is not valid Unicode text");
        }
        i++;
      }
    }
    if (utf8Length(text) > Limits.MAX_KEY_BYTES) {
      throw new InvalidKeyException(
          "The " + what + " is longer than " + Limits.MAX_KEY_BYTES + " bytes of UTF-8");
    }
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
