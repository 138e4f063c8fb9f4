package dev.kv.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.Key;
import dev.kv.core.NewEntry;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Counts the HTTP requests each operation sends (every attempt, retries included) and proves one
 * DynamoDB request per get, put (each precondition) and delete. Prints the counts.
 */
class DynamoDbRequestCountIT {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, List<String>> MEASURED =
      Collections.synchronizedMap(new LinkedHashMap<>());

  private static DynamoDbTestEndpoint dynamo;
  private static RequestCounter counter;
  private static DynamoDbClient client;
  private static String table;

  /** As the store runs against DynamoDB itself: condition failures carry the item. */
  private static DynamoDbKeyValueStore store;

  /** As the store runs against an emulator: a bare condition failure is followed by a read. */
  private static DynamoDbKeyValueStore emulatorStore;

  @BeforeAll
  static void setUp() {
    dynamo = DynamoDbTestEndpoint.shared();
    counter = new RequestCounter();
    client = dynamo.clientBuilder(counter).build();
    table = dynamo.createTable();
    store = new DynamoDbKeyValueStore(client, table, false, false);
    emulatorStore = new DynamoDbKeyValueStore(client, table, false, true);
  }

  @AfterAll
  static void tearDown() {
    if (table != null) {
      dynamo.deleteTable(table);
    }
    if (client != null) {
      client.close();
    }
    StringBuilder report = new StringBuilder("\nDynamoDB requests per operation (measured):\n");
    MEASURED.forEach(
        (operation, requests) ->
            report.append(String.format("  %-58s %d  %s%n", operation, requests.size(), requests)));
    System.out.println(report);
  }

  @Test
  void getIsOneGetItem() {
    put("g", Precondition.NONE, null);

    assertThat(measure("get, present", () -> store.get(Key.of("g"), NOW)))
        .containsExactly("GetItem");
    assertThat(measure("get, absent", () -> store.get(Key.of("none"), NOW)))
        .containsExactly("GetItem");
  }

  @Test
  void everyPutIsOneConditionalWrite() {
    assertThat(measure("put, no precondition, create", () -> put("p", Precondition.NONE, null)))
        .containsExactly("UpdateItem");
    assertThat(measure("put, no precondition, replace", () -> put("p", Precondition.NONE, null)))
        .containsExactly("UpdateItem");
    assertThat(
            measure(
                "put If-None-Match: * (create)", () -> put("q", Precondition.MUST_NOT_EXIST, null)))
        .containsExactly("PutItem");
    assertThat(measure("put If-Match: *", () -> put("q", Precondition.MUST_EXIST, null)))
        .containsExactly("UpdateItem");
    assertThat(measure("put If-Match: \"N\"", () -> put("q", Precondition.versionEquals(2), null)))
        .containsExactly("PutItem");
  }

  @Test
  void putOverAnExpiredItemStillInTheTable() {
    Instant soon = NOW.plusSeconds(5);
    put("e1", Precondition.NONE, soon);
    put("e2", Precondition.NONE, soon);

    assertThat(
            measure(
                "put If-None-Match: * over expired item",
                () -> store.put(entry("e1", null), Precondition.MUST_NOT_EXIST, soon)))
        .containsExactly("PutItem");
    assertThat(
            measure(
                "put, no precondition, over expired item (rare path)",
                () -> store.put(entry("e2", null), Precondition.NONE, soon)))
        .containsExactly("UpdateItem", "PutItem");
  }

  @Test
  void everyDeleteIsOneDeleteItem() {
    put("d1", Precondition.NONE, null);
    put("d2", Precondition.NONE, null);
    put("d3", Precondition.NONE, null);

    assertThat(measure("delete, present", () -> store.delete(Key.of("d1"), Precondition.NONE, NOW)))
        .containsExactly("DeleteItem");
    assertThat(measure("delete, absent", () -> store.delete(Key.of("d1"), Precondition.NONE, NOW)))
        .containsExactly("DeleteItem");
    assertThat(
            measure(
                "delete If-Match: *",
                () -> store.delete(Key.of("d2"), Precondition.MUST_EXIST, NOW)))
        .containsExactly("DeleteItem");
    assertThat(
            measure(
                "delete If-Match: \"N\"",
                () -> store.delete(Key.of("d3"), Precondition.versionEquals(1), NOW)))
        .containsExactly("DeleteItem");
  }

