package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.core.KeyValueService;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import dev.kv.dynamodb.testing.FaultyDynamoDb;
import dev.kv.dynamodb.testing.FaultyDynamoDb.Fault;
import dev.kv.dynamodb.testing.LogCanary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys, values and cursors never reach a log: every error path (each kind of store failure, corrupt
 * items in a real table, hostile input) is driven through the Lambda entry point with API Gateway
 * event JSON carrying the {@link LogCanary} key and value, while everything the process logs is
 * captured (the request log, standard output and error, java.util.logging). No captured line may
 * contain the canary.
 */
class LogCanaryIT {

  private static final String KEY = LogCanary.KEY;
  private static final String VALUE = LogCanary.VALUE;

  private final DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
  private final List<String> captured = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> statuses = new ArrayList<>();
  private String lastResponse;
  private String cursor;
  private FaultyDynamoDb faulty;
  private String table;
  private DynamoDbKeyValueStore store;
  private KvApiHandler handler;
  private PrintStream originalOut;
  private PrintStream originalErr;
  private Handler julCapture;

  @BeforeEach
  void start() throws Exception {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(new LineCapture(captured, originalOut), true, UTF_8));
    System.setErr(new PrintStream(new LineCapture(captured, originalErr), true, UTF_8));
    julCapture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            captured.add(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
              for (Object p : record.getParameters()) {
                captured.add(String.valueOf(p));
              }
            }
            if (record.getThrown() != null) {
              captured.add(String.valueOf(record.getThrown()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    julCapture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(julCapture);

    faulty = FaultyDynamoDb.inFrontOf(dynamo.endpoint()).slowness(Duration.ofMillis(1500));
    table = dynamo.createTable();
    store =
        DynamoDbKeyValueStore.create(
            dynamo
                .config(table)
                .withEndpointOverride(faulty.endpoint())
                .withTimeouts(Duration.ofMillis(400), Duration.ofMillis(800))
                .withMaxAttempts(2));
    // Logs to standard output, as in Lambda: the capture above sees it.
    handler = new KvApiHandler(new KeyValueService(store));
  }

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(julCapture);
    System.setOut(originalOut);
    System.setErr(originalErr);
    store.close();
    faulty.close();
    dynamo.deleteTable(table);
  }

  @Test
  void noErrorPathLogsTheKeyTheValueOrACursor() throws Exception {
    // The client's first calls are slow (class loading): warm it up.
    for (int i = 0;
        i < 10 && send(event("GET", "/key/warm-up", Map.of(), Map.of(), null, false)) != 404;
        i++) {
      Thread.sleep(200);
    }
    // A real listing cursor: it encodes a canary key.
    assertThat(send(put(KEY + "/a", VALUE, Map.of()))).isBetween(200, 299);
    assertThat(send(put(KEY + "/b", VALUE, Map.of()))).isBetween(200, 299);
    assertThat(
            send(event("GET", "/key", Map.of(), Map.of("prefix", KEY, "limit", "1"), null, false)))
        .isEqualTo(200);
    java.util.regex.Matcher next =
        java.util.regex.Pattern.compile("\\\\\"cursor\\\\\":\\\\\"([^\\\\\"]+)")
            .matcher(lastResponse);
    assertThat(next.find()).as("a cursor in the listing").isTrue();
    cursor = next.group(1);

    // Store failures of each kind, on every operation.
    for (Fault fault : Fault.values()) {
      if (fault == Fault.NONE) {
        continue;
      }
      long started = System.nanoTime();
      faulty.fail(fault);
      List<Map<String, Object>> operations = everyOperationOnTheCanary();
      for (int operation = 0; operation < operations.size(); operation++) {
        Map<String, Object> event = operations.get(operation);
        int status = send(event);
        if (fault == Fault.CONDITIONS_ALWAYS_FAIL) {
          assertThat(status).as("%s operation %d", fault, operation).isLessThan(600);
        } else {
          assertThat(status)
              .as("%s operation %d (%s)", fault, operation, event.get("httpMethod"))
              .isGreaterThanOrEqualTo(500);
        }
      }
      originalErr.printf("%s: %d ms%n", fault, (System.nanoTime() - started) / 1_000_000);
    }
    faulty.fail(Fault.NONE);
    assertThat(send(put(KEY, VALUE, Map.of()))).isEqualTo(201);
    faulty.fail(Fault.CONDITIONS_ALWAYS_FAIL);
    assertThat(send(put(KEY, VALUE, Map.of()))).isEqualTo(503);

    // Corrupt items in the real table: every read of them is a 500.
    faulty.fail(Fault.NONE);
    List<String> corrupt = LogCanary.writeCorruptItems(dynamo.client(), table);
    for (String key : corrupt) {
      assertThat(send(event("GET", "/key/" + key, Map.of(), Map.of(), null, false))).isEqualTo(500);
      send(put(key, VALUE, Map.of("If-Match", "\"1\"")));
      send(event("DELETE", "/key/" + key, Map.of("If-Match", "\"1\""), Map.of(), null, false));
    }
    // A listing reads only keys and expiry times: a corrupt expiry time fails it, or it skips it.
    assertThat(send(event("GET", "/key", Map.of(), Map.of("prefix", "session/"), null, false)))
        .isIn(200, 500);

    // Hostile input carrying the canary: every one is a 4xx.
    assertThat(send(put(KEY + "/present", VALUE, Map.of()))).isEqualTo(201);
    List<Map<String, Object>> hostile = hostileEvents();
    for (Map<String, Object> event : hostile) {
      assertThat(send(event))
          .as("hostile input %d (%s)", hostile.indexOf(event), event.get("httpMethod"))
          .isBetween(400, 499);
    }

    // The capture works: failures were logged, with their classes and stack frames.
    assertThat(captured).anySatisfy(line -> assertThat(line).contains("\"status\":503"));
    assertThat(captured)
        .anySatisfy(line -> assertThat(line).contains("\"status\":500").contains("\\tat dev.kv."));
    assertThat(statuses).hasSizeGreaterThan(60);
    assertThat(LogCanary.redactedLeaks(captured)).as("log lines with the canary").isEmpty();
    assertThat(captured.stream().filter(line -> line.contains(cursor)).count())
        .as("log lines with the cursor")
        .isZero();
  }

  @Test
  void theCanaryCheckFindsALeak() {
    assertThat(LogCanary.redactedLeaks(List.of("{\"level\":\"INFO\"}", "error at " + KEY)))
        .containsExactly("error at session/<canary>-k3y-7c1e9b");
    assertThat(
            LogCanary.leaks(
                List.of(Base64.getEncoder().encodeToString(VALUE.getBytes(UTF_8)) + " in a body")))
        .hasSize(1);
  }

  private List<Map<String, Object>> everyOperationOnTheCanary() {
    return List.of(
        event("GET", "/key/" + KEY, Map.of(), Map.of(), null, false),
        event("HEAD", "/key/" + KEY, Map.of(), Map.of(), null, false),
        put(KEY, VALUE, Map.of()),
        put(KEY, VALUE, Map.of("If-None-Match", "*")),
        put(KEY, VALUE, Map.of("If-Match", "\"1\"")),
        put(KEY, VALUE, Map.of("If-Match", "*")),
        event("PUT", "/key/" + KEY, Map.of(), Map.of("ttl", "60"), VALUE, false),
        event("DELETE", "/key/" + KEY, Map.of(), Map.of(), null, false),
        event("DELETE", "/key/" + KEY, Map.of("If-Match", "\"1\""), Map.of(), null, false),
        event("GET", "/key", Map.of(), Map.of("prefix", KEY), null, false),
        event("GET", "/key", Map.of(), Map.of("prefix", "session/", "limit", "1"), null, false),
        event("GET", "/key", Map.of(), Map.of("prefix", KEY, "cursor", cursor), null, false));
  }

  private List<Map<String, Object>> hostileEvents() {
    String big = VALUE.repeat(393_216 / VALUE.length() + 2);
    return List.of(
        event("GET", "/key/" + KEY + "%00", Map.of(), Map.of(), null, false),
        event("GET", "/key/" + KEY + "%ZZ", Map.of(), Map.of(), null, false),
        event("GET", "/key/" + KEY + "%C3%28", Map.of(), Map.of(), null, false),
        event("GET", "/key/" + KEY.repeat(60), Map.of(), Map.of(), null, false),
        event("PUT", "/key/" + KEY + "%01", Map.of(), Map.of(), VALUE, false),
        event("PUT", "/key/" + KEY, Map.of(), Map.of(), big, false),
        event("PUT", "/key/" + KEY, Map.of(), Map.of("ttl", VALUE), VALUE, false),
        event("PUT", "/key/" + KEY, Map.of(), Map.of("ttl", "-1"), VALUE, false),
        event("PUT", "/key/" + KEY, Map.of("If-Match", VALUE), Map.of(), VALUE, false),
        event("PUT", "/key/" + KEY, Map.of("If-None-Match", VALUE), Map.of(), VALUE, false),
        event(
            "PUT",
            "/key/" + KEY,
            Map.of("If-Match", "\"1\"", "If-None-Match", "*"),
            Map.of(),
            VALUE,
            false),
        event(
            "PUT", "/key/" + KEY, Map.of("Content-Type", VALUE + "\u0001"), Map.of(), VALUE, false),
        event("PUT", "/key/" + KEY, Map.of(), Map.of(), VALUE + "!not base64", true),
        event(
            "DELETE",
            "/key/" + KEY,
            Map.of("If-Match", "W/\"" + VALUE + "\""),
            Map.of(),
            null,
            false),
        event("GET", "/key", Map.of(), Map.of("cursor", VALUE), null, false),
        event("GET", "/key", Map.of(), Map.of("cursor", KEY), null, false),
        event("GET", "/key", Map.of(), Map.of("limit", VALUE), null, false),
        event("GET", "/key", Map.of(), Map.of("prefix", KEY + "\u0000"), null, false),
        event("POST", "/key/" + KEY, Map.of(), Map.of(), VALUE, false),
        event("GET", "/" + KEY, Map.of(), Map.of(), null, false),
        // Preconditions that fail against an entry (412, 304).
        put(KEY + "/present", VALUE, Map.of("If-None-Match", "*")),
        put(KEY + "/present", VALUE, Map.of("If-Match", "\"9\"")),
        event(
            "DELETE",
            "/key/" + KEY + "/present",
            Map.of("If-Match", "\"9\""),
            Map.of(),
            null,
            false));
  }

  private Map<String, Object> put(String key, String value, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "text/plain; charset=utf-8");
    return event("PUT", "/key/" + key, all, Map.of(), value, false);
  }

