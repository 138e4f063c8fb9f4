package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kv invoke} with real API Gateway events. */
class InvokeCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int kv(String stdin, String... args) {
    CliRun run = CliRun.kv(stdin, args);
    out.append(run.out());
    err.append(run.err());
    return run.status();
  }

  private JsonNode response() throws Exception {
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void runsAFixtureEventAndPrintsTheResponseEvent() throws Exception {
    int status = kv("", "invoke", "--event", Fixtures.event("get-root.json").toString());

    assertThat(status).isEqualTo(Kv.OK);
    JsonNode response = response();
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("headers").get("X-Request-Id").asText())
        .isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    assertThat(response.get("body").asText()).contains("\"store\":\"in-memory\"");
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void theRequestLogGoesToStandardErrorNotIntoTheResponse() throws Exception {
    kv("", "invoke", "-e", Fixtures.event("get-entry.json").toString());

    assertThat(response().get("statusCode").asInt()).isEqualTo(404);
    assertThat(err.toString()).contains("\"message\":\"request\"").contains("\"status\":404");
  }

  @Test
  void binaryPutIsAcceptedWithItsCreatedStatus() throws Exception {
    kv("", "invoke", "--event", Fixtures.event("put-binary.json").toString());

    assertThat(response().get("statusCode").asInt()).isEqualTo(201);
    assertThat(response().get("headers").get("ETag").asText()).isEqualTo("\"1\"");
  }

  @Test
  void readsTheEventFromStandardInputForDash() throws Exception {
    int status = kv(Fixtures.eventText("post-entry.json"), "invoke", "--event", "-");

    assertThat(status).isEqualTo(Kv.OK);
    assertThat(response().get("statusCode").asInt()).isEqualTo(405);
    assertThat(response().get("headers").get("Allow").asText()).isEqualTo("GET, HEAD, PUT, DELETE");
  }

  @Test
  void malformedJsonIsAClearFailure(@TempDir Path dir) throws Exception {
    Path event = dir.resolve("broken.json");
    Files.writeString(event, "{\"httpMethod\": \"GET\",\n \"path\": }");

    int status = kv("", "invoke", "--event", event.toString());

    assertThat(status).isEqualTo(Kv.FAILED);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .startsWith("kv: cannot use the event from " + event + ": it is not valid JSON: ")
        .contains("line 2, column")
        .doesNotContain("\tat ");
  }

  @Test
  void malformedJsonOnStandardInputIsAClearFailure() {
    int status = kv("not json", "invoke", "--event", "-");

    assertThat(status).isEqualTo(Kv.FAILED);
    assertThat(err.toString()).startsWith("kv: cannot use the event from standard input: ");
  }

  @Test
  void missingFileIsAClearFailure(@TempDir Path dir) {
    int status = kv("", "invoke", "--event", dir.resolve("nope.json").toString());

    assertThat(status).isEqualTo(Kv.FAILED);
    assertThat(err.toString()).startsWith("kv: cannot read the event: no file ");
  }

  @Test
  void anEmptyObjectIsABadRequestFromTheHandler() throws Exception {
    int status = kv("{}", "invoke", "--event", "-");

    assertThat(status).isEqualTo(Kv.OK);
    assertThat(response().get("statusCode").asInt()).isEqualTo(400);
  }

  @Test
  void theEventOptionIsRequired() {
    assertThat(kv("", "invoke")).isEqualTo(Kv.USAGE);
    assertThat(err.toString()).contains("--event");
  }
}
