package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.KeyValueService;
import dev.kv.core.contract.MutableClock;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import dev.kv.lambda.bootstrap.FunctionConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler end to end on a real DynamoDB implementation (dynalite unless configured). */
class KvApiHandlerDynamoDbIT {

  private final DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
  private final MutableClock clock = new MutableClock(Instant.now());
  private String table;
  private DynamoDbKeyValueStore store;
  private KvApiHandler handler;

  @BeforeEach
  void createTable() {
    table = dynamo.createTable();
    store = DynamoDbKeyValueStore.create(dynamo.config(table));
    handler = new KvApiHandler(new KeyValueService(store, clock), line -> {});
  }

  @AfterEach
  void deleteTable() {
    store.close();
    dynamo.deleteTable(table);
  }

  private APIGatewayProxyResponseEvent send(APIGatewayProxyRequestEvent event) {
    return handler.handleRequest(event, null);
  }

  @Test
  void putGetDeleteRoundTrip() {
    assertThat(send(Events.load("put-text.json")).getStatusCode()).isEqualTo(201);

    APIGatewayProxyResponseEvent got = send(Events.load("get-entry.json"));
    assertThat(got.getStatusCode()).isEqualTo(200);
    assertThat(got.getBody()).isEqualTo("hello world");
    assertThat(got.getHeaders())
        .containsEntry("ETag", "\"1\"")
        .containsEntry("Content-Type", "text/plain; charset=utf-8")
        .containsKey("Last-Modified");

    assertThat(send(Events.load("delete-entry.json")).getStatusCode()).isEqualTo(204);
    assertThat(send(Events.load("get-entry.json")).getStatusCode()).isEqualTo(404);
    assertThat(send(Events.load("delete-entry.json")).getStatusCode()).isEqualTo(404);
  }

  @Test
  void preconditionsAreCheckedByTheStore() {
    assertThat(send(Events.load("put-create-only.json")).getStatusCode()).isEqualTo(201);
    APIGatewayProxyResponseEvent again = send(Events.load("put-create-only.json"));
    assertThat(again.getStatusCode()).isEqualTo(412);
    assertThat(again.getHeaders()).containsEntry("ETag", "\"1\"");

    assertThat(send(Events.load("put-if-match.json")).getStatusCode()).isEqualTo(204);
    APIGatewayProxyResponseEvent stale = send(Events.load("put-if-match.json"));
    assertThat(stale.getStatusCode()).isEqualTo(412);
    assertThat(stale.getHeaders()).containsEntry("ETag", "\"2\"");
  }

  @Test
  void binaryBodyRoundTripsByteForByte() {
    APIGatewayProxyRequestEvent put = Events.load("put-binary.json");
    assertThat(send(put).getStatusCode()).isEqualTo(201);

    APIGatewayProxyResponseEvent got = send(Events.request("GET", "/key/images/logo.png"));

    assertThat(got.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(got.getBody()))
        .isEqualTo(Base64.getDecoder().decode(put.getBody()));
  }

  @Test
  void expiredEntryIsGoneAtOnce() {
    assertThat(send(Events.load("put-with-ttl.json")).getStatusCode()).isEqualTo(201);
    assertThat(send(Events.request("GET", "/key/session/abc")).getHeaders())
        .containsKey("Kv-Expires-At");

    clock.advance(Duration.ofSeconds(3600));

    assertThat(send(Events.request("GET", "/key/session/abc")).getStatusCode()).isEqualTo(404);
    assertThat(send(Events.load("list-keys.json")).getBody()).doesNotContain("session/abc");
  }

  @Test
  void listingWalksAllPages() {
    for (int i = 0; i < 5; i++) {
      send(Events.body(Events.request("PUT", "/key/app/" + i), "v"));
    }
    APIGatewayProxyResponseEvent first = send(Events.load("list-keys.json"));
    assertThat(first.getBody()).contains("\"cursor\":\"");
    String cursor = first.getBody().replaceAll(".*\"cursor\":\"([^\"]+)\".*", "$1");

    APIGatewayProxyResponseEvent second =
        send(Events.query(Events.load("list-keys.json"), "cursor", cursor));

    assertThat(second.getStatusCode()).isEqualTo(200);
    assertThat(first.getBody() + second.getBody()).contains("app/0").contains("app/1");
  }

  @Test
  void functionBuiltFromTheEnvironmentServesTheTable() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    KeyValueService service =
        FunctionConfiguration.service(
            Map.of(
                "TABLE_NAME", table,
                "AWS_REGION", dynamo.region(),
                "KV_DYNAMODB_ENDPOINT", dynamo.endpoint().toString()));
    KvApiHandler fromEnv = new KvApiHandler(service, line -> {});

    assertThat(fromEnv.handleRequest(Events.load("get-root.json"), null).getBody())
        .contains("\"store\":\"dynamodb\"");
    assertThat(fromEnv.handleRequest(Events.load("put-text.json"), null).getStatusCode())
        .isEqualTo(201);
    assertThat(
            new String(
                store.get(dev.kv.core.Key.of("hello"), Instant.now()).orElseThrow().value(), UTF_8))
        .isEqualTo("hello world");
  }
}
