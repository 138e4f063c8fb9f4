package dev.kv.lambda.bootstrap;

import dev.kv.core.KeyValueService;
import dev.kv.core.KeyValueStore;
import dev.kv.dynamodb.DynamoDbStoreConfig;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the deployed function's {@link KeyValueService} from its environment: the composition root
 * of the Lambda function (environment, then store, then service; the handler's no-argument
 * constructor takes it from here).
 *
 * <ul>
 *   <li>{@code KV_STORE}: {@code dynamodb} (default) or {@code memory}
 *   <li>{@code TABLE_NAME}: the DynamoDB table (required for {@code dynamodb})
 *   <li>{@code AWS_REGION}: the region of the table (set by Lambda)
 *   <li>{@code KV_DYNAMODB_ENDPOINT}: optional endpoint URL of a DynamoDB-compatible service
 * </ul>
 */
public final class FunctionConfiguration {

  private FunctionConfiguration() {}

  /**
   * The service the environment describes.
   *
   * @throws IllegalStateException naming the variable when a setting is missing or invalid
   */
  public static KeyValueService service(Map<String, String> env) {
    return new KeyValueService(store(env));
  }

  static KeyValueStore store(Map<String, String> env) {
    String name = env.getOrDefault("KV_STORE", "dynamodb");
    StoreSelection.Kind kind =
        StoreSelection.kind(name.isBlank() ? "dynamodb" : name)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "KV_STORE must be 'dynamodb' or 'memory', was '"
                            + name.strip().toLowerCase(Locale.ROOT)
                            + "'"));
    return switch (kind) {
      case MEMORY -> StoreSelection.inMemory();
      case DYNAMODB -> dynamoDb(env);
    };
  }

  private static KeyValueStore dynamoDb(Map<String, String> env) {
    DynamoDbStoreConfig config;
    try {
      config = DynamoDbStoreConfig.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("TABLE_NAME is not a valid table name: " + e.getMessage());
    }
    return StoreSelection.dynamoDb(config);
  }
}
