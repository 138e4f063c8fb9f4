package dev.kv.core;

import java.time.Instant;
import java.util.Optional;

/**
 * The driven port: where entries live. Adapters implement it (in memory, DynamoDB, …).
 *
 * <p>Every method takes {@code now}, the instant the caller's clock reads: an entry whose expiry is
 * at or before {@code now} is absent for every operation, even if the store still holds it. Writes
 * are atomic compare-and-set operations: the precondition is checked in the same step that writes.
 */
public interface KeyValueStore {

  /**
   * The live entry under {@code key}, or empty when there is none or it has expired.
   *
   * @param key the key
   * @param now the caller's current time, for expiry
   * @return the entry, or empty
   */
  Optional<Entry> get(Key key, Instant now);

  /**
   * Writes {@code entry} if {@code precondition} holds for the live entry (an expired entry counts
   * as none). The new version is 1 when no live entry existed, else the old version + 1.
   *
   * @param entry the entry to write
   * @param precondition the condition to write under
   * @param now the caller's current time, for expiry and as the entry's write time
   * @return the new version, and whether no live entry existed before
   * @throws PreconditionFailedException when the precondition does not hold
   */
  WriteResult put(NewEntry entry, Precondition precondition, Instant now);

  /**
   * Deletes the live entry under {@code key} if {@code precondition} holds.
   *
   * @param key the key
   * @param precondition the condition to delete under
   * @param now the caller's current time, for expiry
   * @return true when a live entry was deleted, false when there was none
   * @throws PreconditionFailedException when the precondition does not hold
   */
  boolean delete(Key key, Precondition precondition, Instant now);

  /**
   * One page of the keys of live entries that start with {@code prefix}, in {@link KeyOrder}. With
   * a delimiter, keys that contain it after the prefix are listed once per common prefix (see
   * {@link ListingCursor#commonPrefix}); keys and prefixes interleave in one sorted sequence that
   * {@code limit} and {@code cursor} page through. Pages resume with {@link ListingCursor}.
   *
   * @param prefix a checked prefix, possibly empty
   * @param delimiter a checked delimiter, or {@code null} for none
   * @param limit at most this many keys and prefixes, between {@link Limits#MIN_LIST_LIMIT} and
   *     {@link Limits#MAX_LIST_LIMIT}
   * @param cursor the cursor of the previous page, or {@code null} for the first
   * @param now the caller's current time, for expiry
   * @return the page, with the cursor of the next page or {@code null} on the last
   * @throws InvalidRequestException when the cursor was not made for this prefix and delimiter
   */
  Page list(String prefix, String delimiter, int limit, String cursor, Instant now);

  /**
   * A short name for the kind of store, e.g. {@code in-memory} or {@code dynamodb}.
   *
   * @return the name
   */
  String name();
}
