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

  /** Checks the fields and copies the value. */
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

  /** A copy of the value bytes. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Size of the value in bytes, without copying it. */
  public int valueLength() {
    return value.length;
  }

  /** The entry this becomes once written with {@code version} at {@code now}. */
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
