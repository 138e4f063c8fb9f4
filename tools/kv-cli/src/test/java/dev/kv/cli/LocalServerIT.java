package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole HTTP contract over real HTTP, against {@code kv serve} started in this JVM on a free
 * port with the in-memory store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalServerIT {

  private static final String PROBLEM = "application/problem+json";

  private ServedKv kv;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  void startServer() throws Exception {
    kv = ServedKv.start("--quiet");
  }

  @AfterAll
  void stopServer() throws Exception {
    assertThat(kv.stop()).isZero();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(kv.uri(pathAndQuery));
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return send(request(path).GET());
  }

  private HttpResponse<byte[]> put(String path, byte[] body, String contentType) throws Exception {
    HttpRequest.Builder request = request(path).PUT(BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  private HttpResponse<byte[]> put(String path, String text) throws Exception {
    return put(path, text.getBytes(UTF_8), "text/plain; charset=utf-8");
  }

  private HttpResponse<byte[]> delete(String path) throws Exception {
    return send(request(path).DELETE());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), UTF_8);
  }

  private static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(text(response))
        .contains("\"status\":" + status)
        .contains("\"code\":\"" + code + "\"")
        .contains("\"requestId\":\"" + requestId + "\"")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Nested
  class ServiceInfo {

    @Test
    void rootDescribesTheServiceAndItsStore() throws Exception {
      HttpResponse<byte[]> response = get("/");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(text(response))
          .isEqualTo(
              "{\"name\":\"kv\",\"version\":\""
                  + CliVersion.PROJECT
                  + "\",\"store\":\"in-memory\"}");
    }

    @Test
    void everyResponseCarriesAFreshRequestId() throws Exception {
      Set<String> ids = new HashSet<>();
      for (String path : List.of("/", "/", "/key", "/key/absent", "/unknown")) {
        ids.add(get(path).headers().firstValue("X-Request-Id").orElseThrow());
      }

      assertThat(ids).hasSize(5).allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    @Test
    void unknownRouteIsNotFound() throws Exception {
      assertProblem(get("/keys/a"), 404, "not-found");
      assertProblem(get("/nothing/here?x=1"), 404, "not-found");
    }

    @ParameterizedTest
    @CsvSource({
      "POST,/,'GET, HEAD'",
      "DELETE,/key,'GET, HEAD'",
      "POST,/key/a,'GET, HEAD, PUT, DELETE'"
    })
    void otherMethodsOnAKnownRouteAreNotAllowed(String method, String path, String allow)
        throws Exception {
      HttpResponse<byte[]> response =
          send(request(path).method(method, BodyPublishers.ofString("x")));

      assertProblem(response, 405, "method-not-allowed");
      assertThat(response.headers().firstValue("Allow")).hasValue(allow);
    }
  }

  @Nested
  class Entries {

    @Test
    void putCreatesThenReplacesWithNewVersions() throws Exception {
      String key = unique("entry");

      HttpResponse<byte[]> created = put("/key/" + key, "one");
      HttpResponse<byte[]> replaced = put("/key/" + key, "two");

      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
      assertThat(created.body()).isEmpty();
      assertThat(replaced.statusCode()).isEqualTo(204);
      assertThat(replaced.headers().firstValue("ETag")).hasValue("\"2\"");
      assertThat(text(get("/key/" + key))).isEqualTo("two");
    }

    @Test
    void getReturnsTheValueWithItsMetadata() throws Exception {
      String key = unique("meta");
      Instant before = Instant.now().minusSeconds(2);
      put("/key/" + key, "{\"a\":1}".getBytes(UTF_8), "application/json");

      HttpResponse<byte[]> response = get("/key/" + key);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(text(response)).isEqualTo("{\"a\":1}");
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.headers().firstValue("ETag")).hasValue("\"1\"");
      assertThat(response.headers().firstValue("Content-Length")).hasValue("7");
      Instant modified =
          ZonedDateTime.parse(
                  response.headers().firstValue("Last-Modified").orElseThrow(),
                  DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      assertThat(modified).isAfter(before).isBefore(Instant.now().plusSeconds(2));
      assertThat(response.headers().firstValue("Kv-Expires-At")).isEmpty();
    }

    @Test
    void putWithoutContentTypeStoresOctetStream() throws Exception {
      String key = unique("untyped");
      send(request("/key/" + key).PUT(BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));

      HttpResponse<byte[]> response = get("/key/" + key);

      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/octet-stream");
      assertThat(response.body()).containsExactly(1, 2, 3);
    }

    @Test
    void binaryValuesRoundTripByteForByte() throws Exception {
      byte[] every = new byte[256 * 4];
      for (int i = 0; i < every.length; i++) {
        every[i] = (byte) i;
      }
      String key = unique("binary");

      assertThat(put("/key/" + key, every, "image/png").statusCode()).isEqualTo(201);
      HttpResponse<byte[]> response = get("/key/" + key);

      assertThat(response.body()).isEqualTo(every);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void invalidUtf8UnderATextTypeRoundTripsToo() throws Exception {
      String key = unique("not-utf8");
      byte[] latin1 = "grüße".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

      put("/key/" + key, latin1, "text/plain");

      assertThat(get("/key/" + key).body()).isEqualTo(latin1);
    }

    @Test
    void emptyValueIsAValue() throws Exception {
      String key = unique("empty");

      assertThat(put("/key/" + key, new byte[0], "text/plain").statusCode()).isEqualTo(201);
      HttpResponse<byte[]> response = get("/key/" + key);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEmpty();
    }

    @Test
    void unicodeTextValueRoundTrips() throws Exception {
      String key = unique("unicode-value");
      String value = "Grüße, 世界 👋 \u0000 end";

      put("/key/" + key, value);

      assertThat(text(get("/key/" + key))).isEqualTo(value);
    }

    @Test
    void largestValueFitsAndOneByteMoreIsTooLarge() throws Exception {
      String key = unique("large");
      byte[] largest = new byte[393_216];
      byte[] tooLarge = new byte[393_217];

      assertThat(put("/key/" + key, largest, "application/octet-stream").statusCode())
          .isEqualTo(201);
      assertProblem(
          put("/key/" + key, tooLarge, "application/octet-stream"), 413, "value-too-large");
      assertThat(get("/key/" + key).body()).hasSize(393_216);
    }

    @Test
    void absentKeyIsNotFound() throws Exception {
      HttpResponse<byte[]> response = get("/key/" + unique("absent"));

      assertProblem(response, 404, "not-found");
    }

    @Test
    void headIsGetWithoutTheBody() throws Exception {
      String key = unique("head");
      put("/key/" + key, "value");

      HttpResponse<byte[]> present =
          send(request("/key/" + key).method("HEAD", BodyPublishers.noBody()));
      HttpResponse<byte[]> absent =
          send(request("/key/" + unique("absent")).method("HEAD", BodyPublishers.noBody()));

      assertThat(present.statusCode()).isEqualTo(200);
      assertThat(present.body()).isEmpty();
      assertThat(present.headers().firstValue("ETag")).hasValue("\"1\"");
      assertThat(present.headers().firstValue("Content-Type"))
          .hasValue("text/plain; charset=utf-8");
      assertThat(present.headers().firstValue("Last-Modified")).isPresent();
      assertThat(absent.statusCode()).isEqualTo(404);
      assertThat(absent.body()).isEmpty();
    }

    @Test
    void deleteRemovesTheEntryOnce() throws Exception {
      String key = unique("delete");
      put("/key/" + key, "bye");

      HttpResponse<byte[]> first = delete("/key/" + key);
      HttpResponse<byte[]> second = delete("/key/" + key);

      assertThat(first.statusCode()).isEqualTo(204);
      assertThat(first.body()).isEmpty();
      assertProblem(second, 404, "not-found");
      assertProblem(get("/key/" + key), 404, "not-found");
    }

    @Test
    void ttlSetsAnExpiryThatAPlainPutClears() throws Exception {
      String key = unique("ttl");
      put("/key/" + key + "?ttl=3600", "temporary");

      HttpResponse<byte[]> withExpiry = get("/key/" + key);
      put("/key/" + key, "permanent");
      HttpResponse<byte[]> withoutExpiry = get("/key/" + key);

      Instant expires =
          Instant.parse(withExpiry.headers().firstValue("Kv-Expires-At").orElseThrow());
      assertThat(expires)
          .isBetween(Instant.now().plusSeconds(3590), Instant.now().plusSeconds(3610));
      assertThat(withoutExpiry.headers().firstValue("Kv-Expires-At")).isEmpty();
    }

    @Test
    void expiredEntryIsGoneAtOnce() throws Exception {
      String key = unique("expiring");
      put("/key/" + key + "?ttl=1", "soon gone");
      assertThat(get("/key/" + key).statusCode()).isEqualTo(200);

      Thread.sleep(2_100);

      assertProblem(get("/key/" + key), 404, "not-found");
      assertThat(put("/key/" + key, "again").statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "315360001"})
    void invalidTtlIsRejected(String ttl) throws Exception {
      assertProblem(put("/key/" + unique("ttl") + "?ttl=" + ttl, "v"), 400, "invalid-request");
    }

    @Test
    void contentTypeLongerThan256CharactersIsRejected() throws Exception {
      String type = "text/plain; x=" + "a".repeat(250);

      assertProblem(
          put("/key/" + unique("type"), "v".getBytes(UTF_8), type), 400, "invalid-request");
    }
  }

  @Nested
  class Keys {

    @Test
    void encodedSlashAndPlainSlashNameTheSameKey() throws Exception {
      String dir = unique("dir");
      put("/key/" + dir + "%2Ffile", "via encoded slash");

      HttpResponse<byte[]> plain = get("/key/" + dir + "/file");

      assertThat(text(plain)).isEqualTo("via encoded slash");
      assertThat(text(get("/key?prefix=" + dir))).contains("\"" + dir + "/file\"");
    }

    @Test
    void percentEncodedUnicodeKeyRoundTrips() throws Exception {
      String key = unique("grüße/世界 👋");
      String encoded = java.net.URLEncoder.encode(key, UTF_8).replace("+", "%20");

      assertThat(put("/key/" + encoded, "unicode key").statusCode()).isEqualTo(201);

      assertThat(text(get("/key/" + encoded))).isEqualTo("unicode key");
      assertThat(text(get("/key?prefix=" + java.net.URLEncoder.encode(key, UTF_8))))
          .contains("\"keys\":[\"" + key + "\"]");
    }

    @Test
    void plusInAKeyIsALiteralPlus() throws Exception {
      String key = unique("a+b");
      put("/key/" + key, "plus");

      assertThat(text(get("/key/" + key.replace("+", "%2B")))).isEqualTo("plus");
      assertProblem(get("/key/" + key.replace("+", "%20")), 404, "not-found");
    }

    @Test
    void keysAreCaseSensitive() throws Exception {
      String key = unique("Case");
      put("/key/" + key, "upper");

      assertProblem(get("/key/" + key.toLowerCase(java.util.Locale.ROOT)), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctl%01char", "del%7F", "not-utf8%C3%28", "%00", "lone%ED%A0%80"})
    void invalidKeysAreRejected(String encodedKey) throws Exception {
      assertProblem(get("/key/" + encodedKey), 400, "invalid-key");
      assertProblem(put("/key/" + encodedKey, "v"), 400, "invalid-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad%zz", "bad%2", "%", "a%00b"})
    void malformedPercentEncodingIsTheHandlersInvalidKey(String encodedKey) throws Exception {
      // Targets no URI parser accepts still reach the handler, as through API Gateway.
      try (RawHttp raw = RawHttp.connect(kv.port())) {
        raw.send("GET /key/" + encodedKey + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        RawHttp.Answer answer = raw.answer();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"invalid-key\"");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
      }
    }

    @Test
    void keyOf1024BytesFitsAndLongerIsRejected() throws Exception {
      String longest = "k".repeat(1024);

      assertThat(put("/key/" + longest, "v").statusCode()).isIn(201, 204);
      assertProblem(put("/key/" + longest + "k", "v"), 400, "invalid-key");
    }
  }

  @Nested
  class Listing {

    @Test
    void listsKeysWithAPrefixPageByPage() throws Exception {
      String prefix = unique("list") + "/";
      Set<String> written = new HashSet<>();
      for (int i = 0; i < 7; i++) {
        written.add(prefix + i);
        put("/key/" + prefix + i, "v" + i);
      }
      put("/key/" + unique("other"), "not listed");

      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        String query =
            "?prefix="
                + java.net.URLEncoder.encode(prefix, UTF_8)
                + "&limit=3"
                + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, UTF_8));
        HttpResponse<byte[]> page = get("/key" + query);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("application/json");
        ListPage parsed = ListPage.parse(text(page));
        seen.addAll(parsed.keys());
        cursor = parsed.cursor();
        pages++;
      } while (cursor != null && pages < 10);

      assertThat(seen).containsExactlyInAnyOrderElementsOf(written);
      assertThat(pages).isEqualTo(3);
    }

    @Test
    void listWithoutPrefixIncludesEveryKey() throws Exception {
      String key = unique("all");
      put("/key/" + key, "v");

      assertThat(text(get("/key?limit=1000"))).contains("\"" + key + "\"");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"limit=0", "limit=1001", "limit=x", "cursor=not-a-cursor", "prefix=%01"})
    void invalidListingParametersAreRejected(String query) throws Exception {
      HttpResponse<byte[]> response = get("/key?" + query);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(text(response)).containsAnyOf("invalid-request", "invalid-key");
    }
  }

  @Nested
  class Preconditions {

    @Test
    void ifMatchWritesOnlyOverTheNamedVersion() throws Exception {
      String key = unique("cas");
      put("/key/" + key, "v1");

      HttpResponse<byte[]> matching =
          send(
              request("/key/" + key)
                  .header("If-Match", "\"1\"")
                  .PUT(BodyPublishers.ofString("v2")));
      HttpResponse<byte[]> stale =
          send(
              request("/key/" + key)
                  .header("If-Match", "\"1\"")
                  .PUT(BodyPublishers.ofString("v3")));

      assertThat(matching.statusCode()).isEqualTo(204);
      assertThat(matching.headers().firstValue("ETag")).hasValue("\"2\"");
      assertProblem(stale, 412, "precondition-failed");
      assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
      assertThat(text(get("/key/" + key))).isEqualTo("v2");
    }

    @Test
    void ifNoneMatchStarCreatesOnlyOnce() throws Exception {
      String key = unique("create-only");
      HttpRequest.Builder create =
          request("/key/" + key).header("If-None-Match", "*").PUT(BodyPublishers.ofString("x"));

      assertThat(send(create).statusCode()).isEqualTo(201);
      HttpResponse<byte[]> again = send(create);

      assertProblem(again, 412, "precondition-failed");
      assertThat(again.headers().firstValue("ETag")).hasValue("\"1\"");
    }

    @Test
    void ifMatchStarNeedsAnEntry() throws Exception {
      HttpResponse<byte[]> response =
          send(
              request("/key/" + unique("absent"))
                  .header("If-Match", "*")
                  .PUT(BodyPublishers.ofString("x")));

      assertProblem(response, 412, "precondition-failed");
      assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void deleteWithStaleIfMatchKeepsTheEntry() throws Exception {
      String key = unique("keep");
      put("/key/" + key, "v1");
      put("/key/" + key, "v2");

      HttpResponse<byte[]> stale =
          send(request("/key/" + key).header("If-Match", "\"1\"").DELETE());
      HttpResponse<byte[]> current =
          send(request("/key/" + key).header("If-Match", "\"2\"").DELETE());

      assertProblem(stale, 412, "precondition-failed");
      assertThat(current.statusCode()).isEqualTo(204);
    }

    @Test
    void ifNoneMatchWithTheCurrentTagIsNotModified() throws Exception {
      String key = unique("cached");
      put("/key/" + key, "cached value");

      HttpResponse<byte[]> current =
          send(request("/key/" + key).header("If-None-Match", "\"1\"").GET());
      HttpResponse<byte[]> old =
          send(request("/key/" + key).header("If-None-Match", "\"0\"").GET());

      assertThat(current.statusCode()).isEqualTo(304);
      assertThat(current.body()).isEmpty();
      assertThat(current.headers().firstValue("ETag")).hasValue("\"1\"");
      assertThat(old.statusCode()).isEqualTo(200);
      assertThat(text(old)).isEqualTo("cached value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"one\"", "W/\"1\"", "\"1\", \"2\""})
    void malformedIfMatchIsABadRequest(String header) throws Exception {
      String key = unique("malformed");
      put("/key/" + key, "v");

      HttpResponse<byte[]> response =
          send(request("/key/" + key).header("If-Match", header).PUT(BodyPublishers.ofString("x")));

      assertProblem(response, 400, "invalid-request");
    }
  }

  @Nested
  class GatewayLimits {

    @Test
    void bodyDeclaredOverTenMegabytesIsRefusedUnread() throws Exception {
      try (RawHttp raw = RawHttp.connect(kv.port())) {
        raw.send(
            "PUT /key/huge HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 10485761\r\n\r\n");

        RawHttp.Answer answer = raw.answer();

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"value-too-large\"");
      }
    }

    @Test
    void chunkedBodyOverTenMegabytesIsCutOffAndRefused() throws Exception {
      try (RawHttp raw = RawHttp.connect(kv.port())) {
        raw.send(
            "PUT /key/huge HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        byte[] chunk = new byte[1 << 20];
        long sent = raw.sendChunksUntilAnswered(chunk, 40);

        RawHttp.Answer answer = raw.answer();

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"value-too-large\"");
        assertThat(sent).isLessThan(40L << 20);
      }
    }

    @Test
    void bodyOfAlmostTenMegabytesReachesTheFunction() throws Exception {
      HttpResponse<byte[]> response =
          put("/key/" + unique("nearly"), new byte[10 * 1024 * 1024], "application/octet-stream");

      // The function, not the gateway, refuses it: its limit is the value size.
      assertProblem(response, 413, "value-too-large");
      assertThat(text(response)).contains("at most 393216");
    }

    @Test
    void rawUtf8InTheRequestLineReachesTheHandlerAsUtf8() throws Exception {
      String key = unique("raw-ü");
      put("/key/" + key.replace("ü", "%C3%BC"), "raw");

      try (RawHttp raw = RawHttp.connect(kv.port())) {
        byte[] line = ("GET /key/" + key + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(UTF_8);
        raw.send(line);

        RawHttp.Answer answer = raw.answer();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("raw");
      }
    }
  }

  @Nested
  class ConcurrentClients {

    @Test
    void compareAndSetIncrementsFromManyClientsLoseNoUpdate() throws Exception {
      String key = unique("counter");
      put("/key/" + key, "0");
      int clients = 8;
      int incrementsEach = 25;
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          conflicts.add(pool.submit(() -> increment(key, incrementsEach)));
        }
        int totalConflicts = 0;
        for (Future<Integer> f : conflicts) {
          totalConflicts += f.get();
        }

        HttpResponse<byte[]> result = get("/key/" + key);
        assertThat(text(result)).isEqualTo(Integer.toString(clients * incrementsEach));
        assertThat(result.headers().firstValue("ETag"))
            .hasValue("\"" + (1 + clients * incrementsEach) + "\"");
        assertThat(totalConflicts).isGreaterThanOrEqualTo(0);
      } finally {
        pool.shutdownNow();
      }
    }

    private int increment(String key, int times) throws Exception {
      HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      int conflicts = 0;
      int done = 0;
      while (done < times) {
        HttpResponse<String> current =
            own.send(
                HttpRequest.newBuilder(kv.uri("/key/" + key)).build(), BodyHandlers.ofString());
        String etag = current.headers().firstValue("ETag").orElseThrow();
        int next = Integer.parseInt(current.body()) + 1;
        HttpResponse<String> write =
            own.send(
                HttpRequest.newBuilder(kv.uri("/key/" + key))
                    .header("If-Match", etag)
                    .header("Content-Type", "text/plain")
                    .PUT(BodyPublishers.ofString(Integer.toString(next)))
                    .build(),
                BodyHandlers.ofString());
        if (write.statusCode() == 204) {
          done++;
        } else {
          assertThat(write.statusCode()).isEqualTo(412);
          conflicts++;
        }
      }
      return conflicts;
    }

    @Test
    void manyClientsWritingAndReadingTheirOwnKeysAllSucceed() throws Exception {
      String prefix = unique("parallel");
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          String key = prefix + "/" + i;
          byte[] value = ("value " + i).getBytes(UTF_8);
          results.add(
              pool.submit(
                  () -> {
                    int created = put("/key/" + key, value, "text/plain").statusCode();
                    byte[] read = get("/key/" + key).body();
                    return created == 201 && java.util.Arrays.equals(read, value);
                  }));
        }
        for (Future<Boolean> result : results) {
          assertThat(result.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(text(get("/key?limit=1000&prefix=" + prefix))).contains(prefix + "/199");
    }
  }

  /** The keys and cursor of a listing body. */
  private record ListPage(List<String> keys, String cursor) {
    static ListPage parse(String json) throws IOException {
      com.fasterxml.jackson.databind.JsonNode tree =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(new ByteArrayInputStream(json.getBytes(UTF_8)));
      List<String> keys = new ArrayList<>();
      tree.get("keys").forEach(k -> keys.add(k.asText()));
      com.fasterxml.jackson.databind.JsonNode cursor = tree.get("cursor");
      return new ListPage(keys, cursor == null || cursor.isNull() ? null : cursor.asText());
    }
  }
}
