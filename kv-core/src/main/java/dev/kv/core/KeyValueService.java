package dev.kv.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases of kv: checks every input against the limits, reads the clock for expiry and write
 * times, and delegates to a {@link KeyValueStore}. Thread-safe when the store is.
 */
public final class KeyValueService {

  private final KeyValueStore store;
  private final Clock clock;

  /**
   * A service over {@code store} that reads time from {@code clock}.
   *
   * @param store where the entries live
   * @param clock the time for write times and expiry
   * @throws NullPointerException when {@code store} or {@code clock} is null
   */
  public KeyValueService(KeyValueStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A service over {@code store} on the system clock.
   *
   * @param store where the entries live
   * @throws NullPointerException when {@code store} is null
   */
  public KeyValueService(KeyValueStore store) {
    this(store, Clock.systemUTC());
  }

  /**
   * The live entry under {@code key}, empty when absent or expired.
   *
   * @param key the key
   * @return the entry, or empty
   */
  public Optional<Entry> get(Key key) {
    return store.get(Objects.requireNonNull(key, "key"), now());
  }

  /**
   * Stores {@code value} under {@code key}.
   *
   * @param key the key
   * @param value the value bytes, at most {@link Limits#MAX_VALUE_BYTES}; copied
   * @param contentType the value's content type, or {@code null} for {@link
   *     Limits#DEFAULT_CONTENT_TYPE}
   * @param precondition the condition to write under
   * @param ttl time to live, or {@code null} for none (which clears any earlier expiry); whole
   *     seconds, {@link Limits#MIN_TTL_SECONDS} to {@link Limits#MAX_TTL_SECONDS}
   * @return the version the entry now has, and whether it was created
   * @throws ValueTooLargeException when the value is over {@link Limits#MAX_VALUE_BYTES}
   * @throws InvalidRequestException for a bad content type or ttl
   * @throws PreconditionFailedException when the precondition does not hold
   */
  public WriteResult put(
      Key key, byte[] value, String contentType, Precondition precondition, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(precondition, "precondition");
    Instant now = now();
    Instant expiresAt = ttl == null ? null : expiryAfter(now, ttl);
    NewEntry entry = new NewEntry(key, value, checkContentType(contentType), expiresAt);
    return store.put(entry, precondition, now);
  }

  /**
   * Stores {@code value} under {@code key} with no precondition and no expiry.
   *
   * @param key the key
   * @param value the value bytes, at most {@link Limits#MAX_VALUE_BYTES}; copied
   * @param contentType the value's content type, or {@code null} for {@link
   *     Limits#DEFAULT_CONTENT_TYPE}
   * @return the version the entry now has, and whether it was created
   * @throws ValueTooLargeException when the value is over {@link Limits#MAX_VALUE_BYTES}
   * @throws InvalidRequestException for a bad content type
   */
  public WriteResult put(Key key, byte[] value, String contentType) {
    return put(key, value, contentType, Precondition.NONE, null);
  }

  /**
   * Deletes the live entry under {@code key} if {@code precondition} holds.
   *
   * @param key the key
   * @param precondition the condition to delete under
   * @return true when an entry was deleted, false when there was none (or it had expired)
   * @throws PreconditionFailedException when the precondition does not hold
   */
  public boolean delete(Key key, Precondition precondition) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(precondition, "precondition");
    return store.delete(key, precondition, now());
  }

  /**
   * Deletes the live entry under {@code key}; true when there was one.
   *
   * @param key the key
   * @return true when an entry was deleted, false when there was none (or it had expired)
   */
  public boolean delete(Key key) {
    return delete(key, Precondition.NONE);
  }

  /**
   * One page of the keys starting with {@code prefix}, without a delimiter.
   *
   * @param prefix the prefix, {@code null} or empty for all keys
   * @param limit page size, {@link Limits#MIN_LIST_LIMIT} to {@link Limits#MAX_LIST_LIMIT}
   * @param cursor the previous page's cursor, or {@code null} for the first page
   * @return the page: keys in {@link KeyOrder} and the next page's cursor
   * @throws InvalidKeyException when the prefix breaks a key rule
   * @throws InvalidRequestException for a bad limit or cursor
   */
  public Page list(String prefix, int limit, String cursor) {
    return list(prefix, null, limit, cursor);
  }

