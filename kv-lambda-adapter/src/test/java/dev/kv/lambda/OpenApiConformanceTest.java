package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.kv.core.KeyValueService;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Replays requests of every kind through the handler and checks each request and response against
 * {@code docs/openapi.yaml}: a status, header or body the document does not describe fails here.
 */
class OpenApiConformanceTest {

  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(
              Path.of("..", "docs", "openapi.yaml").toAbsolutePath().toUri().toString())
          .build();

  private final KvApiHandler handler =
      new KvApiHandler(new KeyValueService(new InMemoryKeyValueStore()), line -> {});
  private final List<String> problems = new ArrayList<>();
  private final java.util.Set<Integer> statusesSeen = new java.util.TreeSet<>();

  @Test
  void everyInteractionMatchesTheDocument() {
    check(Events.load("get-root.json"));
    check(Events.load("put-text.json"));
    check(Events.load("put-text.json"));
    check(Events.load("get-entry.json"));
    check(Events.load("head-entry.json"));
    check(Events.header(Events.request("GET", "/key/hello"), "If-None-Match", "\"2\""));
    check(Events.load("put-if-match.json"));
    check(Events.load("put-create-only.json"));
    check(Events.load("put-with-ttl.json"));
    check(Events.request("GET", "/key/session%2Fabc"));
    check(Events.load("put-binary.json"));
    check(Events.request("GET", "/key/images%2Flogo.png"));
    check(Events.load("list-keys.json"));
    checkResponse(Events.query(Events.load("list-keys.json"), "limit", "0"));
    checkResponse(Events.query(Events.load("list-keys.json"), "cursor", "bad"));
    check(Events.request("GET", "/key/missing"));
    checkResponse(Events.request("PUT", "/key/%ZZ"));
    checkResponse(Events.query(Events.body(Events.request("PUT", "/key/t"), "v"), "ttl", "0"));
    checkResponse(Events.load("post-entry.json"));
    checkResponse(Events.request("DELETE", "/key"));
    check(Events.load("delete-entry.json"));
    check(Events.load("delete-entry.json"));
    APIGatewayProxyRequestEvent big = Events.request("PUT", "/key/big");
    big.setBody(Base64.getEncoder().encodeToString(new byte[393_217]));
    big.setIsBase64Encoded(true);
    checkResponse(big);

    assertThat(problems).isEmpty();
    assertThat(statusesSeen).contains(200, 201, 204, 304, 400, 404, 405, 412, 413);
  }

  @Test
  void theValidatorRejectsWhatTheDocumentDoesNotAllow() {
    SimpleResponse undocumented = SimpleResponse.Builder.status(418).build();

    ValidationReport report =
        VALIDATOR.validateResponse("/key/x", Request.Method.GET, undocumented);

    assertThat(report.hasErrors()).isTrue();
  }

  /** Checks a well-formed request and the response to it. */
  private void check(APIGatewayProxyRequestEvent event) {
    validateRequest(event);
    checkResponse(event);
  }

  private void validateRequest(APIGatewayProxyRequestEvent event) {
    Request.Method method = Request.Method.valueOf(event.getHttpMethod());
    String path = documentPath(event.getPath());
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    if (event.getMultiValueHeaders() != null) {
      event.getMultiValueHeaders().forEach(request::withHeader);
    }
    if (event.getMultiValueQueryStringParameters() != null) {
      event.getMultiValueQueryStringParameters().forEach(request::withQueryParam);
    }
    if (event.getBody() != null) {
      request.withBody(
          Boolean.TRUE.equals(event.getIsBase64Encoded())
              ? Base64.getDecoder().decode(event.getBody())
              : event.getBody().getBytes(UTF_8));
    }
    record(method + " " + path + " request", VALIDATOR.validateRequest(request.build()));
  }

  /** Checks only the response: for requests that break the document on purpose. */
  private void checkResponse(APIGatewayProxyRequestEvent event) {
    Request.Method method = Request.Method.valueOf(event.getHttpMethod());
    String path = documentPath(event.getPath());
    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
    statusesSeen.add(response.getStatusCode());
    if (response.getStatusCode() == 405) {
      // OpenAPI describes the operations a path has, not the ones it refuses; the 405 problem
      // itself is checked in KvApiHandlerTest.
      assertThat(response.getHeaders()).containsKey("Allow");
      return;
    }
    SimpleResponse.Builder built = SimpleResponse.Builder.status(response.getStatusCode());
    for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
      built.withHeader(header.getKey(), header.getValue());
    }
    if (!response.getBody().isEmpty()) {
      built.withBody(
          Boolean.TRUE.equals(response.getIsBase64Encoded())
              ? Base64.getDecoder().decode(response.getBody())
              : response.getBody().getBytes(UTF_8));
    }
    record(
        method + " " + path + " -> " + response.getStatusCode(),
        VALIDATOR.validateResponse(path, method, built.build()));
  }

  /**
   * The path as the document's {@code /key/{key}} template can match it: OpenAPI has no greedy
   * parameter, so slashes inside the key are sent encoded.
   */
  private static String documentPath(String path) {
    return path.startsWith("/key/") ? "/key/" + path.substring(5).replace("/", "%2F") : path;
  }

  private void record(String what, ValidationReport report) {
    if (report.hasErrors()) {
      problems.add(
          what
              + ": "
              + report.getMessages().stream()
                  .map(ValidationReport.Message::getMessage)
                  .collect(Collectors.joining("; ")));
    }
  }
}
