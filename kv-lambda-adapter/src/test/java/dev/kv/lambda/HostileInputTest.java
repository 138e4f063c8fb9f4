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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every event in {@code src/test/resources/hostile/} is a client mistake: each must get a 4xx
 * problem response that leaks nothing, and leave the store exactly as it was. Mistakes that differ
 * in one value of an otherwise valid request (time to live, page size) are tables here instead.
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
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(45);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void hostileEventGetsAClientErrorAndChangesNothing(String file) {
    assertClientErrorThatChangesNothing(
        file,
        com.amazonaws.services.lambda.runtime.tests.EventLoader.loadApiGatewayRestEvent(
            "hostile/" + file));
  }

  /** {@code PUT /key/t?ttl=...} with each invalid time to live (the contract: 1 to 315360000). */
  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "0x10", "1.5", "1e99", "315360001", "", " 5", "text"})
  void invalidTtlGetsAClientErrorAndChangesNothing(String ttl) {
    assertClientErrorThatChangesNothing(
        "ttl=" + ttl, Events.query(Events.body(Events.request("PUT", "/key/t"), "v"), "ttl", ttl));
  }

  /** {@code GET /key?limit=...} with each invalid page size (the contract: 1 to 1000). */
  @ParameterizedTest
  @ValueSource(strings = {"ten", "1001", "0"})
  void invalidLimitGetsAClientErrorAndChangesNothing(String limit) {
    assertClientErrorThatChangesNothing(
        "limit=" + limit, Events.query(Events.request("GET", "/key"), "limit", limit));
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
