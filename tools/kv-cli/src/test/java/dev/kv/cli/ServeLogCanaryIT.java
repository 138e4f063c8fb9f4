package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import dev.kv.dynamodb.testing.FaultyDynamoDb;
import dev.kv.dynamodb.testing.FaultyDynamoDb.Fault;
import dev.kv.dynamodb.testing.LogCanary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code kv serve} keeps keys and values out of its output: the executable jar (the public entry
 * point, whatever HTTP server it embeds) serves a DynamoDB store behind {@link FaultyDynamoDb}, and
 * the canary key and value go through every kind of store failure, corrupt items and hostile raw
 * requests. Everything the process prints (standard output and error) is captured; no line may
 * contain the canary.
 */
class ServeLogCanaryIT {

  private static final Path JAR = Path.of("target", "kv.jar");
  private static final Pattern URL = Pattern.compile("(http://[^\\s/]+)");
  private static final String KEY = LogCanary.KEY;
  private static final String VALUE = LogCanary.VALUE;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> statuses = new ArrayList<>();

  @Test
  void noErrorPathPrintsTheKeyOrTheValue() throws Exception {
    assertThat(JAR).exists();
    DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
    String table = dynamo.createTable();
    try (FaultyDynamoDb faulty =
        FaultyDynamoDb.inFrontOf(dynamo.endpoint()).slowness(Duration.ofSeconds(6))) {
      Process kv =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  JAR.toString(),
                  "serve",
                  "--port",
                  "0",
                  "--store",
                  "dynamodb",
                  "--endpoint",
                  faulty.endpoint().toString(),
                  "--region",
                  dynamo.region(),
                  "--table",
                  table)
              .redirectErrorStream(true)
              .start();
      try {
        URI base = startAndCapture(kv);

        for (Fault fault : Fault.values()) {
          faulty.fail(fault);
          int first = statuses.size();
          send(base, "PUT", "/key/" + enc(KEY), VALUE, "If-None-Match", "*");
          send(base, "PUT", "/key/" + enc(KEY), VALUE);
          send(base, "GET", "/key/" + enc(KEY), null);
          send(base, "GET", "/key?prefix=" + enc(KEY), null);
          send(base, "DELETE", "/key/" + enc(KEY), null, "If-Match", "\"1\"");
          if (fault != Fault.NONE && fault != Fault.CONDITIONS_ALWAYS_FAIL) {
            assertThat(statuses.subList(first, statuses.size()))
                .as("%s: every request fails", fault)
                .allMatch(status -> status >= 500);
          }
        }

        faulty.fail(Fault.NONE);
        for (String key : LogCanary.writeCorruptItems(dynamo.client(), table)) {
          assertThat(send(base, "GET", "/key/" + enc(key), null)).isEqualTo(500);
        }

        assertThat(send(base, "PUT", "/key/" + enc(KEY) + "?ttl=" + VALUE, VALUE)).isEqualTo(400);
        assertThat(send(base, "GET", "/key?cursor=" + VALUE, null)).isEqualTo(400);
        assertThat(send(base, "PUT", "/key/" + enc(KEY), VALUE, "If-Match", VALUE)).isEqualTo(400);
        assertThat(send(base, "PUT", "/key/" + enc(KEY), VALUE.repeat(20_000))).isEqualTo(413);
        assertThat(raw(base, "GET /key/" + enc(KEY) + "%ZZ HTTP/1.1")).startsWith("HTTP/1.1 400");
        assertThat(raw(base, "GET /key/" + enc(KEY) + "%00 HTTP/1.1")).startsWith("HTTP/1.1 400");
        raw(base, "GET /key/" + KEY + "\u0001 HTTP/1.1");
        raw(base, KEY + " /key/" + enc(KEY) + " HTTP/1.1");
      } finally {
        new ProcessBuilder("kill", "-TERM", Long.toString(kv.pid())).start().waitFor();
        kv.waitFor(30, TimeUnit.SECONDS);
        kv.destroyForcibly();
      }
    } finally {
      dynamo.deleteTable(table);
    }

    Thread.sleep(200); // the reader thread takes the last lines
    assertThat(output).anySatisfy(line -> assertThat(line).contains("\"status\":503"));
    assertThat(output).anySatisfy(line -> assertThat(line).contains("\"status\":500"));
    assertThat(statuses).hasSizeGreaterThan(40);
    assertThat(LogCanary.redactedLeaks(output)).as("lines with the canary").isEmpty();
  }

  private URI startAndCapture(Process kv) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(kv.getInputStream(), UTF_8));
    String banner = lines.readLine();
    output.add(String.valueOf(banner));
    Matcher url = URL.matcher(banner == null ? "" : banner);
    assertThat(url.find()).as("a banner with the URL").isTrue();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line; (line = lines.readLine()) != null; ) {
                  output.add(line);
                }
              } catch (java.io.IOException ended) {
                // the process ended
              }
            },
            "kv-serve-output");
    reader.setDaemon(true);
    reader.start();
    return URI.create(url.group(1));
  }

  private int send(URI base, String method, String pathAndQuery, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (body != null) {
      request.header("Content-Type", "text/plain; charset=utf-8");
    }
    int status = http.send(request.build(), BodyHandlers.discarding()).statusCode();
    statuses.add(status);
    return status;
  }

  /** Sends a request line as is (what an HTTP client library would refuse to send). */
  private static String raw(URI base, String requestLine) throws Exception {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      String status = in.readLine();
      return status == null ? "" : status;
    } catch (java.io.IOException closed) {
      return "";
    }
  }

  private static String enc(String key) {
    return URLEncoder.encode(key, UTF_8).replace("+", "%20").replace("%2F", "/");
  }
}