  /**
   * An API Gateway REST API proxy event, as API Gateway sends it (see src/test/resources/events).
   */
  private static Map<String, Object> event(
      String method,
      String path,
      Map<String, String> headers,
      Map<String, String> query,
      String body,
      boolean base64) {
    Map<String, Object> event = new LinkedHashMap<>();
    boolean keyRoute = path.startsWith("/key/");
    event.put("resource", keyRoute ? "/key/{key+}" : path.equals("/key") ? "/key" : "/{proxy+}");
    event.put("path", path);
    event.put("httpMethod", method);
    Map<String, String> allHeaders = new LinkedHashMap<>();
    allHeaders.put("Accept", "*/*");
    allHeaders.put("Host", "a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com");
    allHeaders.put("User-Agent", "curl/8.5.0");
    allHeaders.put("X-Forwarded-For", "203.0.113.10");
    allHeaders.put("X-Forwarded-Proto", "https");
    allHeaders.putAll(headers);
    event.put("headers", allHeaders);
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    allHeaders.forEach((k, v) -> multiHeaders.put(k, List.of(v)));
    event.put("multiValueHeaders", multiHeaders);
    event.put("queryStringParameters", query.isEmpty() ? null : query);
    Map<String, List<String>> multiQuery = new LinkedHashMap<>();
    query.forEach((k, v) -> multiQuery.put(k, List.of(v)));
    event.put("multiValueQueryStringParameters", query.isEmpty() ? null : multiQuery);
    event.put("pathParameters", keyRoute ? Map.of("key", path.substring(5)) : null);
    event.put("stageVariables", null);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("resourcePath", event.get("resource"));
    context.put("httpMethod", method);
    context.put("path", "/prod" + path);
    context.put("accountId", "123456789012");
    context.put("protocol", "HTTP/1.1");
    context.put("stage", "prod");
    context.put("requestId", java.util.UUID.randomUUID().toString());
    context.put("identity", Map.of("sourceIp", "203.0.113.10", "userAgent", "curl/8.5.0"));
    context.put("apiId", "a1b2c3d4e5");
    event.put("requestContext", context);
    event.put("body", body);
    event.put("isBase64Encoded", base64);
    return event;
  }

