package dev.kv.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cli.ServedKv;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 32 concurrent clients against {@code kv serve} on loopback, on each store: every acknowledged
 * write is readable and is what the key holds at the end, no conditional increment is lost, and the
 * in-memory store never answers 5xx. The request log holds neither keys nor values.
 */
class LoadIntegrityIT {

  private static final int CLIENTS = 32;
  private static final int KEYS_PER_CLIENT = 10;
  private static final int COUNTERS = 8;
  private static final int MAX_REQUESTS_PER_CLIENT = 1_000_000;

  @Test
  void inMemoryStoreKeepsEveryAcknowledgedWriteUnderLoad() throws Exception {
    LoadRun.Settings settings = settings("kv.load.memorySeconds", 30);
    try (ServedKv kv = ServedKv.inMemory()) {
      LoadRun.Figures figures = LoadRun.run(kv.uri(), "in-memory", settings);
      System.out.println(figures.summary());

      assertIntegrity(figures);
      assertThat(figures.serverErrors()).as("5xx from the in-memory store").isZero();
      assertThat(figures.transportFailures()).as("transport failures").isZero();
      assertLogsHoldNoKeysOrValues(kv, figures);
    }
  }

  @Test
  void dynamoDbStoreKeepsEveryAcknowledgedWriteUnderLoad() throws Exception {
    LoadRun.Settings settings = settings("kv.load.dynamoDbSeconds", 10);
    DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
    String table = dynamo.createTable();
    try (ServedKv kv = ServedKv.dynamoDb(dynamo.endpoint(), table)) {
      LoadRun.Figures figures = LoadRun.run(kv.uri(), "dynalite", settings);
      System.out.println(figures.summary());

      assertIntegrity(figures);
      // dynalite may be slow under load (a 503 is then a correct answer), but never broken.
      assertThat(figures.count(500)).as("500 from the DynamoDB store").isZero();
      assertThat(figures.transportFailures()).as("transport failures").isZero();
      assertLogsHoldNoKeysOrValues(kv, figures);
    } finally {
      dynamo.deleteTable(table);
    }
  }

  private static LoadRun.Settings settings(String property, int defaultSeconds) {
    int seconds = Integer.getInteger(property, defaultSeconds);
    return new LoadRun.Settings(
        CLIENTS, Duration.ofSeconds(seconds), KEYS_PER_CLIENT, COUNTERS, MAX_REQUESTS_PER_CLIENT);
  }

  private static void assertIntegrity(LoadRun.Figures figures) {
    assertThat(figures.reported).as("integrity violations").isEmpty();
    assertThat(figures.violations.sum()).as("integrity violations").isZero();
    assertThat(figures.lostUpdates).as("lost updates").isZero();
    assertThat(figures.keysVerified).isEqualTo(CLIENTS * KEYS_PER_CLIENT);
    // The run did real work: every kind of answer the mix provokes was seen.
    assertThat(figures.requests.sum()).isGreaterThan(CLIENTS * 20L);
    assertThat(figures.byStatus()).containsKeys(200, 201, 204, 404, 412);
    assertThat(figures.ackedIncrements).isPositive();
  }

  private static void assertLogsHoldNoKeysOrValues(ServedKv kv, LoadRun.Figures figures) {
    String log = kv.out();
    assertThat(log.split("\"message\":\"request\"", -1).length - 1L)
        .as("one request log line per request")
        .isGreaterThanOrEqualTo(figures.requests.sum() - figures.transportFailures());
    assertThat(log).doesNotContain(LoadRun.VALUE_MARK).doesNotContain(LoadRun.KEY_PREFIX);
  }
}
