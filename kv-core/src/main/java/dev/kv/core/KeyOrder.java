package dev.kv.core;

import java.util.Comparator;

/**
 * The order of keys in every listing: ascending by their UTF-8 bytes, compared unsigned. That is
 * the order of Unicode code points, which DynamoDB uses for string sort keys; it differs from
 * {@link String#compareTo} (UTF-16 code units) where a character above U+FFFF meets one between
 * U+E000 and U+FFFF: {@code "😀"} sorts after {@code "Ａ"} (U+FF21) here, before it in UTF-16.
 */
public final class KeyOrder {

  /** Compares strings by their UTF-8 bytes, unsigned, without encoding them. */
  public static final Comparator<String> UTF8 = KeyOrder::compare;

  private KeyOrder() {}

  /**
   * Compares two strings in key order.
   *
   * @param a the first string, not null
   * @param b the second string, not null
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(rank(x), rank(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /**
   * The smallest string that sorts after every string starting with {@code prefix}, or {@code null}
   * when there is none (the prefix is empty or made of U+10FFFF only).
   *
   * @param prefix the prefix, not null
   * @return the prefix with its last code point below U+10FFFF incremented and what follows it
   *     dropped, or {@code null}
   */
  public static String successor(String prefix) {
    int end = prefix.length();
    while (end > 0) {
      int last = prefix.codePointBefore(end);
      int start = end - Character.charCount(last);
      if (last < Character.MAX_CODE_POINT) {
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return prefix.substring(0, start) + Character.toString(next);
      }
      end = start;
    }
    return null;
  }

  /**
   * UTF-16 code units ranked in code point order: surrogates (which encode code points above
   * U+FFFF) move above U+E000–U+FFFF. Comparing ranks of the first differing units compares code
   * points, hence UTF-8 bytes.
   */
  private static int rank(char c) {
    if (c < Character.MIN_SURROGATE) {
      return c;
    }
    return c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800;
  }
}
