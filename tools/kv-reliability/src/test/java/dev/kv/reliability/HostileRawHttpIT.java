package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cli.RawHttp;
import dev.kv.cli.ServedKv;
import dev.kv.reliability.KvClient.Answer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request in {@code src/test/resources/raw-http/} is sent byte for byte to {@code kv serve}:
 * each gets the 4xx its file names, as problem+json with a request id (from kv's handler, or from
 * the local API Gateway stand-in for what never reaches the function: malformed HTTP, limits),
 * never a 5xx, a server's own error page, a stack trace or a class name; the store is unchanged
 * afterwards and the server keeps serving.
 */
class HostileRawHttpIT {

  private static final String SECRET = "original-secret-value";
  private static final Pattern LISTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static ServedKv kv;
  private static KvClient http;

  @BeforeAll
  static void start() throws Exception {
    kv = ServedKv.inMemory();
    http = new KvClient(kv.uri());
    assertThat(http.put("hello", SECRET.getBytes(UTF_8), "Content-Type", "text/plain").status())
        .isEqualTo(201);
    assertThat(http.put("t", "ttl target".getBytes(UTF_8)).status()).isEqualTo(201);
    assertThat(http.put("big", "small".getBytes(UTF_8)).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    if (kv != null) {
      assertThat(kv.out()).as("request log").doesNotContain(SECRET);
      kv.close();
    }
  }

  static Stream<RawHttpCase> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(HostileRawHttpIT.class.getResource("/raw-http").toURI());
    List<RawHttpCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        cases.add(RawHttpCase.load(file));
      }
    }
    return cases.stream();
  }

  @Test
  void theCorpusIsThere() throws Exception {
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void hostileRequestGetsAClientErrorAndChangesNothing(RawHttpCase hostile) throws Exception {
    List<String> before = snapshot();

    RawHttp.Answer reply;
    try (RawHttp connection = RawHttp.connect(kv.port())) {
      connection.send(hostile.bytes());
      if (hostile.streamChunked() > 0) {
        connection.streamChunked(hostile.streamChunked());
      } else {
        connection.finishSending();
      }
      reply = connection.answer();
    }

    String seen = hostile.requestLine() + " -> " + reply.head() + reply.body();
    assertThat(reply.status()).as(seen).isEqualTo(hostile.status());
    assertThat(reply.body())
        .as(seen)
        .doesNotContain("java.")
        .doesNotContain("dev.kv")
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("<html")
        .doesNotContain("jetty")
        .doesNotContain("Jetty")
        .doesNotContain(SECRET);
    switch (hostile.answeredBy()) {
      case "kv", "gateway" -> {
        assertThat(reply.body()).as(seen).doesNotContain("Exception");
        assertThat(reply.header("Content-Type")).as(seen).isEqualTo("application/problem+json");
        assertThat(reply.header("X-Request-Id")).as(seen).isNotBlank();
        assertThat(reply.body()).as(seen).contains("\"code\":\"" + hostile.code() + "\"");
        assertThat(reply.body().length()).as("problem size").isLessThan(1024);
      }
      case "nobody" -> assertThat(reply.status()).as(seen).isZero();
      default -> throw new IllegalArgumentException(hostile.answeredBy());
    }
    assertThat(snapshot()).as("store after " + hostile.name()).isEqualTo(before);
    assertThat(http.send("GET", "/", null).status()).as("still serving").isEqualTo(200);
  }

  @Test
  void limitsAreInclusiveOverHttp() {
    assertThat(http.put("k".repeat(1024), "v".getBytes(UTF_8)).status()).isEqualTo(201);
    assertThat(http.put("k".repeat(1025), "v".getBytes(UTF_8)).status()).isEqualTo(400);
    assertThat(http.put("limits/value", new byte[393_216]).status()).isEqualTo(201);
    assertThat(http.put("limits/value", new byte[393_217]).status()).isEqualTo(413);
    assertThat(http.get("limits/value").body()).hasSize(393_216);
    assertThat(http.delete("k".repeat(1024)).status()).isEqualTo(204);
    assertThat(http.delete("limits/value").status()).isEqualTo(204);
  }

  /** Every entry with its version and value, through a well-behaved client. */
  private static List<String> snapshot() {
    Answer list = http.send("GET", "/key?limit=1000", null);
    assertThat(list.status()).isEqualTo(200);
    String json = list.text();
    Matcher m = LISTED.matcher(json.substring(json.indexOf('[') + 1, json.indexOf(']')));
    List<String> entries = new ArrayList<>();
    while (m.find()) {
      String key = m.group(1);
      Answer entry = http.get(key);
      entries.add(key + "|" + entry.header("ETag") + "|" + entry.text());
    }
    return entries;
  }
}
