package dev.kv.inmemory;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyOrder;
import dev.kv.core.KeyValueStore;
import dev.kv.core.ListingCursor;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link KeyValueStore} held in memory: thread-safe, with atomic conditional writes and sorted
 * listing. Entries are lost when the process ends.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {

  /** Entries in listing order: by the keys' UTF-8 bytes. */
  private final ConcurrentSkipListMap<String, Entry> entries =
      new ConcurrentSkipListMap<>(KeyOrder.UTF8);

  @Override
  public Optional<Entry> get(Key key, Instant now) {
    return Optional.ofNullable(live(entries.get(key.value()), now));
  }

  @Override
  public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
    WriteResult[] result = new WriteResult[1];
    // compute() is atomic per key: the precondition is checked against the value it replaces.
    entries.compute(
        entry.key().value(),
        (k, stored) -> {
          Entry current = live(stored, now);
          requireMet(precondition, current);
          long version = current == null ? 1 : current.version() + 1;
          result[0] = new WriteResult(version, current == null);
          return entry.toEntry(version, now);
        });
    return result[0];
  }

  @Override
  public boolean delete(Key key, Precondition precondition, Instant now) {
    boolean[] deleted = new boolean[1];
    entries.computeIfPresent(
        key.value(),
        (k, stored) -> {
          Entry current = live(stored, now);
          requireMet(precondition, current);
          deleted[0] = current != null;
          return null;
        });
    if (!deleted[0] && !precondition.isMetBy(null)) {
      // No entry at all (not even an expired one): the precondition still has to be judged.
      requireMet(precondition, null);
    }
    return deleted[0];
  }

  /**
   * One page in {@link KeyOrder}: each key or common prefix on the page costs one O(log n) step of
   * the sorted map, and a common prefix is skipped past in one step, so a page costs O(log n) per
   * entry it returns (and per expired entry it passes), whatever the size of the store.
   */
  @Override
  public Page list(String prefix, String delimiter, int limit, String cursor, Instant now) {
    ListingCursor after = cursor == null ? null : ListingCursor.decode(cursor, prefix, delimiter);
    String from = after == null ? prefix : after.resumeFrom();
    boolean inclusive = after == null || after.afterCommonPrefix();
    List<String> keys = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    ListingCursor last = null;
    while (from != null) {
      Map.Entry<String, Entry> e =
          inclusive ? entries.ceilingEntry(from) : entries.higherEntry(from);
      if (e == null || !e.getKey().startsWith(prefix)) {
        break; // keys with the prefix sort together, from the prefix itself on
      }
      String key = e.getKey();
      if (live(e.getValue(), now) == null) {
        from = key;
        inclusive = false;
        continue;
      }
      if (keys.size() + prefixes.size() == limit) {
        return new Page(keys, prefixes, last.encode());
      }
      String common = ListingCursor.commonPrefix(key, prefix, delimiter);
      if (common == null) {
        keys.add(key);
        last = ListingCursor.afterKey(prefix, delimiter, key);
        from = key;
        inclusive = false;
      } else {
        prefixes.add(common);
        last = ListingCursor.afterPrefix(prefix, delimiter, common);
        from = last.resumeFrom();
        inclusive = true;
      }
    }
    return new Page(keys, prefixes, null);
  }

  @Override
  public String name() {
    return "in-memory";
  }

  /** Number of entries held, expired ones included; for tests and diagnostics. */
  public int size() {
    return entries.size();
  }

  private static Entry live(Entry stored, Instant now) {
    return stored == null || stored.isExpiredAt(now) ? null : stored;
  }

  private static void requireMet(Precondition precondition, Entry current) {
    if (!precondition.isMetBy(current)) {
      throw new PreconditionFailedException(
          current == null
              ? "The precondition failed: there is no entry"
              : "The precondition failed: the entry is at version " + current.version(),
          current == null ? null : current.version());
    }
  }
}
