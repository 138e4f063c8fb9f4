package dev.kv.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cli.LocalApiServer;
import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.KeyValueStore;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.WriteResult;
import dev.kv.inmemory.InMemoryKeyValueStore;
import dev.kv.lambda.KvApiHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The load run's checks can fail: served over a store that forgets writes or ignores preconditions,
 * it reports integrity violations and lost updates.
 */
class LoadRunCatchesBrokenStoresTest {

  private static final LoadRun.Settings SHORT =
      new LoadRun.Settings(8, Duration.ofSeconds(2), 4, 1, 100_000);

  @Test
  void aStoreThatAcknowledgesWritesItDropsIsCaught() throws Exception {
    LoadRun.Figures figures = runAgainst(new DropsEveryTenthWrite());

    assertThat(figures.violations.sum()).isPositive();
    assertThat(figures.reported).anySatisfy(v -> assertThat(v).contains("expected"));
  }

  @Test
  void aStoreThatIgnoresPreconditionsLosesUpdatesAndIsCaught() throws Exception {
    LoadRun.Figures figures = runAgainst(new IgnoresPreconditions());

    assertThat(figures.lostUpdates).isPositive();
    assertThat(figures.violations.sum()).isPositive();
  }

  @Test
  void aCorrectStorePasses() throws Exception {
    LoadRun.Figures figures = runAgainst(new InMemoryKeyValueStore());

    assertThat(figures.reported).isEmpty();
    assertThat(figures.lostUpdates).isZero();
    assertThat(figures.serverErrors()).isZero();
  }

  private static LoadRun.Figures runAgainst(KeyValueStore store) throws Exception {
    KvApiHandler handler = new KvApiHandler(new KeyValueService(store), line -> {});
    try (LocalApiServer server =
        LocalApiServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler, 8, e -> {})) {
      LoadRun.Figures figures = LoadRun.run(server.uri(), store.name(), SHORT);
      System.out.println(figures.summary());
      return figures;
    }
  }

  /** Answers every tenth put as if it had stored it, and stores nothing. */
  private static final class DropsEveryTenthWrite extends Delegating {
    private final AtomicInteger puts = new AtomicInteger();

    @Override
    public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
      if (puts.incrementAndGet() % 10 == 0) {
        Optional<Entry> current = delegate.get(entry.key(), now);
        return new WriteResult(current.map(e -> e.version() + 1).orElse(1L), current.isEmpty());
      }
      return delegate.put(entry, precondition, now);
    }
  }

  /** Writes whatever the precondition says: read-then-write clients lose updates. */
  private static final class IgnoresPreconditions extends Delegating {
    @Override
    public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
      return delegate.put(entry, Precondition.NONE, now);
    }
  }

  private abstract static class Delegating implements KeyValueStore {
    final InMemoryKeyValueStore delegate = new InMemoryKeyValueStore();

    @Override
    public Optional<Entry> get(Key key, Instant now) {
      return delegate.get(key, now);
    }

    @Override
    public boolean delete(Key key, Precondition precondition, Instant now) {
      return delegate.delete(key, precondition, now);
    }

    @Override
    public Page list(String prefix, String delimiter, int limit, String cursor, Instant now) {
      return delegate.list(prefix, delimiter, limit, cursor, now);
    }

    @Override
    public String name() {
      return getClass().getSimpleName();
    }
  }
}
