package dev.kv.lambda;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueStore;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.StoreUnavailableException;
import dev.kv.core.WriteResult;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** A store whose every call fails with the given exception. */
final class FailingStore implements KeyValueStore {

  private final Supplier<RuntimeException> failure;

  private FailingStore(Supplier<RuntimeException> failure) {
    this.failure = failure;
  }

  static FailingStore unavailable() {
    return new FailingStore(
        () -> new StoreUnavailableException("throttled", new RuntimeException("429")));
  }

  static FailingStore broken(String message) {
    return new FailingStore(() -> new IllegalStateException(message));
  }

  @Override
  public Optional<Entry> get(Key key, Instant now) {
    throw failure.get();
  }

  @Override
  public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
    throw failure.get();
  }

  @Override
  public boolean delete(Key key, Precondition precondition, Instant now) {
    throw failure.get();
  }

  @Override
  public Page list(String prefix, String delimiter, int limit, String cursor, Instant now) {
    throw failure.get();
  }

  @Override
  public String name() {
    return "failing";
  }
}
