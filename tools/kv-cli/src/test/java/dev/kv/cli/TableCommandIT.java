package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.Page;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.KvTable;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** {@code kv table} against a real DynamoDB implementation (dynalite unless configured). */
class TableCommandIT {

  private static DynamoDbTestEndpoint dynamo;

  private final String table = dynamo == null ? null : dynamo.newTableName();

  @BeforeAll
  static void startDynamoDb() {
    dynamo = DynamoDbTestEndpoint.shared();
  }

  private CliRun kv(String stdin, String command, String... more) {
    String[] args = new String[more.length + 8];
    args[0] = "table";
    args[1] = command;
    args[2] = "--endpoint";
    args[3] = dynamo.endpoint().toString();
    args[4] = "--region";
    args[5] = dynamo.region();
    args[6] = "--table";
    args[7] = table;
    System.arraycopy(more, 0, args, 8, more.length);
    return CliRun.kv(stdin, args);
  }

  private boolean exists() {
    return new KvTable(dynamo.client(), table).describe().isPresent();
  }

  @Test
  void createMakesTheTableOnceAndSaysSo() {
    try {
      CliRun first = kv("", "create");
      CliRun second = kv("", "create");

      assertThat(first.status()).isEqualTo(Kv.OK);
      assertThat(first.out()).startsWith("Created table '" + table + "' at " + dynamo.endpoint());
      assertThat(second.status()).isEqualTo(Kv.OK);
      assertThat(second.out()).startsWith("Table '" + table + "' already exists");
      assertThat(new KvTable(dynamo.client(), table).describe().orElseThrow().status())
          .isEqualTo("ACTIVE");
    } finally {
      dynamo.deleteTable(table);
    }
  }

  @Test
  void describeShowsStatusAndSettings() {
    dynamo.deleteTable(table);
    new KvTable(dynamo.client(), table).create();
    try {
      CliRun run = kv("", "describe");

      assertThat(run.status()).isEqualTo(Kv.OK);
      assertThat(run.out())
          .contains("table         " + table)
          .contains("status        ACTIVE")
          .contains("billing       PAY_PER_REQUEST")
          .contains("time to live")
          .contains("listing index KeyOrder ACTIVE");
    } finally {
      dynamo.deleteTable(table);
    }
  }

  @Test
  void migrateMakesItemsOfTheOriginalServiceListableAndIsIdempotent() {
    new KvTable(dynamo.client(), table).create();
    try (DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(dynamo.client(), table)) {
      for (String key : new String[] {"go/b", "go/a", "go/c/d"}) {
        dynamo
            .client()
            .putItem(
                b ->
                    b.tableName(table)
                        .item(
                            Map.of(
                                "Key",
                                AttributeValue.fromS(key),
                                "Value",
                                AttributeValue.fromS("v"))));
      }

      CliRun first = kv("", "migrate");
      CliRun again = kv("", "migrate");

      assertThat(first.status()).isEqualTo(Kv.OK);
      assertThat(first.out())
          .contains("3 items read, 3 updated, 0 left as they were (done)")
          .contains("Listing index KeyOrder: ACTIVE");
      assertThat(again.status()).isEqualTo(Kv.OK);
      assertThat(again.out()).contains("3 items read, 0 updated, 3 left as they were (done)");
      Page page = eventually(() -> store.list("go/", "/", 10, null, Instant.now()), 3);
      assertThat(page.keys()).containsExactly("go/a", "go/b");
      assertThat(page.prefixes()).containsExactly("go/c/");
    } finally {
      dynamo.deleteTable(table);
    }
  }

