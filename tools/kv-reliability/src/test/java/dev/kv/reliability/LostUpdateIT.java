package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cli.ServedKv;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import dev.kv.reliability.KvClient.Answer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency over HTTP: 16 clients each increment one counter 100 times with read, then
 * If-Match write, retrying on 412. The counter must end at exactly 1600.
 */
class LostUpdateIT {

  private static final int CLIENTS = 16;
  private static final int INCREMENTS = 100;

  /** Bounds the retries, so a store that never lets a write through fails instead of hanging. */
  private static final int MAX_ATTEMPTS_PER_CLIENT = 100_000;

  @Test
  void noIncrementIsLostOnTheInMemoryStore() throws Exception {
    try (ServedKv kv = ServedKv.inMemory()) {
      assertNoLostUpdate(kv.uri(), "in-memory");
    }
  }

  @Test
  void noIncrementIsLostOnTheDynamoDbStore() throws Exception {
    DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
    String table = dynamo.createTable();
    try (ServedKv kv = ServedKv.dynamoDb(dynamo.endpoint(), table)) {
      assertNoLostUpdate(kv.uri(), "dynalite");
    } finally {
      dynamo.deleteTable(table);
    }
  }

  private static void assertNoLostUpdate(URI base, String store) throws Exception {
    String key = "lost-update/counter";
    KvClient setup = new KvClient(base);
    assertThat(setup.put(key, "0".getBytes(UTF_8), "Content-Type", "text/plain").status())
        .isEqualTo(201);

    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        done.add(
            pool.submit(
                () -> {
                  KvClient http = new KvClient(base);
                  go.await();
                  int succeeded = 0;
                  for (int attempt = 0;
                      succeeded < INCREMENTS && attempt < MAX_ATTEMPTS_PER_CLIENT;
                      attempt++) {
                    Answer read = count(statuses, http.get(key));
                    if (read.status() != 200) {
                      continue;
                    }
                    long next = Long.parseLong(read.text()) + 1;
                    Answer write =
                        count(
                            statuses,
                            http.put(
                                key,
                                Long.toString(next).getBytes(UTF_8),
                                "Content-Type",
                                "text/plain",
                                "If-Match",
                                read.header("ETag")));
                    if (write.status() == 204) {
                      succeeded++;
                    }
                  }
                  return succeeded;
                }));
      }
      go.countDown();
      int acknowledged = 0;
      for (Future<Integer> f : done) {
        acknowledged += f.get(5, TimeUnit.MINUTES);
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      Answer end = setup.get(key);
      long value = Long.parseLong(end.text());
      Map<Integer, Long> byStatus = new TreeMap<>();
      statuses.forEach((s, n) -> byStatus.put(s, n.sum()));
      long requests = byStatus.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(
          "[kv lost-update] %s: %d clients x %d If-Match increments in %.1f s: %d requests, by"
              + " status %s; acknowledged %d, final value %d, lost updates %d%n",
          store,
          CLIENTS,
          INCREMENTS,
          seconds,
          requests,
          byStatus,
          acknowledged,
          value,
          acknowledged - value);

      assertThat(byStatus.keySet()).as("statuses").isSubsetOf(200, 204, 412);
      assertThat(acknowledged).isEqualTo(CLIENTS * INCREMENTS);
      assertThat(value).as("final counter").isEqualTo(CLIENTS * INCREMENTS);
      assertThat(end.header("ETag")).isEqualTo("\"" + (CLIENTS * INCREMENTS + 1) + "\"");
    } finally {
      pool.shutdownNow();
    }
  }

  private static Answer count(Map<Integer, LongAdder> statuses, Answer answer) {
    statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
    return answer;
  }
}