  private int send(Map<String, Object> event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json(event).getBytes(UTF_8)), out, null);
    String response = out.toString(UTF_8);
    lastResponse = response;
    java.util.regex.Matcher status =
        java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)").matcher(response);
    assertThat(status.find()).as("a response with a status").isTrue();
    int code = Integer.parseInt(status.group(1));
    statuses.add(code);
    return code;
  }

  private static String json(Object node) {
    if (node == null) {
      return "null";
    }
    if (node instanceof Boolean b) {
      return b.toString();
    }
    if (node instanceof Map<?, ?> m) {
      StringBuilder out = new StringBuilder("{");
      m.forEach(
          (k, v) -> {
            if (out.length() > 1) {
              out.append(',');
            }
            out.append(json(String.valueOf(k))).append(':').append(json(v));
          });
      return out.append('}').toString();
    }
    if (node instanceof List<?> l) {
      StringBuilder out = new StringBuilder("[");
      l.forEach(
          v -> {
            if (out.length() > 1) {
              out.append(',');
            }
            out.append(json(v));
          });
      return out.append(']').toString();
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : node.toString().toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Collects what is printed, line by line, and passes it on. */
  private static final class LineCapture extends OutputStream {
    private final List<String> lines;
    private final PrintStream passOn;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineCapture(List<String> lines, PrintStream passOn) {
      this.lines = lines;
      this.passOn = passOn;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      passOn.write(bytes, offset, length);
      int start = offset;
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          line.write(bytes, start, i - start);
          lines.add(line.toString(UTF_8));
          line.reset();
          start = i + 1;
        }
      }
      line.write(bytes, start, offset + length - start);
    }

    @Override
    public synchronized void write(int b) {
      passOn.write(b);
      if (b == '\n') {
        lines.add(line.toString(UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void flush() {
      passOn.flush();
      if (line.size() > 0) {
        lines.add(line.toString(UTF_8));
        line.reset();
      }
    }
  }
}
