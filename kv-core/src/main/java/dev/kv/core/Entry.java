package dev.kv.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored entry: key, value bytes, content type, version and times.
 *
 * @param key the key
 * @param value the value; copied in and out, never shared
 * @param contentType the content type stored with the value
 * @param version 1 on creation, +1 on every write; 0 for entries of the original service
 * @param updatedAt time of the last write, or {@code null} when unknown (original service)
 * @param expiresAt time from which the entry is absent, or {@code null} for no expiry
 */
public record Entry(
    Key key, byte[] value, String contentType, long version, Instant updatedAt, Instant expiresAt) {

  /**
   * Checks the fields and copies the value.
   *
   * @param key the key
   * @param value the value; copied, so later changes to the array do not reach the entry
   * @param contentType the content type stored with the value
   * @param version the version, 0 or more
   * @param updatedAt time of the last write, or {@code null} when unknown
   * @param expiresAt time from which the entry is absent, or {@code null} for no expiry
   * @throws NullPointerException when {@code key}, {@code value} or {@code contentType} is null
   * @throws IllegalArgumentException when {@code version} is negative
   */
  public Entry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(contentType, "contentType");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    value = value.clone();
  }

  /**
   * A copy of the value bytes.
   *
   * @return a new array on every call; changing it does not change the entry
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * Size of the value in bytes, without copying it.
   *
   * @return the number of bytes in the value, 0 or more
   */
  public int valueLength() {
    return value.length;
  }

  /**
   * Time of the last write, when known.
   *
   * @return {@link #updatedAt()}, empty when unknown (entries of the original service)
   */
  public Optional<Instant> lastModified() {
    return Optional.ofNullable(updatedAt);
  }

  /**
   * Expiry time, when the entry has one.
   *
   * @return {@link #expiresAt()}, empty when the entry does not expire
   */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Whether the entry is absent at {@code now}: expiry is inclusive of its own second.
   *
   * @param now the instant to judge expiry at
   * @return true when the entry has an expiry at or before {@code now}
   */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Entry e
        && key.equals(e.key)
        && Arrays.equals(value, e.value)
        && contentType.equals(e.contentType)
        && version == e.version
        && Objects.equals(updatedAt, e.updatedAt)
        && Objects.equals(expiresAt, e.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), contentType, version, updatedAt, expiresAt);
  }

  @Override
  public String toString() {
    // Never the value: it may be a secret.
    return "Entry[key="
        + key
        + ", valueLength="
        + value.length
        + ", contentType="
        + contentType
        + ", version="
        + version
        + ", updatedAt="
        + updatedAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
