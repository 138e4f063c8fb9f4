package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.Page;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event in {@code src/test/resources/hostile/} is a client mistake: each must get a 4xx
 * problem response that leaks nothing, and leave the store exactly as it was. Mistakes that differ
 * in one value of an otherwise valid request (key, precondition, listing parameter, time to live,
 * page size) are tables here instead; the files are events whose shape is the point.
 */
class HostileInputTest {

  private static final String SECRET = "original-secret-value";

  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final KeyValueService kv = new KeyValueService(store);
  private final List<String> logLines = new ArrayList<>();
  private final KvApiHandler handler = new KvApiHandler(kv, logLines::add);

  @BeforeEach
  void seed() {
    kv.put(Key.of("hello"), SECRET.getBytes(UTF_8), "text/plain");
    kv.put(Key.of("t"), "ttl target".getBytes(UTF_8), "text/plain");
    kv.put(Key.of("big"), "small".getBytes(UTF_8), "text/plain");
  }

  static Stream<String> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(HostileInputTest.class.getResource("/hostile").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void theCorpusIsThere() throws Exception {
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void hostileEventGetsAClientErrorAndChangesNothing(String file) {
    assertClientErrorThatChangesNothing(
        file,
        com.amazonaws.services.lambda.runtime.tests.EventLoader.loadApiGatewayRestEvent(
            "hostile/" + file));
  }

  /** {@code PUT /key/KEY} with each key the contract refuses, still percent-encoded. */
  static Stream<String> invalidKeys() {
    return Stream.of(
        "", // empty
        "a%07b", // control character
        "%7F", // DEL
        "a%0D%0Ab", // CR LF
        "%00", // NUL
        "a%G1", // invalid percent-encoding
        "abc%2", // truncated percent-encoding
        "%FF%FE", // not UTF-8
        "%C0%AF", // overlong UTF-8 for '/'
        "%ED%A0%80", // a UTF-16 surrogate in UTF-8
        "k".repeat(1025), // 1025 bytes
        "%C3%A9".repeat(512) + "k"); // 1025 bytes in two-byte characters
  }

  @ParameterizedTest
  @MethodSource("invalidKeys")
  void invalidKeyGetsAClientErrorAndChangesNothing(String encodedKey) {
    assertClientErrorThatChangesNothing(
        "key " + encodedKey.substring(0, Math.min(20, encodedKey.length())),
        invalidKeyEvent(encodedKey));
  }

  /** Preconditions that are malformed, unsupported or false for the seeded entry "hello" (v1). */
  static Stream<Arguments> failingPreconditions() {
    return Stream.of(
        Arguments.of("PUT", "If-Match", "garbage"),
        Arguments.of("PUT", "If-Match", "\"1"), // unterminated
        Arguments.of("PUT", "If-Match", "W/\"1\""), // weak
        Arguments.of("PUT", "If-Match", "\"1\", \"2\""), // a list
        Arguments.of("PUT", "If-Match", "\"99999999999999999999999\""), // past a long
        Arguments.of("PUT", "If-Match", "\"7\""), // stale
        Arguments.of("DELETE", "If-Match", "nope"),
        Arguments.of("DELETE", "If-Match", "\"9\""), // stale
        Arguments.of("PUT", "If-None-Match", "*"), // the entry exists
        Arguments.of("PUT", "If-None-Match", "\"1\""), // only * on writes
        Arguments.of("GET", "If-None-Match", "garbage"));
  }

  @ParameterizedTest
  @MethodSource("failingPreconditions")
  void failingPreconditionGetsAClientErrorAndChangesNothing(
      String method, String header, String value) {
    assertClientErrorThatChangesNothing(
        method + " " + header + ": " + value, preconditionEvent(method, header, value));
  }

  /** {@code GET /key} with each invalid prefix or cursor. */
  static Stream<Arguments> invalidListingParameters() {
    return Stream.of(
        Arguments.of("prefix", "a\u0001"),
        Arguments.of("prefix", "p".repeat(1025)),
        Arguments.of("cursor", "%%%"),
        Arguments.of("cursor", "bTE6dGFtcGVyZWQ-extra!!"));
  }

  @ParameterizedTest
  @MethodSource("invalidListingParameters")
  void invalidListingParameterGetsAClientErrorAndChangesNothing(String name, String value) {
    assertClientErrorThatChangesNothing(
        name + "=" + value.substring(0, Math.min(20, value.length())), listingEvent(name, value));
  }

  /** {@code PUT /key/t?ttl=...} with each invalid time to live (the contract: 1 to 315360000). */
  @ParameterizedTest
  @MethodSource("invalidTtls")
  void invalidTtlGetsAClientErrorAndChangesNothing(String ttl) {
    assertClientErrorThatChangesNothing("ttl=" + ttl, ttlEvent(ttl));
  }

  static Stream<String> invalidTtls() {
    return Stream.of("-1", "0", "0x10", "1.5", "1e99", "315360001", "", " 5", "text");
  }

  /** {@code GET /key?limit=...} with each invalid page size (the contract: 1 to 1000). */
  @ParameterizedTest
  @MethodSource("invalidLimits")
  void invalidLimitGetsAClientErrorAndChangesNothing(String limit) {
    assertClientErrorThatChangesNothing("limit=" + limit, listingEvent("limit", limit));
  }

  static Stream<String> invalidLimits() {
    return Stream.of("ten", "1001", "0");
  }

  /** Every event of the tables above (for the stream entry point's equivalence test). */
  static List<APIGatewayProxyRequestEvent> tableEvents() {
    List<APIGatewayProxyRequestEvent> all = new ArrayList<>();
    invalidKeys().map(HostileInputTest::invalidKeyEvent).forEach(all::add);
    failingPreconditions()
        .map(Arguments::get)
        .map(a -> preconditionEvent((String) a[0], (String) a[1], (String) a[2]))
        .forEach(all::add);
    invalidListingParameters()
        .map(Arguments::get)
        .map(a -> listingEvent((String) a[0], (String) a[1]))
        .forEach(all::add);
    invalidTtls().map(HostileInputTest::ttlEvent).forEach(all::add);
    invalidLimits().map(limit -> listingEvent("limit", limit)).forEach(all::add);
    return all;
  }

  private static APIGatewayProxyRequestEvent invalidKeyEvent(String encodedKey) {
    return Events.body(Events.request("PUT", "/key/" + encodedKey), "x");
  }

  private static APIGatewayProxyRequestEvent preconditionEvent(
      String method, String header, String value) {
    APIGatewayProxyRequestEvent event = Events.request(method, "/key/hello");
    if (method.equals("PUT")) {
      Events.body(event, "v");
    }
    return Events.header(event, header, value);
  }

  private static APIGatewayProxyRequestEvent listingEvent(String name, String value) {
    return Events.query(Events.request("GET", "/key"), name, value);
  }

  private static APIGatewayProxyRequestEvent ttlEvent(String ttl) {
    return Events.query(Events.body(Events.request("PUT", "/key/t"), "v"), "ttl", ttl);
  }

  private void assertClientErrorThatChangesNothing(String file, APIGatewayProxyRequestEvent event) {
    List<String> before = snapshot();

    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

    assertThat(response.getStatusCode()).as(file).isBetween(400, 499);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    assertThat(response.getHeaders()).containsKey("X-Request-Id");
    assertThat(response.getBody())
        .as(file)
        .contains("\"code\":\"")
        .doesNotContain("Exception")
        .doesNotContain("dev.kv")
        .doesNotContain("java.")
        .doesNotContain("\tat ")
        .doesNotContain(SECRET)
        .doesNotContain("\r\nX-Injected");
    assertThat(response.getBody().length()).as("problem size").isLessThan(1024);
    assertThat(snapshot()).as("store after " + file).isEqualTo(before);
    assertThat(logLines).hasSize(1);
    assertThat(logLines.get(0)).doesNotContain(SECRET).doesNotContain("etc/passwd");
  }

  @Test
  void detailEchoesLongKeysTruncated() {
    String longKey = "x".repeat(1000);
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(Events.request("GET", "/key/" + longKey), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getBody()).doesNotContain(longKey).contains("x".repeat(80) + "…");
  }

  @Test
  void detailMarksTruncationEvenWhenEscapingMakesTheEchoLonger() {
    // 40 control characters escape to 160 characters: cut at 80, and the cut must show.
    String method = "\u0001".repeat(40);
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(Events.request(method, "/key/hello"), null);

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(response.getBody()).contains("\\\\x01…").doesNotContain("\u0001");
    assertThat(logLines.get(0)).contains("\\\\x01…");
  }

  @Test
  void detailNeverEndsInHalfACharacter() {
    // "x" and then emoji: the 80th character is the first half of a surrogate pair.
    String key = "x" + "\uD83D\uDE00".repeat(60);
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(Events.request("GET", "/key/" + key), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    String detail = response.getBody().replaceAll(".*\"detail\":\"([^\"]*)\".*", "$1");
    assertThat(detail).endsWith("\uDE00…'").doesNotContain("\\u");
  }

  @Test
  void logsNeverContainKeysOrValues() {
    APIGatewayProxyRequestEvent put =
        Events.body(Events.request("PUT", "/key/customer-4711/card"), "4111-1111-1111-1111");
    handler.handleRequest(put, null);
    handler.handleRequest(Events.request("GET", "/key/customer-4711/card"), null);
    handler.handleRequest(Events.request("DELETE", "/key/customer-4711/card"), null);

    assertThat(logLines).hasSize(3);
    assertThat(String.join("\n", logLines))
        .doesNotContain("4111")
        .doesNotContain("customer-4711")
        .contains("\"keyLength\":18");
  }

  private List<String> snapshot() {
    List<String> entries = new ArrayList<>();
    String cursor = null;
    do {
      Page page = kv.list("", 1000, cursor);
      for (String key : page.keys()) {
        Entry e = store.get(Key.of(key), Instant.now()).orElseThrow();
        entries.add(key + "|" + e.version() + "|" + new String(e.value(), UTF_8));
      }
      cursor = page.cursor();
    } while (cursor != null);
    return entries;
  }
}
