package dev.kv.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.kv.cli.LocalApiServer;
import dev.kv.core.Entry;
import dev.kv.core.KeyValueService;
import dev.kv.core.KeyValueStore;
import dev.kv.core.NewEntry;
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
    LoadRun.Figures figures = runAgainst(dropsEveryTenthWrite());

    assertThat(figures.violations.sum()).isPositive();
    assertThat(figures.reported).anySatisfy(v -> assertThat(v).contains("expected"));
  }

  @Test
  void aStoreThatIgnoresPreconditionsLosesUpdatesAndIsCaught() throws Exception {
    LoadRun.Figures figures = runAgainst(ignoresPreconditions());

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
  private static KeyValueStore dropsEveryTenthWrite() {
    InMemoryKeyValueStore real = new InMemoryKeyValueStore();
    KeyValueStore store = delegatingTo(real, "DropsEveryTenthWrite");
    AtomicInteger puts = new AtomicInteger();
    doAnswer(
            call -> {
              NewEntry entry = call.getArgument(0);
              Instant now = call.getArgument(2);
              if (puts.incrementAndGet() % 10 == 0) {
                Optional<Entry> current = real.get(entry.key(), now);
                return new WriteResult(
                    current.map(e -> e.version() + 1).orElse(1L), current.isEmpty());
              }
              return real.put(entry, call.getArgument(1), now);
            })
        .when(store)
        .put(any(), any(), any());
    return store;
  }

  /** Writes whatever the precondition says: read-then-write clients lose updates. */
  private static KeyValueStore ignoresPreconditions() {
    InMemoryKeyValueStore real = new InMemoryKeyValueStore();
    KeyValueStore store = delegatingTo(real, "IgnoresPreconditions");
    doAnswer(call -> real.put(call.getArgument(0), Precondition.NONE, call.getArgument(2)))
        .when(store)
        .put(any(), any(), any());
    return store;
  }

  /** The in-memory store behind a Mockito stand-in, under {@code name}. */
  private static KeyValueStore delegatingTo(InMemoryKeyValueStore real, String name) {
    KeyValueStore store =
        mock(KeyValueStore.class, withSettings().stubOnly().defaultAnswer(delegatesTo(real)));
    doReturn(name).when(store).name();
    return store;
  }
}
