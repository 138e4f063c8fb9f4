package dev.kv.inmemory;

import dev.kv.core.Entry;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.Key;
import dev.kv.core.KeyValueStore;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link KeyValueStore} held in memory: thread-safe, with atomic conditional writes and sorted
 * listing. Entries are lost when the process ends.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {

  private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder CURSOR_DECODER = Base64.getUrlDecoder();
  private static final String CURSOR_MARK = "m1:";

  private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();

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

  @Override
  public Page list(String prefix, int limit, String cursor, Instant now) {
    String after = cursor == null ? null : decode(cursor);
    NavigableMap<String, Entry> tail =
        after == null || after.compareTo(prefix) < 0
            ? entries.tailMap(prefix, true)
            : entries.tailMap(after, false);
    List<String> keys = new ArrayList<>(Math.min(limit, 64));
    String last = null;
    for (Map.Entry<String, Entry> e : tail.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break; // keys with the prefix sort together, from the prefix itself on
      }
      if (live(e.getValue(), now) == null) {
        continue;
      }
      if (keys.size() == limit) {
        return new Page(keys, encode(last));
      }
      keys.add(e.getKey());
      last = e.getKey();
    }
    return new Page(keys, null);
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

  private static String encode(String lastKey) {
    return CURSOR_ENCODER.encodeToString((CURSOR_MARK + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String text = new String(CURSOR_DECODER.decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR_MARK)) {
        return text.substring(CURSOR_MARK.length());
      }
    } catch (IllegalArgumentException notBase64) {
      // reported below
    }
    throw new InvalidRequestException("The cursor is not one this store made");
  }
}
