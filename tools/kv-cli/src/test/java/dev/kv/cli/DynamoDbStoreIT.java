package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code kv serve} and {@code kv invoke} with {@code --store dynamodb}, against dynalite. */
class DynamoDbStoreIT {

  private static DynamoDbTestEndpoint dynamo;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String table = dynamo == null ? null : dynamo.newTableName();

  @BeforeAll
  static void startDynamoDb() {
    dynamo = DynamoDbTestEndpoint.shared();
  }

  @AfterEach
  void dropTable() {
    dynamo.deleteTable(table);
  }

  private String[] dynamoOptions(String... more) {
    String[] options = {
      "--store",
      "dynamodb",
      "--endpoint",
      dynamo.endpoint().toString(),
      "--region",
      dynamo.region(),
      "--table",
      table
    };
    String[] all = new String[options.length + more.length];
    System.arraycopy(options, 0, all, 0, options.length);
    System.arraycopy(more, 0, all, options.length, more.length);
    return all;
  }

  @Test
  void serveCreatesTheTableAndKeepsEntriesAcrossRestarts() throws Exception {
    byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 'k', 'v'};
    try (ServedKv kv = ServedKv.start(dynamoOptions("--create-table", "--quiet"))) {
      assertThat(kv.out()).contains("created table '" + table + "'").contains("Store: DynamoDB");

      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(kv.uri("/key/dir%2Fbin"))
                  .header("Content-Type", "application/octet-stream")
                  .PUT(BodyPublishers.ofByteArray(binary))
                  .build(),
              BodyHandlers.ofString());
      HttpResponse<String> stale =
          http.send(
              HttpRequest.newBuilder(kv.uri("/key/dir/bin"))
                  .header("If-Match", "\"7\"")
                  .PUT(BodyPublishers.ofString("x"))
                  .build(),
              BodyHandlers.ofString());

      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(stale.statusCode()).isEqualTo(412);
      assertThat(stale.headers().firstValue("ETag")).hasValue("\"1\"");
      HttpResponse<String> info =
          http.send(HttpRequest.newBuilder(kv.uri("/")).build(), BodyHandlers.ofString());
      assertThat(info.body()).contains("\"store\":\"dynamodb\"");
    }

    try (ServedKv again = ServedKv.start(dynamoOptions("--quiet"))) {
      HttpResponse<byte[]> read =
          http.send(
              HttpRequest.newBuilder(again.uri("/key/dir/bin")).build(),
              BodyHandlers.ofByteArray());
      HttpResponse<String> listing =
          http.send(
              HttpRequest.newBuilder(again.uri("/key?prefix=dir")).build(),
              BodyHandlers.ofString());

      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).isEqualTo(binary);
      assertThat(listing.body()).contains("\"keys\":[\"dir/bin\"]");
    }
  }

  @Test
  void serveWithoutTheTableFailsBeforeListening() {
    CliRun run = CliRun.kv("", prepend("serve", dynamoOptions()));

    assertThat(run.status()).isEqualTo(Kv.FAILED);
    assertThat(run.err())
        .startsWith("kv: there is no table '" + table + "'")
        .contains("--create-table");
  }

  @Test
  void invokeWritesAndReadsTheSameTable() throws Exception {
    new dev.kv.dynamodb.KvTable(dynamo.client(), table).create();
    ObjectMapper json = new ObjectMapper();
    String putEvent = Fixtures.eventText("put-binary.json");
    ObjectNode getEvent = (ObjectNode) json.readTree(putEvent);
    getEvent.put("httpMethod", "GET");
    getEvent.putNull("body");
    getEvent.put("isBase64Encoded", false);

    CliRun put = CliRun.kv(putEvent, prepend("invoke", dynamoOptions("--event", "-")));
    CliRun get =
        CliRun.kv(
            json.writeValueAsString(getEvent), prepend("invoke", dynamoOptions("--event", "-")));

    assertThat(put.status()).isEqualTo(Kv.OK);
    assertThat(json.readTree(put.out()).get("statusCode").asInt()).isEqualTo(201);
    JsonNode response = json.readTree(get.out());
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(response.get("body").asText()))
        .isEqualTo(Base64.getDecoder().decode(json.readTree(putEvent).get("body").asText()));
    assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("image/png");
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
