package dev.kv.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A position in a listing and the one cursor format of every store.
 *
 * <p>A position is "after the key K" or "after every key that starts with the common prefix P". The
 * cursor is URL-safe base64 (no padding) of: a format byte, the kind of position, 8 bytes of
 * SHA-256 over the listing's prefix and delimiter, the position in UTF-8, and a CRC-32 of all that.
 * A cursor is accepted only for the prefix and delimiter it was made for, only when its checksum
 * holds, and only when its position lies inside the prefix: a tampered or foreign cursor is an
 * {@link InvalidRequestException}, and no cursor moves a listing outside its prefix.
 *
 * @param prefix the listing's prefix, possibly empty
 * @param delimiter the listing's delimiter, or {@code null}
 * @param afterCommonPrefix true when the position is after every key starting with {@code
 *     position}, false when it is after the key {@code position}
 * @param position the last key or common prefix a page returned
 */
public record ListingCursor(
    String prefix, String delimiter, boolean afterCommonPrefix, String position) {

  private static final byte FORMAT = 1;
  private static final byte AFTER_KEY = 'k';
  private static final byte AFTER_PREFIX = 'p';
  private static final int BINDING_BYTES = 8;
  private static final int HEADER_BYTES = 2 + BINDING_BYTES;
  private static final int CHECKSUM_BYTES = 4;

  /** Longest cursor accepted, in characters: a 1024-byte key with the header, in base64. */
  static final int MAX_CURSOR_CHARS = 1400;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /**
   * Checks the position against the prefix and delimiter.
   *
   * @param prefix the listing's prefix, possibly empty
   * @param delimiter the listing's delimiter, or {@code null}
   * @param afterCommonPrefix true when the position is after every key starting with {@code
   *     position}, false when it is after the key {@code position}
   * @param position the last key or common prefix a page returned
   * @throws NullPointerException when {@code prefix} or {@code position} is null
   * @throws IllegalArgumentException when {@code position} does not start with {@code prefix}, or
   *     is not a common prefix though {@code afterCommonPrefix} is true
   */
  public ListingCursor {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(position, "position");
    if (!position.startsWith(prefix)) {
      throw new IllegalArgumentException("The position is outside the prefix");
    }
    if (afterCommonPrefix && !position.equals(commonPrefix(position, prefix, delimiter))) {
      throw new IllegalArgumentException("The position is not a common prefix");
    }
  }

  /**
   * The position after {@code key} in the listing of {@code prefix} and {@code delimiter}. The key
   * may lie inside a common prefix not listed yet (a page that ended on expired keys there).
   *
   * @param prefix the listing's prefix, possibly empty
   * @param delimiter the listing's delimiter, or {@code null}
   * @param key the last key a page returned
   * @return the position
   * @throws IllegalArgumentException when {@code key} does not start with {@code prefix}
   */
  public static ListingCursor afterKey(String prefix, String delimiter, String key) {
    return new ListingCursor(prefix, delimiter, false, key);
  }

  /**
   * The position after every key starting with {@code commonPrefix}.
   *
   * @param prefix the listing's prefix, possibly empty
   * @param delimiter the listing's delimiter
   * @param commonPrefix the last common prefix a page returned
   * @return the position
   * @throws IllegalArgumentException when {@code commonPrefix} is not a common prefix of this
   *     listing
   */
  public static ListingCursor afterPrefix(String prefix, String delimiter, String commonPrefix) {
    return new ListingCursor(prefix, delimiter, true, commonPrefix);
  }

  /**
   * The common prefix {@code key} is listed under: the key up to and including the first {@code
   * delimiter} after {@code prefix}; {@code null} when there is no delimiter or the key has none
   * after the prefix (then the key is listed itself).
   *
   * @param key a key that starts with {@code prefix}
   * @param prefix the listing's prefix, possibly empty
   * @param delimiter the listing's delimiter, or {@code null}
   * @return the common prefix, or {@code null}
   */
  public static String commonPrefix(String key, String prefix, String delimiter) {
    if (delimiter == null) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }

  /**
   * Whether {@code key} comes after this position, so a page resuming here may list it.
   *
   * @param key a key of the listing
   * @return true when {@code key} sorts after the position and, after a common prefix, does not
   *     start with it
   */
  public boolean isPassedBy(String key) {
    if (KeyOrder.compare(key, position) <= 0) {
      return false;
    }
    return !afterCommonPrefix || !key.startsWith(position);
  }

  /**
   * The smallest string a page resuming here may list (inclusive; a key equal to it may still be
   * excluded by {@link #isPassedBy}), or {@code null} when nothing can follow.
   *
   * @return the position after a key, the successor of the position after a common prefix (see
   *     {@link KeyOrder#successor}), or {@code null}
   */
  public String resumeFrom() {
    return afterCommonPrefix ? KeyOrder.successor(position) : position;
  }

  /**
   * The opaque cursor text.
   *
   * @return URL-safe base64 without padding, for {@link #decode}
   */
  public String encode() {
    byte[] text = position.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + text.length + CHECKSUM_BYTES);
    buffer.put(FORMAT).put(afterCommonPrefix ? AFTER_PREFIX : AFTER_KEY);
    buffer.put(binding(prefix, delimiter)).put(text);
    buffer.putInt(checksum(buffer.array(), buffer.position()));
    return ENCODER.encodeToString(buffer.array());
  }

  /**
   * Reads a cursor made by {@link #encode} for the same prefix and delimiter.
   *
   * @param cursor the cursor text, not null
   * @param prefix the listing's prefix, possibly empty
   * @param delimiter the listing's delimiter, or {@code null}
   * @return the position the cursor holds
   * @throws InvalidRequestException when it is malformed, tampered with, made for another listing
   *     or points outside the prefix
   */
  public static ListingCursor decode(String cursor, String prefix, String delimiter) {
    Objects.requireNonNull(cursor, "cursor");
    if (cursor.length() <= MAX_CURSOR_CHARS) {
      try {
        byte[] bytes = DECODER.decode(cursor);
        // Only the canonical text: base64 ignores some bits of a last character, a cursor doesn't.
        ListingCursor decoded =
            ENCODER.encodeToString(bytes).equals(cursor) ? read(bytes, prefix, delimiter) : null;
        if (decoded != null) {
          return decoded;
        }
      } catch (IllegalArgumentException malformed) {
        // reported below, without echoing the cursor
      }
    }
    throw new InvalidRequestException("The cursor is not one made for this listing");
  }

  private static ListingCursor read(byte[] bytes, String prefix, String delimiter) {
    if (bytes.length < HEADER_BYTES + 1 + CHECKSUM_BYTES || bytes[0] != FORMAT) {
      return null;
    }
    int end = bytes.length - CHECKSUM_BYTES;
    if (ByteBuffer.wrap(bytes, end, CHECKSUM_BYTES).getInt() != checksum(bytes, end)) {
      return null;
    }
    if (!Arrays.equals(bytes, 2, HEADER_BYTES, binding(prefix, delimiter), 0, BINDING_BYTES)) {
      return null;
    }
    boolean afterPrefix;
    if (bytes[1] == AFTER_KEY) {
      afterPrefix = false;
    } else if (bytes[1] == AFTER_PREFIX && delimiter != null) {
      afterPrefix = true;
    } else {
      return null;
    }
    String position = MediaTypes.decodeUtf8(Arrays.copyOfRange(bytes, HEADER_BYTES, end));
    if (position == null) {
      return null;
    }
    try {
      Key.of(position); // the key rules: no control characters, at most 1024 bytes
      return new ListingCursor(prefix, delimiter, afterPrefix, position);
    } catch (InvalidKeyException | IllegalArgumentException outside) {
      return null;
    }
  }

  private static byte[] binding(String prefix, String delimiter) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prefix.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (delimiter != null) {
        sha.update((byte) 1);
        sha.update(delimiter.getBytes(StandardCharsets.UTF_8));
      }
      return Arrays.copyOf(sha.digest(), BINDING_BYTES);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
    }
  }

  private static int checksum(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }
}
