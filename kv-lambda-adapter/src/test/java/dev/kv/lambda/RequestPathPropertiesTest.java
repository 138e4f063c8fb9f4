package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.KeyValueService;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever a client sends, the handler answers without a 5xx, and a 2xx PUT reads back exactly. */
class RequestPathPropertiesTest {

  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final KvApiHandler handler = new KvApiHandler(new KeyValueService(store), line -> {});

  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
  void noRequestYieldsAServerError(@ForAll("requests") APIGatewayProxyRequestEvent event) {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

    assertThat(response.getStatusCode()).isBetween(200, 499);
    assertThat(response.getHeaders()).containsKey("X-Request-Id");
    if (response.getStatusCode() >= 400 && !"HEAD".equals(event.getHttpMethod())) {
      assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
      assertThat(response.getBody()).contains("\"code\":").doesNotContain("Exception");
    }
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
  void everySuccessfulPutReadsBackByteForByte(
      @ForAll("encodedKeys") String encodedKey,
      @ForAll @Size(max = 2048) byte[] value,
      @ForAll("contentTypes") String contentType) {
    APIGatewayProxyRequestEvent put = Events.request("PUT", "/key/" + encodedKey);
    put.setBody(Base64.getEncoder().encodeToString(value));
    put.setIsBase64Encoded(true);
    if (contentType != null) {
      Events.header(put, "Content-Type", contentType);
    }

    APIGatewayProxyResponseEvent written = handler.handleRequest(put, null);
    if (written.getStatusCode() / 100 != 2) {
      assertThat(written.getStatusCode()).isBetween(400, 499);
      return;
    }
    APIGatewayProxyResponseEvent read =
        handler.handleRequest(Events.request("GET", "/key/" + encodedKey), null);

    assertThat(read.getStatusCode()).isEqualTo(200);
    byte[] body =
        Boolean.TRUE.equals(read.getIsBase64Encoded())
            ? Base64.getDecoder().decode(read.getBody())
            : read.getBody().getBytes(UTF_8);
    assertThat(body).isEqualTo(value);
    assertThat(read.getHeaders().get("ETag")).isEqualTo(written.getHeaders().get("ETag"));
  }

  @Provide
  Arbitrary<String> encodedKeys() {
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withCharRange('!', '~')
            .excludeChars('%', '?', '#')
            .ofMinLength(1)
            .ofMaxLength(40);
    Arbitrary<String> unicode =
        Arbitraries.strings().ofMinLength(1).ofMaxLength(20).map(RequestPathPropertiesTest::encode);
    Arbitrary<String> escapes =
        Arbitraries.of(
            "%2F", "%20", "%25", "%ZZ", "%", "%C3%28", "%00", "%E2%82%AC", "a/b", "../", "%2e%2e");
    return Arbitraries.oneOf(
        plain, unicode, escapes.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l)));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "text/plain",
            "application/json",
            "image/png",
            "application/octet-stream",
            "text/plain; charset=utf-8"),
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<APIGatewayProxyRequestEvent> requests() {
    Arbitrary<String> methods =
        Arbitraries.of(
            "GET", "HEAD", "PUT", "DELETE", "POST", "PATCH", "OPTIONS", "get", "BREW", "");
    Arbitrary<String> paths =
        Arbitraries.oneOf(
            encodedKeys().map(k -> "/key/" + k),
            Arbitraries.of("/", "/key", "/key/", "/keys", "//key/a", "/prod/key/a", "", "/key//"));
    Arbitrary<Map<String, String>> headers =
        Arbitraries.maps(
                Arbitraries.of("If-Match", "if-none-match", "Content-Type", "IF-MATCH", "X-Other"),
                Arbitraries.oneOf(
                    Arbitraries.of(
                        "*", "\"1\"", "\"0\"", "W/\"1\"", "\"1\", \"2\"", "", "\"", "garbage"),
                    Arbitraries.strings().ofMaxLength(50)))
            .ofMaxSize(3);
    Arbitrary<Map<String, String>> query =
        Arbitraries.maps(
                Arbitraries.of("ttl", "limit", "cursor", "prefix", "other"),
                Arbitraries.oneOf(
                    Arbitraries.of("0", "1", "-1", "1e99", "1000", "1001", "abc", "", "315360000"),
                    Arbitraries.strings().ofMaxLength(30)))
            .ofMaxSize(3);
    Arbitrary<String> bodies =
        Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), Arbitraries.just(null));
    Arbitrary<Boolean> base64 = Arbitraries.of(true, false);
    return Combinators.combine(methods, paths, headers, query, bodies, base64)
        .as(
            (method, path, headerMap, queryMap, body, isBase64) -> {
              APIGatewayProxyRequestEvent event = Events.request(method, path);
              event.setHeaders(new HashMap<>(headerMap));
              Map<String, List<String>> multi = new HashMap<>();
              headerMap.forEach((k, v) -> multi.put(k, List.of(v)));
              event.setMultiValueHeaders(multi);
              event.setQueryStringParameters(queryMap.isEmpty() ? null : queryMap);
              event.setMultiValueQueryStringParameters(null);
              event.setBody(body);
              event.setIsBase64Encoded(isBase64);
              return event;
            });
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(UTF_8)) {
      out.append('%').append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }
}
