package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.Limits;
import dev.kv.core.StoreStubs;
import dev.kv.core.StoreUnavailableException;
import dev.kv.core.contract.MutableClock;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler over the in-memory store, driven by real API Gateway REST proxy events. */
class KvApiHandlerTest {

  private static final String REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final List<String> logLines = new ArrayList<>();
  private final KvApiHandler handler =
      new KvApiHandler(new KeyValueService(store, clock), logLines::add);

  private APIGatewayProxyResponseEvent send(APIGatewayProxyRequestEvent event) {
    return handler.handleRequest(event, null);
  }

  private APIGatewayProxyResponseEvent send(String fixture) {
    return send(Events.load(fixture));
  }

  private static byte[] bodyBytes(APIGatewayProxyResponseEvent response) {
    return Boolean.TRUE.equals(response.getIsBase64Encoded())
        ? Base64.getDecoder().decode(response.getBody())
        : response.getBody().getBytes(UTF_8);
  }

  private static void assertProblem(
      APIGatewayProxyResponseEvent response, int status, String code) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    assertThat(response.getHeaders()).containsEntry("X-Request-Id", REQUEST_ID);
    assertThat(response.getBody())
        .contains("\"status\":" + status)
        .contains("\"code\":\"" + code + "\"")
        .contains("\"requestId\":\"" + REQUEST_ID + "\"")
        .contains("\"type\":\"urn:kv:problem:" + code + "\"")
        .doesNotContain("Exception")
        .doesNotContain("dev.kv.")
        .doesNotContain("\tat ");
  }

  // --- service info ----------------------------------------------------------------------------

  @Test
  void rootDescribesTheService() {
    APIGatewayProxyResponseEvent response = send("get-root.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(response.getBody())
        .startsWith("{\"name\":\"kv\",\"version\":\"")
        .contains("\"store\":\"in-memory\"")
        .doesNotContain("unknown");
    assertThat(response.getIsBase64Encoded()).isFalse();
  }

  @Test
  void everyResponseCarriesTheApiGatewayRequestId() {
    assertThat(send("get-root.json").getHeaders()).containsEntry("X-Request-Id", REQUEST_ID);
    assertThat(send("get-entry.json").getHeaders()).containsEntry("X-Request-Id", REQUEST_ID);
  }

  // --- put and get -------------------------------------------------------------------------------

  @Test
  void putOfNewKeyIsCreatedWithEtagOne() {
    APIGatewayProxyResponseEvent response = send("put-text.json");

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
    assertThat(response.getBody()).isEmpty();
  }

  @Test
  void putOverExistingKeyIsNoContentWithNextEtag() {
    send("put-text.json");
    APIGatewayProxyResponseEvent response = send("put-text.json");

    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
  }

  @Test
  void getReturnsValueContentTypeEtagAndLastModified() {
    send("put-text.json");

    APIGatewayProxyResponseEvent response = send("get-entry.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("hello world");
    assertThat(response.getIsBase64Encoded()).isFalse();
    assertThat(response.getHeaders())
        .containsEntry("Content-Type", "text/plain; charset=utf-8")
        .containsEntry("ETag", "\"1\"")
        .containsEntry("Last-Modified", "Fri, 27 Nov 2026 10:00:00 GMT")
        .doesNotContainKey("Kv-Expires-At");
  }

  @Test
  void headAnswersLikeGetWithoutBody() {
    send("put-text.json");

    APIGatewayProxyResponseEvent response = send("head-entry.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEmpty();
    assertThat(response.getHeaders())
        .containsEntry("ETag", "\"1\"")
        .containsEntry("Content-Type", "text/plain; charset=utf-8");
  }

  @Test
  void headOfMissingKeyIsNotFoundWithoutBody() {
    APIGatewayProxyResponseEvent response = send("head-entry.json");

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getBody()).isEmpty();
  }

  @Test
  void binaryBodyRoundTripsBase64Encoded() {
    APIGatewayProxyRequestEvent put = Events.load("put-binary.json");
    byte[] sent = Base64.getDecoder().decode(put.getBody());
    assertThat(send(put).getStatusCode()).isEqualTo(201);

    APIGatewayProxyResponseEvent response = send(Events.request("GET", "/key/images/logo.png"));

    assertThat(response.getIsBase64Encoded()).isTrue();
    assertThat(bodyBytes(response)).isEqualTo(sent);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "image/png");
  }

  @Test
  void textWithInvalidUtf8GoesBackBase64Encoded() {
    APIGatewayProxyRequestEvent put = Events.request("PUT", "/key/odd");
    Events.header(put, "Content-Type", "text/plain");
    byte[] notUtf8 = {'a', (byte) 0xFF, 'b'};
    put.setBody(Base64.getEncoder().encodeToString(notUtf8));
    put.setIsBase64Encoded(true);
    send(put);

    APIGatewayProxyResponseEvent response = send(Events.request("GET", "/key/odd"));

    assertThat(response.getIsBase64Encoded()).isTrue();
    assertThat(bodyBytes(response)).isEqualTo(notUtf8);
  }

  @Test
  void putWithoutContentTypeStoresOctetStream() {
    APIGatewayProxyRequestEvent put = Events.body(Events.request("PUT", "/key/raw"), "data");
    send(put);

    APIGatewayProxyResponseEvent response = send(Events.request("GET", "/key/raw"));

    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/octet-stream");
    assertThat(response.getIsBase64Encoded()).isTrue();
    assertThat(bodyBytes(response)).isEqualTo("data".getBytes(UTF_8));
  }

  @Test
  void emptyBodyIsAnEmptyValue() {
    APIGatewayProxyRequestEvent put = Events.request("PUT", "/key/empty");
    Events.header(put, "Content-Type", "text/plain");
    assertThat(send(put).getStatusCode()).isEqualTo(201);

    APIGatewayProxyResponseEvent response = send(Events.request("GET", "/key/empty"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEmpty();
  }

  @Test
  void getOfMissingKeyIsNotFoundProblem() {
    APIGatewayProxyResponseEvent response = send("get-entry.json");

    assertProblem(response, 404, "not-found");
    assertThat(response.getBody())
        .contains("\"title\":\"Not Found\"")
        .contains("\"detail\":\"No entry for key 'hello'\"")
        .contains("\"instance\":\"/key/hello\"");
  }

  // --- keys --------------------------------------------------------------------------------------

  @Test
  void encodedSlashAndSpaceAreDecodedOnce() {
    APIGatewayProxyRequestEvent put = Events.request("PUT", "/key/dir/file name");
    Events.body(put, "v");
    put.setPath("/key/dir%2Ffile%20name");
    send(put);

    assertThat(send("get-encoded-slash.json").getStatusCode()).isEqualTo(200);
    assertThat(store.get(Key.of("dir/file name"), clock.instant())).isPresent();
  }

  @Test
  void plusIsALiteralPlus() {
    send(Events.body(Events.request("PUT", "/key/a+b"), "v"));

    assertThat(store.get(Key.of("a+b"), clock.instant())).isPresent();
    assertThat(store.get(Key.of("a b"), clock.instant())).isEmpty();
  }

  @Test
  void doubleEncodedPercentStaysEncodedOnce() {
    send(Events.body(Events.request("PUT", "/key/100%2525"), "v"));

    assertThat(store.get(Key.of("100%25"), clock.instant())).isPresent();
  }

  @Test
  void unicodeKeyRoundTrips() {
    send(Events.body(Events.request("PUT", "/key/%E2%82%AC/%F0%9F%99%82"), "v"));

    assertThat(store.get(Key.of("€/🙂"), clock.instant())).isPresent();
    assertThat(send(Events.request("GET", "/key/%E2%82%AC/%F0%9F%99%82")).getStatusCode())
        .isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/key/", "/key/%ZZ", "/key/%4", "/key/a%00b", "/key/%0A", "/key/%C3%28"})
  void invalidKeysAreBadRequests(String path) {
    APIGatewayProxyResponseEvent response = send(Events.body(Events.request("PUT", path), "v"));

    assertProblem(response, 400, "invalid-key");
    assertThat(store.size()).isZero();
  }

  @Test
  void keyOf1024BytesIsAcceptedAnd1025Rejected() {
    assertThat(
            send(Events.body(Events.request("PUT", "/key/" + "k".repeat(1024)), "v"))
                .getStatusCode())
        .isEqualTo(201);
    assertProblem(
        send(Events.body(Events.request("PUT", "/key/" + "k".repeat(1025)), "v")),
        400,
        "invalid-key");
  }

  @Test
  void stagePrefixedPathIsRouted() {
    send("put-text.json");

    APIGatewayProxyResponseEvent response = send("get-stage-prefixed.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("hello world");
  }

  @Test
  void pathFromRequestContextWhenEventPathIsMissing() {
    send("put-text.json");
    APIGatewayProxyRequestEvent event = Events.load("get-entry.json");
    event.setPath(null);

    assertThat(send(event).getStatusCode()).isEqualTo(200);
  }

  // --- values ------------------------------------------------------------------------------------

  @Test
  void valueOfExactlyTheLimitIsStored() {
    APIGatewayProxyRequestEvent put = Events.request("PUT", "/key/max");
    put.setBody(Base64.getEncoder().encodeToString(new byte[Limits.MAX_VALUE_BYTES]));
    put.setIsBase64Encoded(true);

    assertThat(send(put).getStatusCode()).isEqualTo(201);
  }

  @Test
  void valueOverTheLimitIsTooLargeAndNothingIsStored() {
    APIGatewayProxyRequestEvent put = Events.request("PUT", "/key/big");
    put.setBody(Base64.getEncoder().encodeToString(new byte[Limits.MAX_VALUE_BYTES + 1]));
    put.setIsBase64Encoded(true);

    assertProblem(send(put), 413, "value-too-large");
    assertThat(store.size()).isZero();
  }

  @Test
  void invalidBase64BodyIsBadRequest() {
    APIGatewayProxyRequestEvent put = Events.request("PUT", "/key/x");
    put.setBody("not base64 !!");
    put.setIsBase64Encoded(true);

    assertProblem(send(put), 400, "invalid-request");
    assertThat(store.size()).isZero();
  }

  @Test
  void overlongContentTypeIsBadRequest() {
    APIGatewayProxyRequestEvent put = Events.body(Events.request("PUT", "/key/x"), "v");
    Events.header(put, "Content-Type", "text/" + "x".repeat(260));

    assertProblem(send(put), 400, "invalid-request");
    assertThat(store.size()).isZero();
  }

  // --- expiry ------------------------------------------------------------------------------------

  @Test
  void ttlSetsExpiryHeaderAndExpires() {
    assertThat(send("put-with-ttl.json").getStatusCode()).isEqualTo(201);

    APIGatewayProxyResponseEvent live = send(Events.request("GET", "/key/session/abc"));
    assertThat(live.getHeaders()).containsEntry("Kv-Expires-At", "2026-11-27T11:00:00Z");
    assertThat(live.getBody()).isEqualTo("{\"user\":\"ada\"}");

    clock.advance(Duration.ofHours(1));
    assertProblem(send(Events.request("GET", "/key/session/abc")), 404, "not-found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1e99", "abc", "", "315360001", "99999999999", "+5", "1.5"})
  void invalidTtlIsBadRequest(String ttl) {
    APIGatewayProxyRequestEvent put =
        Events.query(Events.body(Events.request("PUT", "/key/t"), "v"), "ttl", ttl);

    assertProblem(send(put), 400, "invalid-request");
    assertThat(store.size()).isZero();
  }

  // --- preconditions -----------------------------------------------------------------------------

  @Test
  void createOnlyPutFromMultiValueLowercaseHeaders() {
    assertThat(send("put-create-only.json").getStatusCode()).isEqualTo(201);

    APIGatewayProxyResponseEvent second = send("put-create-only.json");

    assertProblem(second, 412, "precondition-failed");
    assertThat(second.getHeaders()).containsEntry("ETag", "\"1\"");
  }

  @Test
  void ifMatchWithCurrentVersionReplaces() {
    send("put-text.json");

    APIGatewayProxyResponseEvent response = send("put-if-match.json");

    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
  }

  @Test
  void ifMatchWithStaleVersionFailsAndKeepsTheValue() {
    send("put-text.json");
    send("put-text.json");

    APIGatewayProxyResponseEvent response = send("put-if-match.json");

    assertProblem(response, 412, "precondition-failed");
    assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
    assertThat(send("get-entry.json").getBody()).isEqualTo("hello world");
  }

  @Test
  void ifMatchOnMissingKeyFailsWithoutEtag() {
    APIGatewayProxyResponseEvent response = send("put-if-match.json");

    assertProblem(response, 412, "precondition-failed");
    assertThat(response.getHeaders()).doesNotContainKey("ETag");
    assertThat(store.size()).isZero();
  }

  @Test
  void ifMatchStarRequiresAnEntry() {
    APIGatewayProxyRequestEvent put =
        Events.header(Events.body(Events.request("PUT", "/key/hello"), "v"), "If-Match", "*");
    assertProblem(send(put), 412, "precondition-failed");

    send("put-text.json");
    assertThat(send(put).getStatusCode()).isEqualTo(204);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"garbage", "\"1\", \"2\"", "W/\"1\"", "\"abc\"", "\"01\"", "\"", "\"-1\""})
  void malformedIfMatchIsBadRequest(String header) {
    send("put-text.json");
    APIGatewayProxyRequestEvent put =
        Events.header(Events.body(Events.request("PUT", "/key/hello"), "v"), "If-Match", header);

    assertProblem(send(put), 400, "invalid-request");
    assertThat(send("get-entry.json").getBody()).isEqualTo("hello world");
  }

  @Test
  void ifNoneMatchWithTagOnPutIsBadRequest() {
    APIGatewayProxyRequestEvent put =
        Events.header(
            Events.body(Events.request("PUT", "/key/hello"), "v"), "If-None-Match", "\"1\"");

    assertProblem(send(put), 400, "invalid-request");
  }

  @Test
  void bothPreconditionHeadersAreBadRequest() {
    APIGatewayProxyRequestEvent put = Events.body(Events.request("PUT", "/key/hello"), "v");
    Events.header(put, "If-Match", "\"1\"");
    Events.header(put, "If-None-Match", "*");

    assertProblem(send(put), 400, "invalid-request");
  }

  @Test
  void ifNoneMatchWithCurrentEtagIsNotModified() {
    send("put-text.json");
    APIGatewayProxyRequestEvent get =
        Events.header(Events.request("GET", "/key/hello"), "If-None-Match", "\"0\", W/\"1\"");

    APIGatewayProxyResponseEvent response = send(get);

    assertThat(response.getStatusCode()).isEqualTo(304);
    assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
    assertThat(response.getBody()).isEmpty();
  }

  @Test
  void ifNoneMatchStarOnExistingEntryIsNotModified() {
    send("put-text.json");

    APIGatewayProxyResponseEvent response =
        send(Events.header(Events.request("GET", "/key/hello"), "If-None-Match", "*"));

    assertThat(response.getStatusCode()).isEqualTo(304);
  }

  @Test
  void ifNoneMatchWithOtherEtagReturnsTheValue() {
    send("put-text.json");

    APIGatewayProxyResponseEvent response =
        send(Events.header(Events.request("GET", "/key/hello"), "If-None-Match", "\"7\""));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("hello world");
  }

  @Test
  void malformedIfNoneMatchOnGetIsBadRequest() {
    send("put-text.json");

    assertProblem(
        send(Events.header(Events.request("GET", "/key/hello"), "If-None-Match", "nope")),
        400,
        "invalid-request");
  }

  @Test
  void ifMatchOnGetIsChecked() {
    send("put-text.json");

    APIGatewayProxyResponseEvent stale =
        send(Events.header(Events.request("GET", "/key/hello"), "If-Match", "\"9\""));
    APIGatewayProxyResponseEvent current =
        send(Events.header(Events.request("GET", "/key/hello"), "If-Match", "\"1\""));
    APIGatewayProxyResponseEvent missing =
        send(Events.header(Events.request("GET", "/key/nope"), "If-Match", "*"));

    assertProblem(stale, 412, "precondition-failed");
    assertThat(current.getStatusCode()).isEqualTo(200);
    assertProblem(missing, 412, "precondition-failed");
  }

  // --- delete ------------------------------------------------------------------------------------

  @Test
  void deleteRemovesThenReportsNotFound() {
    send("put-text.json");

    assertThat(send("delete-entry.json").getStatusCode()).isEqualTo(204);
    assertProblem(send("delete-entry.json"), 404, "not-found");
    assertProblem(send("get-entry.json"), 404, "not-found");
  }

  @Test
  void deleteWithStaleIfMatchFailsAndKeepsTheEntry() {
    send("put-text.json");
    send("put-text.json");

    APIGatewayProxyResponseEvent response =
        send(Events.header(Events.load("delete-entry.json"), "If-Match", "\"1\""));

    assertProblem(response, 412, "precondition-failed");
    assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
    assertThat(send("get-entry.json").getStatusCode()).isEqualTo(200);
  }

  @Test
  void deleteWithCurrentIfMatchDeletes() {
    send("put-text.json");

    assertThat(
            send(Events.header(Events.load("delete-entry.json"), "If-Match", "\"1\""))
                .getStatusCode())
        .isEqualTo(204);
  }

  // --- listing -----------------------------------------------------------------------------------

  @Test
  void listingPagesThroughKeysWithPrefix() {
    for (String k : List.of("app/a", "app/b", "app/c", "other")) {
      send(Events.body(Events.request("PUT", "/key/" + k), "v"));
    }

    APIGatewayProxyResponseEvent first = send("list-keys.json");

    assertThat(first.getStatusCode()).isEqualTo(200);
    assertThat(first.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(first.getBody()).startsWith("{\"keys\":[\"app/a\",\"app/b\"],\"cursor\":\"");
    String cursor = first.getBody().replaceAll(".*\"cursor\":\"([^\"]+)\".*", "$1");

    APIGatewayProxyResponseEvent second =
        send(Events.query(Events.load("list-keys.json"), "cursor", cursor));

    assertThat(second.getBody()).isEqualTo("{\"keys\":[\"app/c\"],\"cursor\":null}");
  }

  @Test
  void listingWithoutParametersUsesDefaults() {
    send(Events.body(Events.request("PUT", "/key/x"), "v"));
    APIGatewayProxyRequestEvent list = Events.load("list-keys.json");
    list.setQueryStringParameters(null);
    list.setMultiValueQueryStringParameters(null);

    assertThat(send(list).getBody()).isEqualTo("{\"keys\":[\"x\"],\"cursor\":null}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-1", "ten", "", "10000"})
  void invalidLimitIsBadRequest(String limit) {
    assertProblem(
        send(Events.query(Events.load("list-keys.json"), "limit", limit)), 400, "invalid-request");
  }

  @Test
  void tamperedCursorIsBadRequest() {
    assertProblem(
        send(Events.query(Events.load("list-keys.json"), "cursor", "bm90LWEtY3Vyc29y")),
        400,
        "invalid-request");
  }

  @Test
  void delimiterListsCommonPrefixesInOrder() {
    for (String k :
        List.of("app/a", "app/b/1", "app/b/2", "app/c/1", "app/\uD83D\uDE00", "app/\uFF21")) {
      send(Events.body(Events.request("PUT", "/key/" + encodedPath(k)), "v"));
    }

    APIGatewayProxyResponseEvent page =
        send(
            Events.query(
                Events.query(Events.load("list-keys.json"), "limit", "3"), "delimiter", "/"));

    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getBody())
        .startsWith("{\"keys\":[\"app/a\"],\"prefixes\":[\"app/b/\",\"app/c/\"],\"cursor\":\"");
    String cursor = page.getBody().replaceAll(".*\"cursor\":\"([^\"]+)\".*", "$1");
    APIGatewayProxyRequestEvent next =
        Events.query(
            Events.query(Events.load("list-keys.json"), "delimiter", "/"), "cursor", cursor);
    assertThat(send(Events.query(next, "limit", "3")).getBody())
        .isEqualTo(
            "{\"keys\":[\"app/\uFF21\",\"app/\uD83D\uDE00\"],\"prefixes\":[],\"cursor\":null}");
    assertProblem(
        send(
            Events.query(
                Events.query(Events.load("list-keys.json"), "limit", "3"), "cursor", cursor)),
        400,
        "invalid-request");
  }

  private static String encodedPath(String key) {
    StringBuilder path = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0x21 && b < 0x7f && b != '%') {
        path.append((char) b);
      } else {
        path.append(String.format("%%%02X", b & 0xff));
      }
    }
    return path.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\u0001", "12345678901234567"})
  void invalidDelimiterIsBadRequest(String delimiter) {
    assertProblem(
        send(Events.query(Events.load("list-keys.json"), "delimiter", delimiter)),
        400,
        "invalid-request");
  }

  @Test
  void invalidPrefixIsBadRequest() {
    assertProblem(
        send(Events.query(Events.load("list-keys.json"), "prefix", "a\u0001")), 400, "invalid-key");
  }

  // --- routes and methods ------------------------------------------------------------------------

  @Test
  void unknownRouteIsNotFound() {
    assertProblem(send("get-unknown-route.json"), 404, "not-found");
  }

  @Test
  void postOnEntryIsMethodNotAllowedWithAllow() {
    APIGatewayProxyResponseEvent response = send("post-entry.json");

    assertProblem(response, 405, "method-not-allowed");
    assertThat(response.getHeaders()).containsEntry("Allow", "GET, HEAD, PUT, DELETE");
    assertThat(store.size()).isZero();
  }

  @Test
  void writesOnListingAndRootAreMethodNotAllowed() {
    APIGatewayProxyResponseEvent onList = send(Events.request("DELETE", "/key"));
    APIGatewayProxyResponseEvent onRoot = send(Events.request("PUT", "/"));

    assertProblem(onList, 405, "method-not-allowed");
    assertThat(onList.getHeaders()).containsEntry("Allow", "GET, HEAD");
    assertProblem(onRoot, 405, "method-not-allowed");
    assertThat(onRoot.getHeaders()).containsEntry("Allow", "GET, HEAD");
  }

  @Test
  void eventWithoutMethodIsBadRequest() {
    APIGatewayProxyRequestEvent event = Events.load("get-entry.json");
    event.setHttpMethod(null);

    assertProblem(send(event), 400, "invalid-request");
  }

  // --- failures of the store ---------------------------------------------------------------------

  @Test
  void unavailableStoreIsServiceUnavailableWithRetryAfter() {
    KvApiHandler failing =
        new KvApiHandler(
            new KeyValueService(
                StoreStubs.failing(
                    () -> new StoreUnavailableException("throttled", new RuntimeException("429")))),
            logLines::add);

    APIGatewayProxyResponseEvent response =
        failing.handleRequest(Events.load("put-text.json"), null);

    assertProblem(response, 503, "store-unavailable");
    assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
  }

  @Test
  void unexpectedFailureIsInternalErrorWithoutDetailsButLogged() {
    KvApiHandler failing =
        new KvApiHandler(
            new KeyValueService(
                StoreStubs.failing(() -> new IllegalStateException("secret-table-name"))),
            logLines::add);

    APIGatewayProxyResponseEvent response =
        failing.handleRequest(Events.load("get-entry.json"), null);

    assertProblem(response, 500, "internal-error");
    assertThat(response.getBody()).doesNotContain("secret-table-name");
    assertThat(logLines).hasSize(1);
    // The class and the frames, never the message: a message may quote a key or a value.
    assertThat(logLines.get(0))
        .contains("\"level\":\"ERROR\"")
        .contains("\"error\":\"java.lang.IllegalStateException\"")
        .contains("\"stackTrace\":\"java.lang.IllegalStateException\\n\\tat ")
        .doesNotContain("secret-table-name");
  }

  @Test
  void unavailableStoreIsLoggedWithoutAStackTrace() {
    KvApiHandler unavailable =
        new KvApiHandler(
            new KeyValueService(
                StoreStubs.failing(
                    () -> new StoreUnavailableException("key secret-key throttled", null))),
            logLines::add);

    APIGatewayProxyResponseEvent response =
        unavailable.handleRequest(Events.load("get-entry.json"), null);

    assertProblem(response, 503, "store-unavailable");
    assertThat(logLines)
        .singleElement()
        .asString()
        .contains("\"error\":\"dev.kv.core.StoreUnavailableException\"")
        .doesNotContain("stackTrace")
        .doesNotContain("secret-key");
  }

  // --- request log -------------------------------------------------------------------------------

  @Test
  void oneLogLinePerRequestWithoutKeyOrValue() {
    send("put-text.json");

    assertThat(logLines).hasSize(1);
    assertThat(logLines.get(0))
        .startsWith("{\"level\":\"INFO\"")
        .contains("\"requestId\":\"" + REQUEST_ID + "\"")
        .contains("\"method\":\"PUT\"")
        .contains("\"route\":\"/key/{key+}\"")
        .contains("\"status\":201")
        .contains("\"latencyMs\":")
        .contains("\"keyLength\":5")
        .doesNotContain("hello");
  }

  @Test
  void snapStartPrimingServesAReadAndLogsNothing() {
    handler.beforeCheckpoint(null);
    handler.afterRestore(null);

    assertThat(logLines).isEmpty();
    assertThat(store.size()).isZero();
  }
}
