package dev.kv.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.NewEntry;
import dev.kv.core.Precondition;
import dev.kv.core.StoreUnavailableException;
import dev.kv.dynamodb.FaultInjectingHttpClient.Fault;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throttling, server errors, a hanging endpoint and a refused connection: the store answers {@link
 * StoreUnavailableException} within the configured bound, and no failed write reports success.
 */
class DynamoDbFaultIT {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);
  private static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);
  private static final int MAX_ATTEMPTS = 3;

  /** Slack for scheduling on a busy machine, on top of the configured call timeout. */
  private static final Duration SLACK = Duration.ofSeconds(1);

  private static DynamoDbTestEndpoint dynamo;
  private static String table;
  private static FaultInjectingHttpClient http;
  private static DynamoDbClient faultyClient;
  private static DynamoDbKeyValueStore store;
  private static DynamoDbKeyValueStore cleanStore;

  @BeforeAll
  static void setUp() {
    dynamo = DynamoDbTestEndpoint.shared();
    table = dynamo.createTable();
    http = new FaultInjectingHttpClient();
    faultyClient =
        shortBounds(dynamo.config(table))
            .clientBuilder()
            .httpClientBuilder(null)
            .httpClient(http)
            .build();
    store = new DynamoDbKeyValueStore(faultyClient, table);
    cleanStore = new DynamoDbKeyValueStore(dynamo.client(), table);
  }

  @AfterAll
  static void tearDown() {
    if (faultyClient != null) {
      faultyClient.close();
    }
    if (table != null) {
      dynamo.deleteTable(table);
    }
  }

  @BeforeEach
  void noFault() {
    http.inject(Fault.NONE);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "PROVISIONED_THROUGHPUT_EXCEEDED",
        "REQUEST_LIMIT_EXCEEDED",
        "THROTTLING",
        "INTERNAL_SERVER_ERROR",
        "SERVICE_UNAVAILABLE"
      })
  void throttlingAndServerErrorsAreRetriedThenReportedAsUnavailable(Fault fault) {
    String key = fault.name();
    store.put(entry(key, "before"), Precondition.NONE, NOW);
    http.inject(fault);

    assertUnavailableWithinBound(
        () -> store.put(entry(key, "after"), Precondition.NONE, NOW), CALL_TIMEOUT);

    assertThat(http.attempts()).as("attempts").isBetween(2, MAX_ATTEMPTS);
    http.inject(Fault.NONE);
    assertThat(cleanStore.get(Key.of(key), NOW).orElseThrow().value()).isEqualTo(bytes("before"));
  }

  @Test
  void everyOperationIsUnavailableOnServerErrorsAndNoWriteLands() {
    store.put(entry("all/k", "before"), Precondition.NONE, NOW);
    List<Executable> operations =
        List.of(
            () -> store.get(Key.of("all/k"), NOW),
            () -> store.put(entry("all/k", "after"), Precondition.NONE, NOW),
            () -> store.put(entry("all/k", "after"), Precondition.versionEquals(1), NOW),
            () -> store.put(entry("all/k", "after"), Precondition.MUST_EXIST, NOW),
            () -> store.put(entry("all/new", "after"), Precondition.MUST_NOT_EXIST, NOW),
            () -> store.delete(Key.of("all/k"), Precondition.NONE, NOW),
            () -> store.delete(Key.of("all/k"), Precondition.versionEquals(1), NOW),
            () -> store.list("", null, 10, null, NOW));

    for (Executable operation : operations) {
      http.inject(Fault.INTERNAL_SERVER_ERROR);
      assertUnavailableWithinBound(operation, CALL_TIMEOUT);
      // Retried, and no more than configured (on a loaded machine the call timeout may end the
      // retries before the last attempt).
      assertThat(http.attempts()).as("attempts").isBetween(2, MAX_ATTEMPTS);
    }

    http.inject(Fault.NONE);
    Entry unchanged = cleanStore.get(Key.of("all/k"), NOW).orElseThrow();
    assertThat(unchanged.value()).isEqualTo(bytes("before"));
    assertThat(unchanged.version()).isEqualTo(1);
    assertThat(cleanStore.get(Key.of("all/new"), NOW)).isEmpty();
  }

  @Test
  void writeWhoseAnswerIsLostIsNeverReportedAsSuccess() {
    store.put(entry("w", "before"), Precondition.NONE, NOW);
    http.inject(Fault.SERVER_ERROR_AFTER_FORWARDING);

    // The request reaches the table and may change it, but the caller is told to retry (503),
    // never that the write succeeded.
    assertUnavailableWithinBound(
        () -> store.put(entry("w", "after"), Precondition.NONE, NOW), CALL_TIMEOUT);
    assertUnavailableWithinBound(
        () -> store.put(entry("w2", "after"), Precondition.MUST_NOT_EXIST, NOW), CALL_TIMEOUT);
    assertUnavailableWithinBound(
        () -> store.delete(Key.of("w"), Precondition.NONE, NOW), CALL_TIMEOUT);
  }

  @Test
  void hangingEndpointTimesOutWithinTheConfiguredBound() throws IOException {
    try (BlackHole hole = new BlackHole();
        DynamoDbKeyValueStore hanging =
            DynamoDbKeyValueStore.create(
                shortBounds(dynamo.config(table)).withEndpointOverride(hole.endpoint()))) {
      assertUnavailableWithinBound(() -> hanging.get(Key.of("k"), NOW), CALL_TIMEOUT);
      assertUnavailableWithinBound(
          () -> hanging.put(entry("k", "v"), Precondition.NONE, NOW), CALL_TIMEOUT);
      assertThat(hole.connections()).as("connections (attempts)").isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void defaultBoundsEndAHangingCallFarUnderApiGatewaysTimeout() throws IOException {
    try (BlackHole hole = new BlackHole();
        DynamoDbKeyValueStore hanging =
            DynamoDbKeyValueStore.create(
                dynamo.config(table).withEndpointOverride(hole.endpoint()))) {
      Duration took =
          assertUnavailableWithinBound(
              () -> hanging.get(Key.of("k"), NOW), DynamoDbStoreConfig.DEFAULT_API_CALL_TIMEOUT);
      System.out.println("[kv tests] hanging GetItem with the default bounds failed after " + took);
    }
  }

  @Test
  void refusedConnectionIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
    try (DynamoDbKeyValueStore refused =
        DynamoDbKeyValueStore.create(
            shortBounds(dynamo.config(table)).withEndpointOverride(nowhere))) {
      assertUnavailableWithinBound(
          () -> refused.put(entry("k", "v"), Precondition.NONE, NOW), CALL_TIMEOUT);
    }
  }

  private static DynamoDbStoreConfig shortBounds(DynamoDbStoreConfig config) {
    return config.withTimeouts(ATTEMPT_TIMEOUT, CALL_TIMEOUT).withMaxAttempts(MAX_ATTEMPTS);
  }

  private static Duration assertUnavailableWithinBound(Executable operation, Duration bound) {
    long start = System.nanoTime();
    assertThatThrownBy(operation::execute).isInstanceOf(StoreUnavailableException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(bound.plus(SLACK));
    return took;
  }

  private static NewEntry entry(String key, String value) {
    return new NewEntry(Key.of(key), bytes(value), "text/plain", null);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  /** A loopback server that accepts connections and never answers. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    BlackHole() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    accepted.add(server.accept());
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    int connections() {
      return accepted.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }
}