  /**
   * One page of the keys starting with {@code prefix}, in {@link KeyOrder}, with keys that contain
   * {@code delimiter} after the prefix grouped into common prefixes.
   *
   * @param prefix the prefix, {@code null} or empty for all keys
   * @param delimiter 1 to {@link Limits#MAX_DELIMITER_BYTES} bytes, or {@code null} for none
   * @param limit page size (keys and prefixes together), {@link Limits#MIN_LIST_LIMIT} to {@link
   *     Limits#MAX_LIST_LIMIT}
   * @param cursor the previous page's cursor, or {@code null} for the first page
   * @return the page: keys and common prefixes, and the next page's cursor
   * @throws InvalidKeyException when the prefix breaks a key rule
   * @throws InvalidRequestException for a bad delimiter, limit or cursor
   */
  public Page list(String prefix, String delimiter, int limit, String cursor) {
    String checkedPrefix = Key.checkPrefix(prefix);
    checkDelimiter(delimiter);
    if (limit < Limits.MIN_LIST_LIMIT || limit > Limits.MAX_LIST_LIMIT) {
      throw new InvalidRequestException(
          "limit must be between "
              + Limits.MIN_LIST_LIMIT
              + " and "
              + Limits.MAX_LIST_LIMIT
              + ", was "
              + limit);
    }
    if (cursor != null) {
      // Checked here as well as in the store, so every store rejects the same cursors.
      ListingCursor.decode(cursor, checkedPrefix, delimiter);
    }
    return store.list(checkedPrefix, delimiter, limit, cursor, now());
  }

  /**
   * Checks a listing delimiter: {@code null} (none), or 1 to {@link Limits#MAX_DELIMITER_BYTES}
   * bytes of UTF-8 text without control characters.
   *
   * @param delimiter the delimiter, or {@code null}
   * @return {@code delimiter}, unchanged
   * @throws InvalidRequestException when it breaks a rule
   */
  public static String checkDelimiter(String delimiter) {
    if (delimiter == null) {
      return null;
    }
    String rule =
        "delimiter must be "
            + Limits.MIN_DELIMITER_BYTES
            + " to "
            + Limits.MAX_DELIMITER_BYTES
            + " bytes of UTF-8 without control characters";
    int bytes = delimiter.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < Limits.MIN_DELIMITER_BYTES || bytes > Limits.MAX_DELIMITER_BYTES) {
      throw new InvalidRequestException(rule);
    }
    try {
      Key.checkPrefix(delimiter);
    } catch (InvalidKeyException bad) {
      throw new InvalidRequestException(rule);
    }
    return delimiter;
  }

  /**
   * The kind of store behind this service.
   *
   * @return the store's {@link KeyValueStore#name()}, e.g. {@code in-memory}
   */
  public String storeName() {
    return store.name();
  }

  /**
   * Checks a content type and substitutes the default for {@code null}.
   *
   * @param contentType the content type, or {@code null}
   * @return the content type without leading and trailing white space, or {@link
   *     Limits#DEFAULT_CONTENT_TYPE} for {@code null}
   * @throws InvalidRequestException when it is empty, longer than {@link
   *     Limits#MAX_CONTENT_TYPE_CHARS} or has characters outside printable ASCII
   */
  public static String checkContentType(String contentType) {
    if (contentType == null) {
      return Limits.DEFAULT_CONTENT_TYPE;
    }
    String trimmed = contentType.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidRequestException("Content-Type must not be empty");
    }
    if (trimmed.length() > Limits.MAX_CONTENT_TYPE_CHARS) {
      throw new InvalidRequestException(
          "Content-Type is longer than " + Limits.MAX_CONTENT_TYPE_CHARS + " characters");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7e) {
        throw new InvalidRequestException("Content-Type has a character outside printable ASCII");
      }
    }
    return trimmed;
  }

  /**
   * Checks a time to live in whole seconds.
   *
   * @param seconds the time to live, in seconds
   * @return the time to live as a duration
   * @throws InvalidRequestException unless between {@link Limits#MIN_TTL_SECONDS} and {@link
   *     Limits#MAX_TTL_SECONDS}
   */
  public static Duration checkTtl(long seconds) {
    if (seconds < Limits.MIN_TTL_SECONDS || seconds > Limits.MAX_TTL_SECONDS) {
      throw new InvalidRequestException(
          "ttl must be between "
              + Limits.MIN_TTL_SECONDS
              + " and "
              + Limits.MAX_TTL_SECONDS
              + " seconds");
    }
    return Duration.ofSeconds(seconds);
  }

  private static Instant expiryAfter(Instant now, Duration ttl) {
    if (ttl.getNano() != 0) {
      throw new InvalidRequestException("ttl must be a whole number of seconds");
    }
    checkTtl(ttl.getSeconds());
    // Whole seconds: expiry is kept to the second, so every store agrees on it.
    return Instant.ofEpochSecond(now.getEpochSecond() + ttl.getSeconds());
  }

  private Instant now() {
    // Millisecond precision: write times are kept to the millisecond in every store.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
