package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The local server's API Gateway: HTTP request to proxy event, proxy response to HTTP. */
class ApiGatewayTest {

  private static final Instant TIME = Instant.parse("2026-11-27T10:00:00Z");

  private static ApiGateway.Request request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    return new ApiGateway.Request(
        method, rawPath, rawQuery, headers, body, "127.0.0.1", 8080, "HTTP/1.1", "req-1", TIME);
  }

  private static APIGatewayProxyRequestEvent event(String rawPath) {
    return ApiGateway.requestEvent(request("GET", rawPath, null, Map.of(), new byte[0]), "local");
  }

  @ParameterizedTest
  @CsvSource({
    "/, /",
    "/key, /key",
    "/key/a, /key/{key+}",
    "/key/a/b/c, /key/{key+}",
    "/key/, /key/{key+}",
    "/keys, /{proxy+}",
    "/other/path, /{proxy+}"
  })
  void pathsFallUnderTheResourcesOfTheDeployedApi(String path, String resource) {
    APIGatewayProxyRequestEvent event = event(path);

    assertThat(event.getResource()).isEqualTo(resource);
    assertThat(event.getRequestContext().getResourcePath()).isEqualTo(resource);
  }

  @Test
  void pathAndGreedyKeyParameterStayPercentEncoded() {
    APIGatewayProxyRequestEvent event = event("/key/dir%2Ffile%20name/%E2%82%AC");

    assertThat(event.getPath()).isEqualTo("/key/dir%2Ffile%20name/%E2%82%AC");
    assertThat(event.getPathParameters())
        .containsExactly(Map.entry("key", "dir%2Ffile%20name/%E2%82%AC"));
    assertThat(event.getRequestContext().getPath()).isEqualTo(event.getPath());
  }

  @Test
  void otherRoutesHaveNoKeyParameter() {
    assertThat(event("/").getPathParameters()).isNull();
    assertThat(event("/key").getPathParameters()).isNull();
    assertThat(event("/some/where").getPathParameters())
        .containsExactly(Map.entry("proxy", "some/where"));
  }

  @Test
  void queryParametersAreDecodedWithEveryValueKept() {
    APIGatewayProxyRequestEvent event =
        ApiGateway.requestEvent(
            request(
                "GET",
                "/key",
                "prefix=a%2Fb+c&limit=1&limit=2&flag&=x&&cursor=%zz",
                Map.of(),
                new byte[0]),
            "local");

    assertThat(event.getMultiValueQueryStringParameters())
        .containsEntry("prefix", List.of("a/b c"))
        .containsEntry("limit", List.of("1", "2"))
        .containsEntry("flag", List.of(""))
        .containsEntry("cursor", List.of("%zz"))
        .hasSize(4);
    // The single-value map holds the last value, as API Gateway's does.
    assertThat(event.getQueryStringParameters())
        .containsEntry("limit", "2")
        .containsEntry("prefix", "a/b c");
  }

  @Test
  void noQueryMeansNullParameterMaps() {
    APIGatewayProxyRequestEvent event = event("/key");

    assertThat(event.getQueryStringParameters()).isNull();
    assertThat(event.getMultiValueQueryStringParameters()).isNull();
  }

  @Test
  void headersKeepEveryLineAndGainTheForwardedOnes() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of("text/plain", "application/json"));
    headers.put("User-agent", List.of("curl/8.5.0"));
    headers.put("Host", List.of("127.0.0.1:8080"));

    APIGatewayProxyRequestEvent event =
        ApiGateway.requestEvent(request("GET", "/", null, headers, new byte[0]), "local");

    assertThat(event.getMultiValueHeaders())
        .containsEntry("Accept", List.of("text/plain", "application/json"))
        .containsEntry("X-Forwarded-For", List.of("127.0.0.1"))
        .containsEntry("X-Forwarded-Port", List.of("8080"))
        .containsEntry("X-Forwarded-Proto", List.of("http"));
    assertThat(event.getHeaders()).containsEntry("Accept", "application/json");
    assertThat(event.getRequestContext().getIdentity().getUserAgent()).isEqualTo("curl/8.5.0");
    assertThat(event.getRequestContext().getDomainName()).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void theClientAddressIsAppendedToAForwardedForItSent() {
    Map<String, List<String>> headers = Map.of("X-forwarded-for", List.of("203.0.113.7"));

    APIGatewayProxyRequestEvent event =
        ApiGateway.requestEvent(request("GET", "/", null, headers, new byte[0]), "local");

    assertThat(event.getMultiValueHeaders())
        .containsEntry("X-forwarded-for", List.of("203.0.113.7, 127.0.0.1"))
        .doesNotContainKey("X-Forwarded-For");
  }

  @Test
  void everyBodyTravelsBase64AsWithBinaryMediaTypeStarStar() {
    byte[] text = "hello".getBytes(UTF_8);
    APIGatewayProxyRequestEvent event =
        ApiGateway.requestEvent(
            request("PUT", "/key/a", null, Map.of("Content-Type", List.of("text/plain")), text),
            "local");

    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(text);
  }

  @Test
  void noBodyIsNullAndNotBase64() {
    APIGatewayProxyRequestEvent event = event("/key/a");

    assertThat(event.getBody()).isNull();
    assertThat(event.getIsBase64Encoded()).isFalse();
  }

  @Test
  void requestContextDescribesTheRequest() {
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        ApiGateway.requestEvent(request("DELETE", "/key/a", null, Map.of(), new byte[0]), "local")
            .getRequestContext();

    assertThat(context.getRequestId()).isEqualTo("req-1");
    assertThat(context.getStage()).isEqualTo("local");
    assertThat(context.getHttpMethod()).isEqualTo("DELETE");
    assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(context.getRequestTimeEpoch()).isEqualTo(TIME.toEpochMilli());
    assertThat(context.getRequestTime()).isEqualTo("27/Nov/2026:10:00:00 +0000");
    assertThat(context.getProtocol()).isEqualTo("HTTP/1.1");
  }

  @Test
  void base64ResponseBodyIsDecoded() {
    APIGatewayProxyResponseEvent event =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "image/png"))
            .withBody(Base64.getEncoder().encodeToString(new byte[] {0, -1, -2}))
            .withIsBase64Encoded(true);

    ApiGateway.Response response = ApiGateway.response(event);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).containsExactly(0, -1, -2);
    assertThat(response.headers()).containsEntry("Content-Type", List.of("image/png"));
  }

  @Test
  void textResponseBodyIsSentAsUtf8() {
    ApiGateway.Response response =
        ApiGateway.response(
            new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("grüße"));

    assertThat(response.body()).isEqualTo("grüße".getBytes(UTF_8));
  }

  @Test
  void multiValueHeadersWinAndGatewayOwnedHeadersAreDropped() {
    APIGatewayProxyResponseEvent event =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(204)
            .withHeaders(Map.of("ETag", "\"1\"", "X-One", "single", "Content-Length", "99"))
            .withMultiValueHeaders(
                Map.of("x-one", List.of("a", "b"), "Connection", List.of("close")));

    ApiGateway.Response response = ApiGateway.response(event);

    assertThat(response.headers().get("X-One")).containsExactly("a", "b");
    assertThat(response.headers().get("ETag")).containsExactly("\"1\"");
    assertThat(response.headers()).doesNotContainKeys("Content-Length", "Connection");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void responseWithoutStatusIsMalformed() {
    assertThatThrownBy(() -> ApiGateway.response(new APIGatewayProxyResponseEvent()))
        .isInstanceOf(MalformedProxyResponseException.class);
    assertThatThrownBy(() -> ApiGateway.response(null))
        .isInstanceOf(MalformedProxyResponseException.class);
    assertThatThrownBy(
            () -> ApiGateway.response(new APIGatewayProxyResponseEvent().withStatusCode(42)))
        .isInstanceOf(MalformedProxyResponseException.class);
  }

  @Test
  void responseWithBadBase64IsMalformed() {
    APIGatewayProxyResponseEvent event =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(200)
            .withBody("***")
            .withIsBase64Encoded(true);

    assertThatThrownBy(() -> ApiGateway.response(event))
        .isInstanceOf(MalformedProxyResponseException.class);
  }

  @Test
  void badGatewayIsApiGatewaysOwnAnswer() {
    ApiGateway.Response response = ApiGateway.badGateway("req-9");

    assertThat(response.status()).isEqualTo(502);
    assertThat(new String(response.body(), UTF_8))
        .isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(response.headers()).containsEntry("X-Request-Id", List.of("req-9"));
  }

  @Test
  void payloadTooLargeIsAProblemNamingTheLimit() {
    ApiGateway.Response response = ApiGateway.payloadTooLarge("/key/\"big\"", "req-2");

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.headers())
        .containsEntry("Content-Type", List.of("application/problem+json"));
    assertThat(new String(response.body(), UTF_8))
        .contains("\"code\":\"value-too-large\"")
        .contains("\"instance\":\"/key/\\\"big\\\"\"")
        .contains("\"requestId\":\"req-2\"")
        .contains("10485760");
  }

  @Test
  void rawNonAsciiFromTheRequestLineIsPercentEncoded() {
    // Jetty decodes the raw request-line bytes as UTF-8: "ü" and "😀" arrive as characters.
    assertThat(LocalApiServer.encodeNonAscii("/key/grü")).isEqualTo("/key/gr%C3%BC");
    assertThat(LocalApiServer.encodeNonAscii("/key/😀")).isEqualTo("/key/%F0%9F%98%80");
    assertThat(LocalApiServer.encodeNonAscii("/key/plain%20")).isEqualTo("/key/plain%20");
    assertThat(LocalApiServer.encodeNonAscii(null)).isNull();
  }
}
