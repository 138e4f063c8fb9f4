package example;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueStore;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.WriteResult;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** An application's own store: counts the writes it passes on to another store. */
public final class AuditedStore implements KeyValueStore {

  private final KeyValueStore delegate;
  private final AtomicLong writes = new AtomicLong();

  public AuditedStore(KeyValueStore delegate) {
    this.delegate = delegate;
  }

  public long writes() {
    return writes.get();
  }

  @Override
  public Optional<Entry> get(Key key, Instant now) {
    return delegate.get(key, now);
  }

  @Override
  public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
    writes.incrementAndGet();
    return delegate.put(entry, precondition, now);
  }

  @Override
  public boolean delete(Key key, Precondition precondition, Instant now) {
    writes.incrementAndGet();
    return delegate.delete(key, precondition, now);
  }

  @Override
  public Page list(String prefix, String delimiter, int limit, String cursor, Instant now) {
    return delegate.list(prefix, delimiter, limit, cursor, now);
  }

  @Override
  public String name() {
    return "audited " + delegate.name();
  }
}
