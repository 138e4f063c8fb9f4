package dev.kv.bench;

import dev.kv.core.Page;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.KvTable;
import dev.kv.dynamodb.testing.DynaliteProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The listing series: tables of N items seeded directly in the original service's shape (Key and
 * Value only), then migrated with {@link KvTable#migrate}; then a walk over a prefix matching 10
 * keys and one over a prefix matching up to 10,000 keys, through the DynamoDB store's index listing
 * and, for comparison, through the Scan-based listing it replaced (re-implemented here as it was).
 * Per page: DynamoDB requests, consumed read capacity (ReturnConsumedCapacity) and latency. Prints
 * a Markdown table.
 *
 * <pre>
 * java -cp ... dev.kv.bench.ListingBenchmark NODE DYNALITE_CLI SIZE...
 * </pre>
 */
public final class ListingBenchmark {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private ListingBenchmark() {}

  public static void main(String[] args) throws Exception {
    String node = args[0];
    Path cli = Path.of(args[1]);
    List<Integer> sizes = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    Path log = Files.createTempFile("kv-bench-dynalite", ".log");
    Counter counter = new Counter();
    System.out.println(
        "| items | prefix matches | listing | limit | pages | requests/page (mean, max) |"
            + " RCU/page (mean, max) | ms/page (mean, max) |");
    System.out.println("|---:|---:|---|---:|---:|---|---|---|");
    try (DynaliteProcess dynalite = DynaliteProcess.startInMemory(node, cli, log);
        DynamoDbClient client =
            DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("kvb", "kvb")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
                .build()) {
      for (int size : sizes) {
        String table = "kv-listing-" + size;
        new KvTable(client, table).create();
        int bulk = Math.min(10_000, size - 10);
        seed(client, table, size, bulk);
        new KvTable(client, table).migrate(p -> {});
        DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(client, table);
        row(size, 10, "index", 100, walk(counter, c -> store.list("rare/", null, 100, c, NOW)));
        row(size, bulk, "index", 1000, walk(counter, c -> store.list("bulk/", null, 1000, c, NOW)));
        row(
            size,
            10,
            "Scan (before)",
            100,
            walk(counter, c -> scanPage(client, table, "rare/", 100, c)));
        row(
            size,
            bulk,
            "Scan (before)",
            1000,
            walk(counter, c -> scanPage(client, table, "bulk/", 1000, c)));
        new KvTable(client, table).delete();
      }
    }
  }

  /** {@code size} items: 10 under rare/, {@code bulk} under bulk/, the rest under other/. */
  private static void seed(DynamoDbClient client, String table, int size, int bulk) {
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String key =
          i < 10 ? "rare/" + i : i < 10 + bulk ? String.format("bulk/%05d", i - 10) : "other/" + i;
      batch.add(
          WriteRequest.builder()
              .putRequest(
                  PutRequest.builder()
                      .item(
                          Map.of(
                              "Key", AttributeValue.fromS(key), "Value", AttributeValue.fromS("v")))
                      .build())
              .build());
      if (batch.size() == 25 || i == size - 1) {
        List<WriteRequest> send = List.copyOf(batch);
        Map<String, List<WriteRequest>> unprocessed = Map.of(table, send);
        while (!unprocessed.isEmpty()) {
          Map<String, List<WriteRequest>> items = unprocessed;
          unprocessed = client.batchWriteItem(b -> b.requestItems(items)).unprocessedItems();
        }
        batch.clear();
      }
    }
  }

  interface PageRead {
    Page read(String cursor);
  }

  record Walk(int pages, int keys, List<Integer> requests, List<Double> rcus, List<Double> ms) {}

  private static Walk walk(Counter counter, PageRead read) {
    List<Integer> requests = new ArrayList<>();
    List<Double> rcus = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    String cursor = null;
    int keys = 0;
    do {
      counter.reset();
      long start = System.nanoTime();
      Page page = read.read(cursor);
      ms.add((System.nanoTime() - start) / 1e6);
      requests.add(counter.requests);
      rcus.add(counter.capacity);
      keys += page.keys().size();
      cursor = page.cursor();
    } while (cursor != null);
    return new Walk(requests.size(), keys, requests, rcus, ms);
  }

  private static void row(int size, int matches, String listing, int limit, Walk walk) {
    if (walk.keys() != matches) {
      throw new IllegalStateException(
          listing + " listed " + walk.keys() + " keys, expected " + matches);
    }
    System.out.printf(
        Locale.ROOT,
        "| %,d | %,d | %s | %d | %d | %.1f, %d | %.1f, %.1f | %.0f, %.0f |%n",
        size,
        matches,
        listing,
        limit,
        walk.pages(),
        walk.requests().stream().mapToInt(Integer::intValue).average().orElse(0),
        walk.requests().stream().mapToInt(Integer::intValue).max().orElse(0),
        walk.rcus().stream().mapToDouble(Double::doubleValue).average().orElse(0),
        walk.rcus().stream().mapToDouble(Double::doubleValue).max().orElse(0),
        walk.ms().stream().mapToDouble(Double::doubleValue).average().orElse(0),
        walk.ms().stream().mapToDouble(Double::doubleValue).max().orElse(0));
    System.out.flush();
  }

  /**
   * The Scan-based listing page kv used before the index, as it was: up to 10 strongly consistent
   * Scans of at least 100 items, filtered by prefix and expiry; unordered.
   */
  private static Page scanPage(
      DynamoDbClient client, String table, String prefix, int limit, String cursor) {
    Map<String, AttributeValue> start =
        cursor == null ? null : Map.of("Key", AttributeValue.fromS(cursor));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":now", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())));
    values.put(":prefix", AttributeValue.fromS(prefix));
    List<String> keys = new ArrayList<>();
    for (int scans = 1; ; scans++) {
      Map<String, AttributeValue> from = start;
      int batch = Math.max(limit - keys.size(), 100);
      ScanResponse response =
          client.scan(
              b ->
                  b.tableName(table)
                      .consistentRead(true)
                      .limit(batch)
                      .filterExpression(
                          "begins_with(#k, :prefix) AND (attribute_not_exists(#exp) OR #exp > :now)")
                      .projectionExpression("#k, #exp")
                      .expressionAttributeNames(Map.of("#k", "Key", "#exp", "ExpiresAt"))
                      .expressionAttributeValues(values)
                      .exclusiveStartKey(from)
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
      for (Map<String, AttributeValue> item : response.items()) {
        if (keys.size() == limit) {
          return new Page(keys, keys.get(keys.size() - 1));
        }
        keys.add(item.get("Key").s());
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new Page(keys, null);
      }
      start = response.lastEvaluatedKey();
      if (keys.size() == limit || scans == 10) {
        return new Page(keys, start.get("Key").s());
      }
    }
  }

  /** Counts requests and sums the consumed capacity the responses report. */
  static final class Counter implements ExecutionInterceptor {
    int requests;
    double capacity;

    void reset() {
      requests = 0;
      capacity = 0;
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (operation.equals("Query") || operation.equals("Scan")) {
        requests++;
      }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      SdkResponse response = context.response();
      ConsumedCapacity consumed = null;
      if (response instanceof QueryResponse q) {
        consumed = q.consumedCapacity();
      } else if (response instanceof ScanResponse s) {
        consumed = s.consumedCapacity();
      }
      if (consumed != null && consumed.capacityUnits() != null) {
        capacity += consumed.capacityUnits();
      }
    }
  }
}
