package dev.kv.dynamodb;

import static dev.kv.dynamodb.ItemShape.CONTENT_TYPE;
import static dev.kv.dynamodb.ItemShape.EXPIRES_AT;
import static dev.kv.dynamodb.ItemShape.KEY;
import static dev.kv.dynamodb.ItemShape.UPDATED_AT;
import static dev.kv.dynamodb.ItemShape.VALUE;
import static dev.kv.dynamodb.ItemShape.VERSION;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueStore;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.StoreUnavailableException;
import dev.kv.core.WriteResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A {@link KeyValueStore} on a DynamoDB table of the spec's shape, through the SDK's low-level
 * client. Every operation is one DynamoDB request: a strongly consistent GetItem, one conditional
 * PutItem, UpdateItem or DeleteItem, or (for a listing page) a bounded series of Queries of the
 * {@link ListingIndex}; never a Scan. Thread-safe; build it once and reuse it.
 */
public final class DynamoDbKeyValueStore implements KeyValueStore, AutoCloseable {

  /** The item is live: no expiry, or an expiry after the current whole second. */
  private static final String LIVE = "(attribute_not_exists(#exp) OR #exp > :now)";

  /** There is no item, or it has expired. */
  private static final String NOT_LIVE = "(attribute_not_exists(#k) OR #exp <= :now)";

  private static final String SET_ENTRY =
      "SET #val = :val, #ct = :ct, #upd = :upd, #ver = if_not_exists(#ver, :zero) + :one,"
          + " #shard = :shard";

  private static final Map<String, String> ATTRIBUTE_NAMES =
      Map.of(
          "#k", KEY,
          "#val", VALUE,
          "#ct", CONTENT_TYPE,
          "#ver", VERSION,
          "#upd", UPDATED_AT,
          "#exp", EXPIRES_AT,
          "#shard", ListingIndex.SHARD);

  private static final Pattern NAME_PLACEHOLDER = Pattern.compile("#[a-z]+");

  /** Rounds of the rare plain-put-over-expired-item path before giving up under contention. */
  private static final int MAX_OVERWRITE_ROUNDS = 3;

  private final DynamoDbClient client;
  private final String table;
  private final boolean ownsClient;
  private final boolean readBackAfterBareConditionFailure;
  private final IndexListing listing;

  /**
   * A store on {@code tableName} through {@code client}, which the caller keeps and closes.
   *
   * <p>When the client has an endpoint override (an emulator), a failed precondition whose error
   * carries no item is followed by one GetItem, so the current version can still be reported:
   * emulators such as dynalite ignore {@code ReturnValuesOnConditionCheckFailure}. Against DynamoDB
   * itself that never happens.
   */
  public DynamoDbKeyValueStore(DynamoDbClient client, String tableName) {
    this(
        client,
        tableName,
        false,
        client.serviceClientConfiguration().endpointOverride().isPresent());
  }