  /** DynamoDB returns the current item with the condition failure, so nothing else is sent. */
  @Test
  void failedPreconditionIsOneRequestAgainstDynamoDb() {
    put("f", Precondition.NONE, null);

    assertThat(
            failing("412 put If-Match: \"9\"", () -> put("f", Precondition.versionEquals(9), null)))
        .containsExactly("PutItem");
    assertThat(
            failing("412 put If-None-Match: *", () -> put("f", Precondition.MUST_NOT_EXIST, null)))
        .containsExactly("PutItem");
    assertThat(
            failing("412 put If-Match: * (absent)", () -> put("z", Precondition.MUST_EXIST, null)))
        .containsExactly("UpdateItem");
    assertThat(
            failing(
                "412 delete If-Match: \"9\"",
                () -> store.delete(Key.of("f"), Precondition.versionEquals(9), NOW)))
        .containsExactly("DeleteItem");
  }

  @Test
  void aConditionFailureWithoutTheItemIsFollowedByOneReadForTheVersion() {
    emulatorStore.put(entry("r", null), Precondition.NONE, NOW);
    // Whether this endpoint returns the item with a failed condition, as DynamoDB does (moto too)
    // or not (dynalite): detected, not assumed.
    boolean returnsItem = endpointReturnsItemOnConditionFailure("r");

    List<String> requests = new ArrayList<>();
    counter.drain();
    assertThatThrownBy(
            () -> emulatorStore.put(entry("r", null), Precondition.versionEquals(9), NOW))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).hasValue(1));
    requests.addAll(counter.drain());
    MEASURED.put(
        "412 put If-Match: \"9\", endpoint "
            + (returnsItem ? "returns" : "omits")
            + " the item in the error",
        requests);

    if (returnsItem) {
      assertThat(requests).containsExactly("PutItem");
    } else {
      assertThat(requests).containsExactly("PutItem", "GetItem");
    }
  }

  @Test
  void aListingPageIsABoundedNumberOfIndexQueriesWhateverTheTableHolds() {
    for (int i = 0; i < 10; i++) {
      put("l/" + i, Precondition.NONE, null);
    }
    List<String> small = measure("list 10 keys of a prefix, limit 100", () -> listAll("l/"));
    for (int i = 0; i < 300; i++) {
      put("other/" + i, Precondition.NONE, null);
    }
    List<String> large = measure("list the same 10 keys with 300 other items", () -> listAll("l/"));

    assertThat(small)
        .hasSizeBetween(ListingIndex.SHARDS, IndexListing.MAX_QUERIES_PER_PAGE)
        .containsOnly("Query");
    assertThat(large).hasSameSizeAs(small).containsOnly("Query");
  }

  private static void listAll(String prefix) {
    assertThat(
            new DynamoDbKeyValueStore(client, table, false, false)
                .list(prefix, null, 100, null, NOW)
                .keys())
        .hasSize(10);
  }

  private static boolean endpointReturnsItemOnConditionFailure(String key) {
    try {
      client.putItem(
          b ->
              b.tableName(table)
                  .item(Map.of("Key", AttributeValue.fromS(key)))
                  .conditionExpression("attribute_not_exists(#k)")
                  .expressionAttributeNames(Map.of("#k", "Key"))
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
    } catch (ConditionalCheckFailedException failed) {
      return failed.hasItem() && !failed.item().isEmpty();
    }
    throw new AssertionError("the probe's condition should have failed on an existing item");
  }

  private void put(String key, Precondition precondition, Instant expiresAt) {
    store.put(entry(key, expiresAt), precondition, NOW);
  }

  private static NewEntry entry(String key, Instant expiresAt) {
    return new NewEntry(Key.of(key), "value".getBytes(UTF_8), "text/plain", expiresAt);
  }

  private static List<String> measure(String operation, Runnable action) {
    counter.drain();
    action.run();
    List<String> requests = counter.drain();
    MEASURED.put(operation, requests);
    return requests;
  }

  private static List<String> failing(String operation, Runnable action) {
    counter.drain();
    assertThatThrownBy(action::run).isInstanceOf(PreconditionFailedException.class);
    List<String> requests = counter.drain();
    MEASURED.put(operation, requests);
    return requests;
  }

  /** Records the operation name of every HTTP request the client transmits. */
  static final class RequestCounter implements ExecutionInterceptor {
    private final List<String> sent = new ArrayList<>();

    @Override
    public synchronized void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    synchronized List<String> drain() {
      List<String> copy = List.copyOf(sent);
      sent.clear();
      return copy;
    }
  }
}