  @Test
  void migrateAddsTheIndexToATableWithoutOneWhereTheEndpointCan() {
    dynamo
        .client()
        .createTable(
            b ->
                b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        a -> a.attributeName("Key").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("Key").keyType(KeyType.HASH)));
    try {
      assertThat(kv("", "describe").out()).contains("listing index KeyOrder MISSING");

      CliRun run = kv("", "migrate");

      String index = new KvTable(dynamo.client(), table).describe().orElseThrow().listingIndex();
      if (index.equals("MISSING")) {
        // An implementation that ignores adding an index (dynalite): said, and a failure.
        assertThat(run.status()).isEqualTo(Kv.FAILED);
        assertThat(run.out()).contains("did not add it");
      } else {
        assertThat(run.status()).isEqualTo(Kv.OK);
        assertThat(run.out()).contains("Asked DynamoDB to add the listing index KeyOrder");
        assertThat(index).isIn("CREATING", "ACTIVE");
      }
    } finally {
      dynamo.deleteTable(table);
    }
  }

  private static Page eventually(java.util.function.Supplier<Page> read, int expectedSize) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
    Page page = read.get();
    while (page.size() < expectedSize && System.nanoTime() < deadline) {
      page = read.get();
    }
    return page;
  }

  @Test
  void populateWritesTheOriginalSampleEntries() {
    new KvTable(dynamo.client(), table).create();
    try (DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(dynamo.client(), table)) {
      CliRun run = kv("", "populate");

      assertThat(run.status()).isEqualTo(Kv.OK);
      assertThat(run.out()).contains("Wrote 3 sample entries to table '" + table + "'");
      Entry a = store.get(Key.of("a"), Instant.now()).orElseThrow();
      assertThat(new String(a.value(), UTF_8)).isEqualTo("ahsfkahkfahfsla");
      assertThat(a.contentType()).isEqualTo("text/plain; charset=utf-8");
      assertThat(new String(store.get(Key.of("b"), Instant.now()).orElseThrow().value(), UTF_8))
          .isEqualTo("klsudhfgakjhaasf");
      assertThat(new String(store.get(Key.of("c"), Instant.now()).orElseThrow().value(), UTF_8))
          .isEqualTo("akljsndakjsndkja");
    } finally {
      dynamo.deleteTable(table);
    }
  }

  @Test
  void deleteAsksAndKeepsTheTableUnlessTheAnswerIsYes() {
    new KvTable(dynamo.client(), table).create();
    try {
      CliRun declined = kv("n\n", "delete");
      assertThat(declined.status()).isEqualTo(Kv.FAILED);
      assertThat(declined.err()).contains("Delete table '" + table + "'").contains("not deleted");
      assertThat(exists()).isTrue();

      CliRun noAnswer = kv("", "delete");
      assertThat(noAnswer.status()).isEqualTo(Kv.FAILED);
      assertThat(exists()).isTrue();

      CliRun accepted = kv("yes\n", "delete");
      assertThat(accepted.status()).isEqualTo(Kv.OK);
      assertThat(accepted.out()).startsWith("Deleted table '" + table + "'");
      assertThat(exists()).isFalse();
    } finally {
      dynamo.deleteTable(table);
    }
  }

  @Test
  void deleteWithYesDoesNotAsk() {
    new KvTable(dynamo.client(), table).create();

    CliRun run = kv("", "delete", "--yes");

    assertThat(run.status()).isEqualTo(Kv.OK);
    assertThat(run.err()).doesNotContain("[y/N]");
    assertThat(exists()).isFalse();
  }

  @Test
  void commandsOnAMissingTableFailClearly() {
    for (String command : new String[] {"describe", "populate"}) {
      CliRun run = kv("", command);

      assertThat(run.status()).as(command).isEqualTo(Kv.FAILED);
      assertThat(run.err())
          .as(command)
          .startsWith("kv: there is no table '" + table + "'")
          .contains("kv table create");
    }
    CliRun delete = kv("", "delete", "--yes");
    assertThat(delete.status()).isEqualTo(Kv.FAILED);
    assertThat(exists()).isFalse();
  }

  @Test
  void unreachableEndpointIsAClearFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    CliRun run =
        CliRun.kv(
            "",
            "table",
            "describe",
            "--endpoint",
            "http://127.0.0.1:" + closedPort,
            "--table",
            table);

    assertThat(run.status()).isEqualTo(Kv.FAILED);
    assertThat(run.err())
        .startsWith("kv: cannot describe table '" + table + "' at http://127.0.0.1:" + closedPort)
        .doesNotContain("\tat ");
  }

  @Test
  void invalidTableNameIsWrongUsage() {
    CliRun run =
        CliRun.kv(
            "", "table", "create", "--endpoint", dynamo.endpoint().toString(), "--table", "no");

    assertThat(run.status()).isEqualTo(Kv.USAGE);
    assertThat(run.err()).contains("--table");
  }
}
