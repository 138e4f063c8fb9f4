package dev.kv.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * The API Gateway REST proxy event of a cold start, with what API Gateway sets for {@code GET
 * /key/{key}}. Kept apart from {@link RuntimeStandIn} so that a floor run never loads the event
 * classes. No string concatenation with {@code +} here: its first use bootstraps an invokedynamic
 * call site, a start-up cost that must be counted only where kv itself pays it.
 */
final class ProxyEventFixture {

  private ProxyEventFixture() {}

  /** The event of {@code GET /key/KEY} on stage {@code v1}. */
  static APIGatewayProxyRequestEvent getKey(String key) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod("GET");
    event.setResource("/key/{key+}");
    event.setPath("/key/".concat(key));
    event.setPathParameters(Map.of("key", key));
    event.setHeaders(
        Map.of("Accept", "*/*", "Host", "example.execute-api.eu-west-1.amazonaws.com"));
    event.setRequestContext(
        new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withRequestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef")
            .withStage("v1")
            .withPath("/v1/key/".concat(key))
            .withHttpMethod("GET")
            .withResourcePath("/key/{key+}"));
    return event;
  }

  /** Runs the handler's SnapStart priming, as the runtime does before taking the snapshot. */
  static void prime(Object handler) throws Exception {
    ((org.crac.Resource) handler).beforeCheckpoint(null);
  }

  /**
   * Hands {@code json} to the handler's stream entry point, as the Lambda runtime does for a
   * handler that has one, and returns the response's status code.
   */
  static String streamStatus(Object handler, String json) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ((com.amazonaws.services.lambda.runtime.RequestStreamHandler) handler)
        .handleRequest(
            new java.io.ByteArrayInputStream(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            out,
            null);
    String response = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    int at = response.indexOf("\"statusCode\":");
    if (at < 0) {
      throw new IllegalStateException("No status code in the response: ".concat(response));
    }
    int end = at + "\"statusCode\":".length();
    while (end < response.length() && Character.isDigit(response.charAt(end))) {
      end++;
    }
    return response.substring(at + "\"statusCode\":".length(), end);
  }

  /** The status code of a response event. */
  static String status(Object response) {
    return String.valueOf(((APIGatewayProxyResponseEvent) response).getStatusCode());
  }
}
