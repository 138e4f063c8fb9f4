package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cli.ServedKv;
import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.dynamodb.KvTable;
import dev.kv.dynamodb.testing.DynaliteProcess;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import dev.kv.reliability.FaultProxy.Mode;
import dev.kv.reliability.KvClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code kv serve} on DynamoDB (a dynalite process of its own) behind a {@link FaultProxy}: while
 * DynamoDB throttles, fails, resets connections, stalls or is killed, every request answers 503
 * {@code store-unavailable} with {@code Retry-After} within the store's configured call timeout;
 * when DynamoDB is back, the same server serves again; and no write answered 2xx is missing from
 * the table, read directly afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreFaultIT {

  private static final int CLIENTS = 4;

  /** The store's bound on one call (kv serve uses the defaults), plus slack for a busy machine. */
  private static final Duration BOUND =
      DynamoDbStoreConfig.DEFAULT_API_CALL_TIMEOUT.plus(Duration.ofSeconds(2));

  @TempDir static Path folder;

  private static DynaliteProcess dynalite;
  private static FaultProxy proxy;
  private static ServedKv kv;
  private static DynamoDbClient direct;
  private static String table;
  private static final List<Writer> writers = new ArrayList<>();
  private static final List<String> figures = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws Exception {
    DynamoDbTestEndpoint shared = DynamoDbTestEndpoint.shared(); // installs dynalite if missing
    if (!DynaliteProcess.installed()) {
      String why =
          "node_modules/dynalite is missing (the shared endpoint is " + shared.description() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    dynalite = DynaliteProcess.startWithData(folder);
    table = "kv-fault-" + Long.toString(System.nanoTime() % 1_000_000L, 36);
    direct =
        DynamoDbStoreConfig.of(table, "us-east-1")
            .withEndpointOverride(dynalite.endpoint())
            .withCredentials(shared.credentials())
            .buildClient();
    new KvTable(direct, table).create();
    proxy = new FaultProxy(dynalite.port());
    kv = ServedKv.dynamoDb(proxy.endpoint(), table);
    for (int c = 0; c < CLIENTS; c++) {
      writers.add(new Writer("fault/c" + c, new KvClient(kv.uri())));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    figures.forEach(System.out::println);
    if (kv != null) {
      kv.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (direct != null) {
      direct.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Test
  @Order(1)
  void servesWhileDynamoDbIsHealthy() throws Exception {
    proxy.mode(Mode.PASS);
    Phase phase = runFor("healthy", Duration.ofSeconds(2));

    assertThat(phase.statuses()).allMatch(s -> s >= 200 && s < 300);
  }

  @ParameterizedTest
  @Order(2)
  @EnumSource(
      value = Mode.class,
      names = {"THROTTLE", "SERVER_ERROR", "RESET", "STALL"})
  void unavailableWithinTheBoundWhileFaultyThenRecoversWithoutRestart(Mode fault) throws Exception {
    proxy.mode(fault);
    Phase faulty = runRequests(fault.name().toLowerCase(Locale.ROOT), 1);

    assertThat(faulty.answers).isNotEmpty().allSatisfy(StoreFaultIT::assertUnavailable);
    assertThat(faulty.maxLatency()).isLessThan(BOUND);
    assertThat(proxy.accepted(fault)).as("connections that met the fault").isPositive();

    proxy.mode(Mode.PASS);
    assertRecovers(fault.name().toLowerCase(Locale.ROOT));
  }

  @Test
  @Order(3)
  void dynamoDbKilledAndRestartedMidRun() throws Exception {
    proxy.mode(Mode.PASS);
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<List<Timed>>> runs = new ArrayList<>();
    for (Writer writer : writers) {
      runs.add(
          pool.submit(
              () -> {
                List<Timed> answers = new ArrayList<>();
                while (running.get()) {
                  answers.addAll(writer.step());
                }
                return answers;
              }));
    }
    Thread.sleep(1_500);
    long killedAt = System.nanoTime();
    dynalite.kill();
    Thread.sleep(3_000);
    long restartAt = System.nanoTime();
    dynalite.restart();
    long restartedAt = System.nanoTime();
    Thread.sleep(4_000);
    running.set(false);
    List<Timed> answers = new ArrayList<>();
    for (Future<List<Timed>> run : runs) {
      answers.addAll(run.get(1, TimeUnit.MINUTES));
    }
    pool.shutdownNow();

    List<Timed> whileDown =
        answers.stream()
            .filter(t -> t.start > killedAt + 200_000_000L && t.end < restartAt)
            .toList();
    List<Timed> afterRestart = answers.stream().filter(t -> t.start > restartedAt).toList();
    Phase phase = new Phase("kill-and-restart", answers);
    figures.add(
        phase.describe()
            + String.format(
                "; while down: %d requests, all 503: %s; restart took %d ms; first 2xx %d ms after"
                    + " the restart",
                whileDown.size(),
                whileDown.stream().allMatch(t -> t.answer.status() == 503),
                (restartedAt - restartAt) / 1_000_000,
                afterRestart.stream()
                        .filter(t -> t.answer.ok())
                        .mapToLong(t -> t.end - restartedAt)
                        .min()
                        .orElse(-1_000_000)
                    / 1_000_000));

    assertThat(answers)
        .allSatisfy(
            t -> {
              if (!t.answer.ok()) {
                assertUnavailable(t);
              }
            });
    assertThat(phase.maxLatency()).isLessThan(BOUND);
    assertThat(whileDown).isNotEmpty().allSatisfy(StoreFaultIT::assertUnavailable);
    assertThat(afterRestart).anyMatch(t -> t.answer.ok());
    assertRecovers("kill-and-restart");
  }

  @Test
  @Order(4)
  void everyAcknowledgedWriteIsInTheTableAndNoneMoreThanSent() {
    proxy.mode(Mode.PASS);
    DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(direct, table);
    int acknowledged = 0;
    int ambiguous = 0;
    for (Writer writer : writers) {
      Optional<Entry> stored = store.get(Key.of(writer.key), Instant.now());
      List<byte[]> allowed = writer.allowedFinalValues();
      acknowledged += writer.acknowledged;
      ambiguous += writer.ambiguous;
      assertThat(writer.acknowledged).as("writes acknowledged for " + writer.key).isPositive();
      assertThat(stored).as(writer.key).isPresent();
      assertThat(allowed)
          .as("%s holds its last acknowledged write, or a later unanswered one", writer.key)
          .anyMatch(v -> Arrays.equals(v, stored.get().value()));
      assertThat(writer.violations).as("reads during the run").isEmpty();
    }
    figures.add(
        "[kv faults] table read directly: "
            + acknowledged
            + " acknowledged writes all present or superseded; "
            + ambiguous
            + " writes answered 503 (may or may not have landed)");
  }

  private static void assertUnavailable(Timed timed) {
    Answer answer = timed.answer;
    assertThat(answer.status()).as(timed.what).isEqualTo(503);
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.text()).contains("\"code\":\"store-unavailable\"");
    assertThat(answer.header("Retry-After")).isEqualTo("1");
    assertThat(answer.text()).doesNotContain("Exception").doesNotContain("dynamodb");
  }

  private static void assertRecovers(String after) throws Exception {
    long start = System.nanoTime();
    Writer probe = writers.get(0);
    Optional<Long> recovered = Optional.empty();
    while (System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
      if (probe.step().stream().allMatch(t -> t.answer.ok())) {
        recovered = Optional.of(System.nanoTime() - start);
        break;
      }
      Thread.sleep(100);
    }
    assertThat(recovered).as("recovered after " + after).isPresent();
    figures.add(
        "[kv faults] recovery after "
            + after
            + ": first full success "
            + recovered.get() / 1_000_000
            + " ms after DynamoDB was back, with the same kv serve");
    Phase phase = runFor("after " + after, Duration.ofSeconds(1));
    assertThat(phase.statuses()).as("after recovery").allMatch(s -> s >= 200 && s < 300);
  }

  /** Every writer runs its steps for {@code duration}. */
  private static Phase runFor(String name, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    return run(name, writer -> System.nanoTime() < end);
  }

  /** Every writer runs {@code steps} steps. */
  private static Phase runRequests(String name, int steps) throws Exception {
    Map<Writer, Integer> done = new java.util.concurrent.ConcurrentHashMap<>();
    return run(name, writer -> done.merge(writer, 1, Integer::sum) <= steps);
  }

  private static Phase run(String name, Predicate<Writer> more) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<Timed>>> runs = new ArrayList<>();
      for (Writer writer : writers) {
        runs.add(
            pool.submit(
                () -> {
                  List<Timed> answers = new ArrayList<>();
                  while (more.test(writer)) {
                    answers.addAll(writer.step());
                  }
                  return answers;
                }));
      }
      List<Timed> answers = new ArrayList<>();
      for (Future<List<Timed>> run : runs) {
        answers.addAll(run.get(2, TimeUnit.MINUTES));
      }
      Phase phase = new Phase(name, answers);
      figures.add(phase.describe());
      return phase;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One answer with when it was asked and answered. */
  private record Timed(String what, Answer answer, long start, long end) {}

  /** The answers of one phase of the run. */
  private record Phase(String name, List<Timed> answers) {
    List<Integer> statuses() {
      return answers.stream().map(t -> t.answer.status()).toList();
    }

    Duration maxLatency() {
      return answers.stream()
          .map(t -> t.answer.latency())
          .max(Duration::compareTo)
          .orElse(Duration.ZERO);
    }

    String describe() {
      Map<Integer, Integer> byStatus = new TreeMap<>();
      answers.forEach(t -> byStatus.merge(t.answer.status(), 1, Integer::sum));
      long[] ms = answers.stream().mapToLong(t -> t.answer.latency().toMillis()).sorted().toArray();
      return String.format(
          "[kv faults] %s: %d requests, by status %s, latency median %d ms, max %d ms",
          name,
          answers.size(),
          byStatus,
          ms.length == 0 ? 0 : ms[ms.length / 2],
          ms.length == 0 ? 0 : ms[ms.length - 1]);
    }
  }

  /**
   * A client that owns one key: each step PUTs a new value and GETs it back, remembering which
   * writes were acknowledged and which went unanswered (503: may or may not have landed).
   */
  private static final class Writer {
    final String key;
    final KvClient http;
    final List<byte[]> values = new ArrayList<>();
    final List<Boolean> acked = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    int acknowledged;
    int ambiguous;
    int seq;

    Writer(String key, KvClient http) {
      this.key = key;
      this.http = http;
    }

    synchronized List<Timed> step() {
      byte[] value = (key + " value " + ++seq).getBytes(UTF_8);
      long start = System.nanoTime();
      Answer put = http.put(key, value, "Content-Type", "text/plain");
      Timed putTimed = new Timed("PUT " + key, put, start, System.nanoTime());
      if (put.ok()) {
        acknowledged++;
        values.add(value);
        acked.add(true);
      } else if (put.status() >= 500 || put.status() == 0) {
        ambiguous++;
        values.add(value);
        acked.add(false);
      } else {
        violations.add("PUT answered " + put.status() + ": " + put.text());
      }
      start = System.nanoTime();
      Answer get = http.get(key);
      Timed getTimed = new Timed("GET " + key, get, start, System.nanoTime());
      if (get.status() == 200
          && allowedFinalValues().stream().noneMatch(v -> Arrays.equals(v, get.body()))) {
        violations.add("GET returned a value that was never acknowledged nor pending");
      }
      if (get.ok() && put.ok() && !Arrays.equals(value, get.body())) {
        violations.add("GET right after an acknowledged PUT did not return it");
      }
      return List.of(putTimed, getTimed);
    }

    /** The last acknowledged value and every unanswered one after it. */
    synchronized List<byte[]> allowedFinalValues() {
      int lastAck = acked.lastIndexOf(true);
      return values.subList(Math.max(0, lastAck), values.size());
    }
  }
}
