package dev.kv.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The floor of the cold-start comparison: a function that only builds a {@code DynamoDbClient} the
 * way AWS recommends for Lambda (explicit region, environment credentials, url-connection HTTP
 * client) and reads one item, strongly consistent, from the same table. Whatever kv takes beyond
 * this is kv's own cost. Answers "200" or "404".
 */
public final class FloorHandler implements RequestHandler<String, String> {

  private final DynamoDbClient client;
  private final String table;

  /** Builds the client from the function's environment, as at a Lambda init. */
  public FloorHandler() {
    Map<String, String> env = System.getenv();
    table = env.get("TABLE_NAME");
    client =
        DynamoDbClient.builder()
            .region(Region.of(env.get("AWS_REGION")))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(URI.create(env.get("KV_DYNAMODB_ENDPOINT")))
            .build();
  }

  @Override
  public String handleRequest(String key, Context context) {
    GetItemRequest request =
        GetItemRequest.builder()
            .tableName(table)
            .key(Map.of("Key", AttributeValue.fromS(key)))
            .consistentRead(true)
            .build();
    return client.getItem(request).hasItem() ? "200" : "404";
  }
}