  DynamoDbKeyValueStore(
      DynamoDbClient client,
      String tableName,
      boolean ownsClient,
      boolean readBackAfterBareConditionFailure) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(tableName, "tableName");
    this.ownsClient = ownsClient;
    this.readBackAfterBareConditionFailure = readBackAfterBareConditionFailure;
    this.listing = new IndexListing(request -> send("Query", () -> client.query(request)), table);
  }

  /**
   * A store that builds its own client from {@code config} and closes it in {@link #close()}. Cheap
   * enough for a Lambda cold start: no reflection-heavy set-up, url-connection HTTP client.
   */
  public static DynamoDbKeyValueStore create(DynamoDbStoreConfig config) {
    return new DynamoDbKeyValueStore(
        config.buildClient(), config.tableName(), true, config.endpointOverride() != null);
  }

  /** The table this store reads and writes. */
  public String tableName() {
    return table;
  }

  @Override
  public String name() {
    return "dynamodb";
  }

  @Override
  public Optional<Entry> get(Key key, Instant now) {
    Map<String, AttributeValue> item =
        send(
                "GetItem",
                () ->
                    client.getItem(
                        b -> b.tableName(table).key(ItemShape.key(key)).consistentRead(true)))
            .item();
    return live(item, now);
  }

  @Override
  public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(precondition, "precondition");
    // A switch expression without default: a new kind of precondition fails to compile here.
    return switch (precondition.kind()) {
      case VERSION_EQUALS -> putIfVersion(entry, expectedVersion(precondition), now);
      case MUST_NOT_EXIST -> putIfNotLive(entry, now);
      case MUST_EXIST -> updateLive(entry, now, true);
      case NONE -> putAnyway(entry, now);
    };
  }

  @Override
  public boolean delete(Key key, Precondition precondition, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(precondition, "precondition");
    Map<String, AttributeValue> values = new HashMap<>();
    String condition =
        switch (precondition.kind()) {
          case VERSION_EQUALS ->
              versionCondition(expectedVersion(precondition), values) + " AND " + LIVE;
          case MUST_EXIST -> "attribute_exists(#k) AND " + LIVE;
          case MUST_NOT_EXIST -> NOT_LIVE;
          case NONE -> null; // unconditional: the old item tells whether a live entry was deleted
        };
    if (condition != null) {
      values.put(":now", nowSeconds(now));
    }
    try {
      DeleteItemResponse response =
          send(
              "DeleteItem",
              () ->
                  client.deleteItem(
                      b -> {
                        b.tableName(table)
                            .key(ItemShape.key(key))
                            .returnValues(ReturnValue.ALL_OLD);
                        if (condition != null) {
                          b.conditionExpression(condition)
                              .expressionAttributeNames(namesIn(condition))
                              .expressionAttributeValues(values)
                              .returnValuesOnConditionCheckFailure(
                                  ReturnValuesOnConditionCheckFailure.ALL_OLD);
                        }
                      }));
      return live(response.attributes(), now).isPresent();
    } catch (ConditionalCheckFailedException failed) {
      throw preconditionFailed(failed, key, precondition, now);
    }
  }

  /**
   * One page from the {@link ListingIndex}, in key order: a bounded series of Queries (see {@link
   * IndexListing}), never a Scan. The index is eventually consistent: a listing may lag a write
   * briefly.
   */
  @Override
  public Page list(String prefix, String delimiter, int limit, String cursor, Instant now) {
    Objects.requireNonNull(prefix, "prefix");
    return listing.page(prefix, delimiter, limit, cursor, now);
  }

  /** Closes the client if this store built it ({@link #create}); a borrowed one stays open. */
  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  // --- writes --------------------------------------------------------------------------------

  /** {@code If-Match: "N"}: the whole item at version N + 1, if the live entry is at N. */
  private WriteResult putIfVersion(NewEntry entry, long expected, Instant now) {
    long next = Math.addExact(expected, 1);
    Map<String, AttributeValue> values = new HashMap<>();
    String condition = versionCondition(expected, values) + " AND " + LIVE;
    values.put(":now", nowSeconds(now));
    try {
      putWhole(entry, next, now, condition, values);
    } catch (ConditionalCheckFailedException failed) {
      throw preconditionFailed(failed, entry.key(), Precondition.versionEquals(expected), now);
    }
    return new WriteResult(next, false);
  }

  /** {@code If-None-Match: *}: the whole item at version 1, if there is no live entry. */
  private WriteResult putIfNotLive(NewEntry entry, Instant now) {
    try {
      createOverNotLive(entry, now);
    } catch (ConditionalCheckFailedException failed) {
      throw preconditionFailed(failed, entry.key(), Precondition.MUST_NOT_EXIST, now);
    }
    return new WriteResult(1, true);
  }

  /**
   * No precondition. One UpdateItem replaces a live entry or creates a missing one. Only when an
   * expired item is still in the table does its condition fail; then one PutItem, guarded by "not
   * live", creates the entry afresh at version 1. Should another writer make the key live in
   * between, the update is tried again.
   */
  private WriteResult putAnyway(NewEntry entry, Instant now) {
    for (int round = 0; round < MAX_OVERWRITE_ROUNDS; round++) {
      try {
        return updateLive(entry, now, false);
      } catch (ConditionalCheckFailedException expired) {
        try {
          createOverNotLive(entry, now);
          return new WriteResult(1, true);
        } catch (ConditionalCheckFailedException liveAgain) {
          // another writer made the key live between the two requests: update that entry
        }
      }
    }
    // The message names no key: it may reach a log, and keys can be secrets.
    throw new StoreUnavailableException("Writes to the key kept conflicting; try again", null);
  }

  /**
   * UpdateItem of the entry's attributes with {@code Version = if_not_exists(Version, 0) + 1},
   * guarded by "live" (and "exists" when {@code mustExist}). The old item, returned with the
   * response, tells the new version and whether the entry was created.
   *
   * @throws ConditionalCheckFailedException when not {@code mustExist} and the item has expired
   * @throws PreconditionFailedException when {@code mustExist} and there is no live entry
   */
  private WriteResult updateLive(NewEntry entry, Instant now, boolean mustExist) {
    String update = SET_ENTRY + (entry.expiresAt() == null ? " REMOVE #exp" : ", #exp = :exp");
    String condition = mustExist ? "attribute_exists(#k) AND " + LIVE : LIVE;
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":val", ItemShape.value(entry.value(), entry.contentType()));
    values.put(":ct", AttributeValue.fromS(entry.contentType()));
    values.put(":upd", ItemShape.number(now.toEpochMilli()));
    values.put(":zero", ItemShape.number(0));
    values.put(":one", ItemShape.number(1));
    values.put(":shard", ItemShape.number(ListingIndex.shard(entry.key().value())));
    values.put(":now", nowSeconds(now));
    if (entry.expiresAt() != null) {
      values.put(":exp", ItemShape.number(entry.expiresAt().getEpochSecond()));
    }
    UpdateItemResponse response;
    try {
      response =
          send(
              "UpdateItem",
              () ->
                  client.updateItem(
                      b ->
                          b.tableName(table)
                              .key(ItemShape.key(entry.key()))
                              .updateExpression(update)
                              .conditionExpression(condition)
                              .expressionAttributeNames(namesIn(update + " " + condition))
                              .expressionAttributeValues(values)
                              .returnValues(ReturnValue.ALL_OLD)
                              .returnValuesOnConditionCheckFailure(
                                  ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    } catch (ConditionalCheckFailedException failed) {
      if (mustExist) {
        throw preconditionFailed(failed, entry.key(), Precondition.MUST_EXIST, now);
      }
      throw failed;
    }
    Map<String, AttributeValue> old = response.attributes();
    if (old == null || old.isEmpty()) {
      return new WriteResult(1, true);
    }
    return new WriteResult(ItemShape.version(old) + 1, false);
  }

  /** PutItem of the whole entry at version 1 if there is no live entry. */
  private void createOverNotLive(NewEntry entry, Instant now) {
    putWhole(entry, 1, now, NOT_LIVE, Map.of(":now", nowSeconds(now)));
  }

  /**
   * PutItem of the whole entry at {@code version}, guarded by {@code condition}; a failed condition
   * returns the old item with the exception.
   */
  private void putWhole(
      NewEntry entry,
      long version,
      Instant now,
      String condition,
      Map<String, AttributeValue> values) {
    send(
        "PutItem",
        () ->
            client.putItem(
                b ->
                    b.tableName(table)
                        .item(ItemShape.item(entry, version, now))
                        .conditionExpression(condition)
                        .expressionAttributeNames(namesIn(condition))
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(
                            ReturnValuesOnConditionCheckFailure.ALL_OLD)));
  }

  // --- helpers -------------------------------------------------------------------------------

  /**
   * Sends one request; every SDK failure but a condition failure is translated, in {@link
   * ErrorTranslation}. Condition failures reach the caller, which knows the precondition.
   */
  private <T> T send(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException conditionFailed) {
      throw conditionFailed;
    } catch (SdkException failure) {
      throw ErrorTranslation.translate(failure, action, table);
    }
  }

  /**
   * The precondition failure to report, with the live version from the item DynamoDB returned
   * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}).
   */
  private PreconditionFailedException preconditionFailed(
      ConditionalCheckFailedException failure, Key key, Precondition precondition, Instant now) {
    Map<String, AttributeValue> item = failure.hasItem() ? failure.item() : Map.of();
    boolean liveEntryPossible = precondition.kind() != Precondition.Kind.MUST_EXIST;
    if (item.isEmpty() && liveEntryPossible && readBackAfterBareConditionFailure) {
      item = readForReport(key);
    }
    Optional<Entry> current = live(item, now);
    return new PreconditionFailedException(
        current
            .map(e -> "The precondition failed: the entry is at version " + e.version())
            .orElse("The precondition failed: there is no entry"),
        current.map(Entry::version).orElse(null));
  }

  /** The item under {@code key} for an error report only; nothing when that read fails too. */
  private Map<String, AttributeValue> readForReport(Key key) {
    try {
      return client
          .getItem(b -> b.tableName(table).key(ItemShape.key(key)).consistentRead(true))
          .item();
    } catch (SdkException unreadable) {
      return Map.of();
    }
  }

  private static Optional<Entry> live(Map<String, AttributeValue> item, Instant now) {
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    Entry entry = ItemShape.entry(item);
    return entry.isExpiredAt(now) ? Optional.empty() : Optional.of(entry);
  }

  private static long expectedVersion(Precondition precondition) {
    return ((Precondition.VersionEquals) precondition).version();
  }

  /** "The item is at version N": version 0 is an item of the original service, which has none. */
  private static String versionCondition(long expected, Map<String, AttributeValue> values) {
    values.put(":expected", ItemShape.number(expected));
    return expected == 0
        ? "attribute_exists(#k) AND (attribute_not_exists(#ver) OR #ver = :expected)"
        : "#ver = :expected";
  }

  private static AttributeValue nowSeconds(Instant now) {
    // ExpiresAt holds whole seconds: "ExpiresAt > floor(now)" is exactly "now < expiry".
    return ItemShape.number(Math.floorDiv(now.toEpochMilli(), 1000));
  }

  /** The attribute names an expression refers to: DynamoDB rejects unused ones. */
  private static Map<String, String> namesIn(String expression) {
    Map<String, String> names = new HashMap<>();
    Matcher m = NAME_PLACEHOLDER.matcher(expression);
    while (m.find()) {
      String name = ATTRIBUTE_NAMES.get(m.group());
      if (name == null) {
        throw new IllegalStateException("No attribute for placeholder " + m.group());
      }
      names.put(m.group(), name);
    }
    return names;
  }
}
