package dev.kv.lambda.bootstrap;

import dev.kv.core.KeyValueStore;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The stores kv runs on, chosen by name: the one place that names a concrete store, used by the
 * deployed function ({@link FunctionConfiguration}) and by the command line.
 */
public final class StoreSelection {

  /** A kind of store. */
  public enum Kind {
    /** Entries in memory, gone when the process ends. */
    MEMORY,
    /** Entries in a DynamoDB table. */
    DYNAMODB
  }

  private StoreSelection() {}

  /**
   * The kind a user names: {@code memory} (or {@code in-memory}) or {@code dynamodb}, in any case
   * and with surrounding blanks; empty for anything else.
   */
  public static Optional<Kind> kind(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "memory", "in-memory" -> Optional.of(Kind.MEMORY);
      case "dynamodb" -> Optional.of(Kind.DYNAMODB);
      default -> Optional.empty();
    };
  }

  /** A new, empty in-memory store. */
  public static KeyValueStore inMemory() {
    return new InMemoryKeyValueStore();
  }

  /** A store on {@code tableName} through {@code client}, which the caller keeps and closes. */
  public static KeyValueStore dynamoDb(DynamoDbClient client, String tableName) {
    return new DynamoDbKeyValueStore(client, tableName);
  }

  /** A store that builds its own client from {@code config}: the deployed function's. */
  public static KeyValueStore dynamoDb(DynamoDbStoreConfig config) {
    return DynamoDbKeyValueStore.create(config);
  }
}
