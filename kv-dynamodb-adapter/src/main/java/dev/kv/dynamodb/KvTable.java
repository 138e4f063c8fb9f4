package dev.kv.dynamodb;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Administers the table the DynamoDB store uses: creates it (on-demand capacity, {@code Key} as
 * string partition key, the listing index, time to live on {@code ExpiresAt}) and waits until it is
 * active, describes it, migrates an older table to the listing index, deletes it. For the CLI and
 * for tests; the deployed service gets its table from CloudFormation.
 */
public final class KvTable {

  /** How long {@link #create()} and {@link #delete()} wait unless told otherwise. */
  public static final Duration DEFAULT_WAIT = Duration.ofMinutes(2);

  private static final System.Logger LOG = System.getLogger(KvTable.class.getName());
  private static final AtomicBoolean TTL_WARNED = new AtomicBoolean();

  /** The SDK waiters' default is 20 s between polls; a table is active far sooner here. */
  private static final BackoffStrategy POLLING =
      BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(2));

  private static final int MIGRATION_PAGE = 500;

  private final DynamoDbClient client;
  private final String tableName;

  /** Administers {@code tableName} through {@code client}, which the caller keeps and closes. */
  public KvTable(DynamoDbClient client, String tableName) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  /** The table's time-to-live setting; {@code UNSUPPORTED} where the implementation has none. */
  public enum TimeToLive {
    ENABLED,
    ENABLING,
    DISABLED,
    DISABLING,
    UNSUPPORTED
  }

  /**
   * What {@link #create} did.
   *
   * @param created false when the table already existed
   * @param timeToLive the time-to-live setting afterwards; {@code UNSUPPORTED} on an implementation
   *     without UpdateTimeToLive (dynalite), where kv still hides expired entries but nothing
   *     deletes them
   */
  public record Creation(boolean created, TimeToLive timeToLive) {}

  /**
   * What {@link #describe} found.
   *
   * @param tableName the table
   * @param status e.g. {@code ACTIVE}
   * @param itemCount DynamoDB's approximate item count (refreshed about every six hours)
   * @param sizeBytes DynamoDB's approximate table size
   * @param billingMode e.g. {@code PAY_PER_REQUEST}; {@code PROVISIONED} when not reported
   * @param timeToLive the time-to-live setting
   * @param listingIndex the listing index's status ({@code ACTIVE}, {@code CREATING}, …), or {@code
   *     MISSING} when the table has none (run {@code kv table migrate})
   */
  public record Status(
      String tableName,
      String status,
      long itemCount,
      long sizeBytes,
      String billingMode,
      TimeToLive timeToLive,
      String listingIndex) {}

  /** The listing index's name, for messages. */
  public static String listingIndexName() {
    return ListingIndex.NAME;
  }

  /** The table's name. */
  public String tableName() {
    return tableName;
  }

  /** {@link #create(Duration)} waiting up to {@link #DEFAULT_WAIT}. */
  public Creation create() {
    return create(DEFAULT_WAIT);
  }

  /**
   * Creates the table unless it exists, waits until it is active, and turns on time to live on
   * {@code ExpiresAt} unless it is on. Where the implementation lacks UpdateTimeToLive, logs a
   * warning and carries on.
   *
   * @throws IllegalStateException when the table is not active within {@code wait}
   */
  public Creation create(Duration wait) {
    boolean created;
    try {
      client.createTable(
          b ->
              b.tableName(tableName)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(keyAttribute(), shardAttribute())
                  .keySchema(
                      KeySchemaElement.builder()
                          .attributeName(ItemShape.KEY)
                          .keyType(KeyType.HASH)
                          .build())
                  .globalSecondaryIndexes(listingIndex()));
      created = true;
    } catch (ResourceInUseException exists) {
      created = false;
    }
    awaitActive(wait);
    return new Creation(created, enableTimeToLive());
  }

  /** The table's status, or empty when there is no such table. */
  public Optional<Status> describe() {
    TableDescription table;
    try {
      table = client.describeTable(b -> b.tableName(tableName)).table();
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
    return Optional.of(
        new Status(
            table.tableName(),
            table.tableStatusAsString(),
            table.itemCount() == null ? 0 : table.itemCount(),
            table.tableSizeBytes() == null ? 0 : table.tableSizeBytes(),
            table.billingModeSummary() == null
                ? "PROVISIONED"
                : table.billingModeSummary().billingModeAsString(),
            timeToLive(),
            indexStatus(table)));
  }

  /** {@link #delete(Duration)} waiting up to {@link #DEFAULT_WAIT}. */
  public boolean delete() {
    return delete(DEFAULT_WAIT);
  }

  /**
   * Deletes the table and its entries, and waits until it is gone.
   *
   * @return false when there was no such table
   * @throws IllegalStateException when the table is still there after {@code wait}
   */
  public boolean delete(Duration wait) {
    try {
      client.deleteTable(b -> b.tableName(tableName));
    } catch (ResourceNotFoundException missing) {
      return false;
    }
    await(wait, "deleted", waiter -> waiter.waitUntilTableNotExists(b -> b.tableName(tableName)));
    return true;
  }

  /**
   * Progress of {@link #migrate}.
   *
   * @param scanned items read so far
   * @param updated items given the listing attribute by this run
   * @param skipped items that had it already, or changed or vanished meanwhile (left as they are)
   * @param finished true on the last report
   */
  public record MigrationProgress(long scanned, long updated, long skipped, boolean finished) {}

  /**
   * What {@link #migrate} did.
   *
   * @param indexAdded true when this run asked DynamoDB to add the listing index
   * @param indexStatus the index's status afterwards, {@code MISSING} when the implementation
   *     ignored the request (dynalite does)
   * @param progress the final counts
   * @param indexRefusal why DynamoDB refused to add the index, or {@code null}
   */
  public record Migration(
      boolean indexAdded, String indexStatus, MigrationProgress progress, String indexRefusal) {}

  /**
   * Makes an existing table listable: adds the listing index when it is missing, then gives every
   * item without the index attribute ({@code KeyShard}, e.g. items of the original service) that
   * attribute. Each item is one UpdateItem conditioned on the item existing and still lacking the
   * attribute, which sets nothing but {@code KeyShard}: it never undoes or resurrects a concurrent
   * write. Idempotent; an interrupted run is resumed by running it again (items done already are
   * skipped with no write). Safe while the API serves traffic. Reads the table with Scan, which
   * only this administrative command does.
   *
   * @param onProgress told after every page of the table read
   */
  public Migration migrate(Consumer<MigrationProgress> onProgress) {
    return migrate(onProgress, key -> {});
  }

  /**
   * {@link #migrate(Consumer)}, calling {@code beforeUpdate} with each key it is about to update.
   */
  Migration migrate(Consumer<MigrationProgress> onProgress, Consumer<String> beforeUpdate) {
    Objects.requireNonNull(onProgress, "onProgress");
    TableDescription table = client.describeTable(b -> b.tableName(tableName)).table();
    boolean added = false;
    String refusal = null;
    if ("MISSING".equals(indexStatus(table))) {
      try {
        client.updateTable(
            b ->
                b.tableName(tableName)
                    .attributeDefinitions(keyAttribute(), shardAttribute())
                    .globalSecondaryIndexUpdates(
                        u ->
                            u.create(
                                c ->
                                    c.indexName(ListingIndex.NAME)
                                        .keySchema(listingIndex().keySchema())
                                        .projection(listingIndex().projection()))));
        added = true;
      } catch (DynamoDbException refused) {
        // Some implementations cannot add an index to a table; the backfill still runs, so the
        // items are ready once the table gets the index.
        refusal =
            refused.awsErrorDetails() == null
                ? refused.getClass().getSimpleName()
                : refused.awsErrorDetails().errorMessage();
      }
    }
    long scanned = 0;
    long updated = 0;
    long skipped = 0;
    Map<String, AttributeValue> start = null;
    Map<String, String> names = Map.of("#k", ItemShape.KEY, "#shard", ListingIndex.SHARD);
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse page =
          client.scan(
              b ->
                  b.tableName(tableName)
                      .projectionExpression("#k, #shard")
                      .expressionAttributeNames(names)
                      .limit(MIGRATION_PAGE)
                      .exclusiveStartKey(from));
      for (Map<String, AttributeValue> item : page.items()) {
        scanned++;
        AttributeValue key = item.get(ItemShape.KEY);
        if (item.containsKey(ListingIndex.SHARD) || key == null || key.s() == null) {
          skipped++;
          continue;
        }
        beforeUpdate.accept(key.s());
        try {
          client.updateItem(
              b ->
                  b.tableName(tableName)
                      .key(Map.of(ItemShape.KEY, key))
                      .updateExpression("SET #shard = :shard")
                      .conditionExpression("attribute_exists(#k) AND attribute_not_exists(#shard)")
                      .expressionAttributeNames(names)
                      .expressionAttributeValues(
                          Map.of(":shard", ItemShape.number(ListingIndex.shard(key.s())))));
          updated++;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
          skipped++; // deleted, or written by kv (which sets the attribute) since the read
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
      onProgress.accept(new MigrationProgress(scanned, updated, skipped, start == null));
    } while (start != null);
    String status = indexStatus(client.describeTable(b -> b.tableName(tableName)).table());
    return new Migration(
        added, status, new MigrationProgress(scanned, updated, skipped, true), refusal);
  }

  private static String indexStatus(TableDescription table) {
    if (table.hasGlobalSecondaryIndexes()) {
      for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
        if (ListingIndex.NAME.equals(index.indexName())) {
          String status = index.indexStatusAsString();
          return status == null ? "ACTIVE" : status;
        }
      }
    }
    return "MISSING";
  }

  private static AttributeDefinition keyAttribute() {
    return AttributeDefinition.builder()
        .attributeName(ItemShape.KEY)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static AttributeDefinition shardAttribute() {
    return AttributeDefinition.builder()
        .attributeName(ListingIndex.SHARD)
        .attributeType(ScalarAttributeType.N)
        .build();
  }

  /** The listing index: shard as partition key, key as sort key, keys and expiry projected. */
  private static GlobalSecondaryIndex listingIndex() {
    return GlobalSecondaryIndex.builder()
        .indexName(ListingIndex.NAME)
        .keySchema(
            KeySchemaElement.builder()
                .attributeName(ListingIndex.SHARD)
                .keyType(KeyType.HASH)
                .build(),
            KeySchemaElement.builder().attributeName(ItemShape.KEY).keyType(KeyType.RANGE).build())
        .projection(
            Projection.builder()
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(ItemShape.EXPIRES_AT)
                .build())
        .build();
  }

  private void awaitActive(Duration wait) {
    await(wait, "active", waiter -> waiter.waitUntilTableExists(b -> b.tableName(tableName)));
  }

  private TimeToLive enableTimeToLive() {
    TimeToLive current = timeToLive();
    if (current == TimeToLive.ENABLED
        || current == TimeToLive.ENABLING
        || current == TimeToLive.UNSUPPORTED) {
      return current;
    }
    try {
      client.updateTimeToLive(
          b ->
              b.tableName(tableName)
                  .timeToLiveSpecification(
                      t -> t.attributeName(ItemShape.EXPIRES_AT).enabled(true)));
      return TimeToLive.ENABLED;
    } catch (DynamoDbException failure) {
      if (isUnsupported(failure)) {
        LOG.log(
            TTL_WARNED.getAndSet(true) ? Level.DEBUG : Level.WARNING,
            "This DynamoDB implementation does not support UpdateTimeToLive: expired entries of"
                + " table ''{0}'' stay stored (kv still treats them as absent)",
            tableName);
        return TimeToLive.UNSUPPORTED;
      }
      throw failure;
    }
  }

  private TimeToLive timeToLive() {
    try {
      TimeToLiveDescription ttl =
          client.describeTimeToLive(b -> b.tableName(tableName)).timeToLiveDescription();
      if (ttl == null || ttl.timeToLiveStatus() == null) {
        return TimeToLive.DISABLED;
      }
      boolean ours =
          ttl.attributeName() == null || ItemShape.EXPIRES_AT.equals(ttl.attributeName());
      return switch (ttl.timeToLiveStatus()) {
        case ENABLED -> ours ? TimeToLive.ENABLED : TimeToLive.DISABLED;
        case ENABLING -> ours ? TimeToLive.ENABLING : TimeToLive.DISABLED;
        case DISABLING -> TimeToLive.DISABLING;
        default -> TimeToLive.DISABLED;
      };
    } catch (DynamoDbException failure) {
      if (isUnsupported(failure)) {
        return TimeToLive.UNSUPPORTED;
      }
      throw failure;
    }
  }

  private static boolean isUnsupported(DynamoDbException failure) {
    String code = failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
    return "UnknownOperationException".equals(code);
  }

  /**
   * Waits with the SDK's waiter for the table (its acceptors: "exists" is {@code ACTIVE}, "not
   * exists" is {@code ResourceNotFoundException}), polling until {@code wait} has passed.
   */
  private void await(Duration wait, String state, Consumer<DynamoDbWaiter> until) {
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder()
                    .waitTimeout(wait)
                    .maxAttempts(Integer.MAX_VALUE)
                    .backoffStrategyV2(POLLING)
                    .build())
            .build()) {
      until.accept(waiter);
    } catch (SdkClientException notReached) {
      throw new IllegalStateException(
          "The DynamoDB table '" + tableName + "' was not " + state + " within " + wait,
          notReached);
    }
  }
}
