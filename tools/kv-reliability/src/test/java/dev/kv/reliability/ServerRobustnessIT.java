package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cli.RawHttp;
import dev.kv.cli.ServedKv;
import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import dev.kv.reliability.KvClient.Answer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code kv serve} as a server one can leave running: slow clients cannot starve others, idle
 * connections are closed, and stopping it under load loses no acknowledged write.
 */
class ServerRobustnessIT {

  @Test
  void slowLorisClientsDoNotStopOthersFromBeingServed() throws Exception {
    // Two worker threads only: a server with a thread per exchange would be stalled by two.
    try (ServedKv kv = ServedKv.inMemory("--threads", "2", "--quiet")) {
      KvClient http = new KvClient(kv.uri());
      assertThat(http.put("fast", "v".getBytes(UTF_8)).status()).isEqualTo(201);
      List<Socket> slow = new ArrayList<>();
      AtomicBoolean dripping = new AtomicBoolean(true);
      Thread drip = null;
      try {
        for (int i = 0; i < 40; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), kv.port());
          // Half send headers a byte at a time, half a complete head and then a body slowly.
          String start =
              i % 2 == 0
                  ? "GET /key/fast HTTP/1.1\r\nHost: x\r\nX-Slow: "
                  : "PUT /key/slow-" + i + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n";
          socket.getOutputStream().write(start.getBytes(ISO_8859_1));
          slow.add(socket);
        }
        drip =
            new Thread(
                () -> {
                  while (dripping.get()) {
                    for (Socket socket : slow) {
                      try {
                        socket.getOutputStream().write('a');
                      } catch (IOException closed) {
                        // the server may close it: fine
                      }
                    }
                    sleep(2_000);
                  }
                },
                "slow-loris");
        drip.start();
        sleep(1_000);

        for (int i = 0; i < 200; i++) {
          Answer answer = http.get("fast");
          assertThat(answer.status())
              .as("request %d while 40 slow clients hold on", i)
              .isEqualTo(200);
          assertThat(answer.latency())
              .as("latency of request %d", i)
              .isLessThan(Duration.ofSeconds(2));
        }
        assertThat(http.put("other", "w".getBytes(UTF_8)).status()).isEqualTo(201);
      } finally {
        dripping.set(false);
        if (drip != null) {
          drip.join(5_000);
        }
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  @Test
  void malformedRequestsOnOtherConnectionsNeverChangeAWellBehavedClientsAnswers() throws Exception {
    // Requests Jetty refuses before kv's handler runs (a broken request line, a target over the
    // limit), sent over and over on their own connections while well-behaved clients check every
    // answer on their keep-alive connections: with Jetty's pooled buffers, such a client got a
    // 400 or the answer to its previous request within seconds.
    List<RawHttpCase> hostile = new ArrayList<>();
    for (String name :
        List.of(
            "request-line-garbage.http",
            "request-line-raw-space-in-key.http",
            "request-target-huge.http")) {
      hostile.add(
          RawHttpCase.load(
              Path.of(ServerRobustnessIT.class.getResource("/raw-http/" + name).toURI())));
    }
    try (ServedKv kv = ServedKv.inMemory("--quiet")) {
      KvClient setup = new KvClient(kv.uri());
      for (int i = 0; i < 20; i++) {
        assertThat(setup.put("k" + i, ("value-" + i).getBytes(UTF_8)).status()).isEqualTo(201);
      }
      AtomicBoolean running = new AtomicBoolean(true);
      List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
      AtomicInteger checked = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> tasks = new ArrayList<>();
      try {
        for (int t = 0; t < 4; t++) {
          int first = t;
          tasks.add(
              pool.submit(
                  () -> {
                    for (int n = first; running.get(); n++) {
                      RawHttpCase bad = hostile.get(n % hostile.size());
                      try (RawHttp connection = RawHttp.connect(kv.port())) {
                        connection.send(bad.bytes());
                        connection.finishSending();
                        if (connection.answer().status() == bad.status()) {
                          refused.incrementAndGet();
                        }
                      }
                    }
                    return null;
                  }));
        }
        for (int t = 0; t < 4; t++) {
          tasks.add(
              pool.submit(
                  () -> {
                    KvClient http = new KvClient(kv.uri());
                    for (int n = 0; running.get(); n++) {
                      Answer list = http.send("GET", "/key?prefix=k&limit=1000", null);
                      if (list.status() != 200 || !list.text().startsWith("{\"keys\":[\"k0\"")) {
                        wrong.add("listing: " + list.status() + " " + list.text());
                      }
                      String key = "k" + n % 20;
                      Answer get = http.get(key);
                      if (get.status() != 200 || !get.text().equals("value-" + n % 20)) {
                        wrong.add("GET " + key + ": " + get.status() + " " + get.text());
                      }
                      checked.incrementAndGet();
                    }
                    return null;
                  }));
        }
        sleep(15_000);
      } finally {
        running.set(false);
        pool.shutdown();
      }
      for (Future<?> task : tasks) {
        task.get(1, TimeUnit.MINUTES);
      }
      assertThat(refused.get()).as("malformed requests refused as the corpus says").isPositive();
      assertThat(checked.get()).as("well-behaved exchanges").isPositive();
      assertThat(wrong)
          .as("wrong answers among %d well-behaved exchanges", 2 * checked.get())
          .isEmpty();
    }
  }

  @Test
  void aBodyThatKeepsTricklingPastTheReadTimeoutIsRefusedWith408() throws Exception {
    try (ServedKv kv = ServedKv.inMemory("--read-timeout", "2", "--idle-timeout", "30", "--quiet");
        RawHttp connection = RawHttp.connect(kv.port())) {
      connection.send("PUT /key/trickle HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
      long start = System.nanoTime();
      RawHttp.Answer answer = null;
      // A byte every 250 ms keeps the connection from idling; the read timeout still ends it.
      for (int i = 0; i < 60 && answer == null; i++) {
        connection.send(new byte[] {'a'});
        connection.readTimeout(250);
        try {
          answer = connection.answer();
        } catch (IOException nothingYet) {
          answer = null;
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(answer).as("an answer within 15 s").isNotNull();
      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(answer.body()).contains("\"code\":\"invalid-request\"").contains("2 seconds");
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
      assertThat(new KvClient(kv.uri()).get("trickle").status())
          .as("nothing stored")
          .isEqualTo(404);
    }
  }

  @Test
  void aThousandIdleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    int idleSeconds = 3;
    try (ServedKv kv = ServedKv.inMemory("--idle-timeout", "" + idleSeconds, "--quiet")) {
      List<RawHttp> connections = new ArrayList<>();
      try {
        for (int i = 0; i < 1000; i++) {
          RawHttp connection = RawHttp.connect(kv.port());
          connections.add(connection);
          if (i % 2 == 0) {
            // Half have been used once (keep-alive), half never sent a byte.
            connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(connection.answer().status()).isEqualTo(200);
          }
        }
        long opened = System.nanoTime();
        // Still open well before the timeout...
        RawHttp sample = connections.get(connections.size() - 1);
        sample.readTimeout(500);
        assertThat(sample.closedByServer()).as("closed before the idle timeout").isFalse();

        // ...and every one closed by the server after it.
        int closed = 0;
        for (RawHttp connection : connections) {
          connection.readTimeout((idleSeconds + 20) * 1000);
          if (connection.closedByServer()) {
            closed++;
          }
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - opened);
        assertThat(closed).as("connections closed by the server").isEqualTo(1000);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(idleSeconds * 1000L - 500));
      } finally {
        for (RawHttp connection : connections) {
          connection.close();
        }
      }
      // The server still serves new connections.
      assertThat(new KvClient(kv.uri()).get("absent").status()).isEqualTo(404);
    }
  }

  @Test
  void stoppingUnderLoadLosesNoAcknowledgedWriteAndRefusesNewConnections() throws Exception {
    DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
    String table = dynamo.createTable();
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger failedAfterStop = new AtomicInteger();
    AtomicInteger wrongAnswers = new AtomicInteger();
    List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    int port;
    ServedKv kv = null;
    try {
      kv = ServedKv.dynamoDb(dynamo.endpoint(), table, "--quiet", "--stop-timeout", "20");
      port = kv.port();
      KvClient http = new KvClient(kv.uri());
      AtomicBoolean stopping = new AtomicBoolean();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        running.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < 100_000; i++) {
                    String key = "stop/" + client + "/" + i;
                    String value = "value-" + client + "-" + i + "-" + Instant.now();
                    Answer answer = http.put(key, value.getBytes(UTF_8));
                    if (answer.status() == 201) {
                      acknowledged.put(key, value);
                    } else if (answer.status() == 0 || answer.status() == 503) {
                      if (stopping.get()) {
                        failedAfterStop.incrementAndGet();
                        return;
                      }
                    } else {
                      wrongAnswers.incrementAndGet();
                      unexpected.add(answer.status() + " " + answer.text());
                    }
                  }
                }));
      }
      sleep(3_000);
      int before = acknowledged.size();
      stopping.set(true);
      kv.close();
      for (Future<?> client : running) {
        client.get(2, TimeUnit.MINUTES);
      }
      assertThat(before).as("writes acknowledged before the stop").isPositive();
    } finally {
      clients.shutdownNow();
    }

    assertThat(unexpected)
        .as("answers other than 201, 503 or none; kv said: " + kv.err())
        .isEmpty();
    assertThat(wrongAnswers.get()).isZero();
    assertThat(failedAfterStop.get()).as("clients that saw the server go").isEqualTo(8);
    boolean refused;
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      refused = false;
    } catch (ConnectException e) {
      refused = true;
    }
    assertThat(refused).as("new connections refused once stopped").isTrue();

    DynamoDbClient direct = dynamo.client();
    try {
      DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(direct, table);
      List<String> lost = new ArrayList<>();
      for (Map.Entry<String, String> write : acknowledged.entrySet()) {
        Optional<Entry> stored = store.get(Key.of(write.getKey()), Instant.now());
        if (stored.isEmpty() || !new String(stored.get().value(), UTF_8).equals(write.getValue())) {
          lost.add(write.getKey());
        }
      }
      assertThat(lost).as("acknowledged writes missing after the stop").isEmpty();
    } finally {
      dynamo.deleteTable(table);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
