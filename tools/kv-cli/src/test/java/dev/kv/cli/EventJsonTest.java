package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Event JSON as {@code kv invoke} reads and writes it. */
class EventJsonTest {

  static List<String> fixtures() {
    return Fixtures.eventNames();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readsEveryFixtureAsTheLambdaRuntimeDoes(String name) {
    APIGatewayProxyRequestEvent byRuntime = EventLoader.loadApiGatewayRestEvent("events/" + name);

    APIGatewayProxyRequestEvent byKv = EventJson.readRequest(Fixtures.eventText(name));

    assertThat(byKv).isEqualTo(byRuntime);
    assertThat(byKv.getRequestContext().getRequestId()).isNotBlank();
  }

  @Test
  void fixturesAreThere() {
    assertThat(fixtures()).contains("get-entry.json", "put-binary.json").hasSizeGreaterThan(10);
  }

  @Test
  void unknownFieldsAreIgnored() {
    APIGatewayProxyRequestEvent event =
        EventJson.readRequest("{\"httpMethod\":\"GET\",\"path\":\"/\",\"newField\":{\"a\":1}}");

    assertThat(event.getHttpMethod()).isEqualTo("GET");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> EventJson.readRequest("{\n  \"httpMethod\": \"GET\",,\n}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("it is not valid JSON: ")
        .hasMessageContaining("line 2, column");
  }

  @Test
  void truncatedJsonIsMalformed() {
    assertThatThrownBy(() -> EventJson.readRequest("{\"httpMethod\": \"GET\""))
        .hasMessageStartingWith("it is not valid JSON");
  }

  @Test
  void emptyInputIsRefused() {
    assertThatThrownBy(() -> EventJson.readRequest("  ")).hasMessage("it is empty");
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> EventJson.readRequest("[1, 2]")).hasMessageContaining("not an object");
  }

  @Test
  void fieldsOfTheWrongTypeAreRefused() {
    assertThatThrownBy(() -> EventJson.readRequest("{\"headers\": [\"a\"]}"))
        .hasMessageStartingWith("it does not have the shape of an API Gateway REST proxy event");
  }

  @Test
  void writesTheResponseInTheRuntimesShape() throws Exception {
    APIGatewayProxyResponseEvent response =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(201)
            .withHeaders(Map.of("ETag", "\"1\""))
            .withBody("")
            .withIsBase64Encoded(false);

    String text = EventJson.writeResponse(response);
    JsonNode json = new ObjectMapper().readTree(text);

    assertThat(text).startsWith("{\n  \"statusCode\": 201,\n");

    assertThat(json.get("statusCode").asInt()).isEqualTo(201);
    assertThat(json.get("headers").get("ETag").asText()).isEqualTo("\"1\"");
    assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(json.get("body").asText()).isEmpty();
    assertThat(json.has("multiValueHeaders")).isFalse();
  }
}
