package dev.kv.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What a put writes, before the store assigns the version.
 *
 * @param key the key
 * @param value the value bytes; copied in and out
 * @param contentType the content type to store
 * @param expiresAt expiry time, or {@code null} for none
 */
public record NewEntry(Key key, byte[] value, String contentType, Instant expiresAt) {

  /**
   * Checks the fields and copies the value.
   *
   * @param key the key
   * @param value the value bytes; copied, so later changes to the array do not reach the entry
   * @param contentType the content type to store
   * @param expiresAt expiry time, or {@code null} for none
   * @throws NullPointerException when {@code key}, {@code value} or {@code contentType} is null
   * @throws ValueTooLargeException when the value is over {@link Limits#MAX_VALUE_BYTES}
   */
  public NewEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(contentType, "contentType");
    if (value.length > Limits.MAX_VALUE_BYTES) {
      throw new ValueTooLargeException(
          "The value has " + value.length + " bytes; at most " + Limits.MAX_VALUE_BYTES + " fit");
    }
    value = value.clone();
  }

  /**
   * A copy of the value bytes.
   *
   * @return a new array on every call; changing it does not change this entry
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * Size of the value in bytes, without copying it.
   *
   * @return the number of bytes in the value, 0 to {@link Limits#MAX_VALUE_BYTES}
   */
  public int valueLength() {
    return value.length;
  }

  /**
   * The entry this becomes once written with {@code version} at {@code now}.
   *
   * @param version the version the store assigns, 0 or more
   * @param now the time of the write, the entry's {@code updatedAt}
   * @return the entry, with this key, value, content type and expiry
   */
  public Entry toEntry(long version, Instant now) {
    return new Entry(key, value, contentType, version, now, expiresAt);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NewEntry e
        && key.equals(e.key)
        && java.util.Arrays.equals(value, e.value)
        && contentType.equals(e.contentType)
        && Objects.equals(expiresAt, e.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, java.util.Arrays.hashCode(value), contentType, expiresAt);
  }

  @Override
  public String toString() {
    return "NewEntry[key="
        + key
        + ", valueLength="
        + value.length
        + ", contentType="
        + contentType
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
