package dev.kv.dynamodb.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A DynamoDB endpoint in front of a real one (dynalite) that passes requests through, or makes
 * every item operation fail in one chosen way: the failures a store meets in production, on demand.
 * Table operations (DescribeTable, ...) always pass, so a client can start against it.
 *
 * <pre>{@code
 * try (FaultyDynamoDb faulty = FaultyDynamoDb.inFrontOf(dynamo.endpoint())) {
 *   store = DynamoDbKeyValueStore.create(dynamo.config(table).withEndpointOverride(faulty.endpoint()));
 *   faulty.fail(FaultyDynamoDb.Fault.THROTTLED);
 *   ...
 * }
 * }</pre>
 */
public final class FaultyDynamoDb implements AutoCloseable {

  /** How item operations fail. */
  public enum Fault {
    /** No failure: requests reach the real endpoint. */
    NONE,
    /** HTTP 400 ThrottlingException (retried by the SDK, then 503). */
    THROTTLED,
    /** HTTP 500 InternalServerError (retried, then 503). */
    SERVER_ERROR,
    /** The connection closes half-way through the answer (503, or 500 for a cut JSON). */
    CONNECTION_DROPPED,
    /** No answer for a while (see {@link #slowness}; beyond the store's timeouts: 503). */
    TOO_SLOW,
    /** HTTP 400 ResourceNotFoundException: the table is gone (500). */
    TABLE_MISSING,
    /**
     * HTTP 400 ValidationException whose message quotes the whole request, as a service message
     * might quote a value (500): what reaches a log must not include exception messages.
     */
    VALIDATION_QUOTING_THE_REQUEST,
    /**
     * Writes (PutItem, UpdateItem) fail their condition every time, as if other writers kept
     * winning; reads pass (an unconditional PUT gives up with 503).
     */
    CONDITIONS_ALWAYS_FAIL
  }

  private static final Set<String> ITEM_OPERATIONS =
      Set.of(
          "GetItem",
          "PutItem",
          "UpdateItem",
          "DeleteItem",
          "Scan",
          "Query",
          "BatchGetItem",
          "BatchWriteItem",
          "TransactGetItems",
          "TransactWriteItems");

  /** Headers HttpClient sets itself and refuses to be given. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private volatile Fault fault = Fault.NONE;
  private volatile Duration slowness = Duration.ofSeconds(6);

  private FaultyDynamoDb(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** Starts one on a free loopback port, passing requests through to {@code upstream}. */
  public static FaultyDynamoDb inFrontOf(URI upstream) throws IOException {
    return new FaultyDynamoDb(upstream);
  }

  /** Where to send DynamoDB requests. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Makes every later item operation fail this way ({@link Fault#NONE}: pass through). */
  public void fail(Fault fault) {
    this.fault = fault;
  }

  /** How long {@link Fault#TOO_SLOW} waits before answering (default 6 s). */
  public FaultyDynamoDb slowness(Duration slowness) {
    this.slowness = slowness;
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
      Fault now = ITEM_OPERATIONS.contains(operation) ? fault : Fault.NONE;
      switch (now) {
        case NONE -> passThrough(exchange, body);
        case THROTTLED ->
            error(exchange, 400, "ThrottlingException", "Rate of requests exceeds the allowed");
        case SERVER_ERROR -> error(exchange, 500, "InternalServerError", "Internal server error");
        case CONNECTION_DROPPED -> {
          // Promises 1000 bytes, sends the start of an answer, closes: the client reads an early
          // end of stream (or, if it does not notice, JSON cut short).
          exchange.sendResponseHeaders(200, 1000);
          OutputStream out = exchange.getResponseBody();
          out.write("{\"Item\":{\"Key\":".getBytes(UTF_8));
          out.flush();
          throw new IOException("connection dropped on purpose");
        }
        case TOO_SLOW -> {
          sleep(slowness);
          error(exchange, 500, "InternalServerError", "too late");
        }
        case TABLE_MISSING ->
            error(exchange, 400, "ResourceNotFoundException", "Requested resource not found");
        case VALIDATION_QUOTING_THE_REQUEST ->
            error(
                exchange,
                400,
                "ValidationException",
                "Invalid request: " + new String(body, UTF_8));
        case CONDITIONS_ALWAYS_FAIL -> {
          if (operation.equals("PutItem") || operation.equals("UpdateItem")) {
            error(
                exchange, 400, "ConditionalCheckFailedException", "The conditional request failed");
          } else {
            passThrough(exchange, body);
          }
        }
      }
    }
  }

  private void passThrough(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    send(exchange, response.statusCode(), response.body());
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    String json =
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + type
            + "\",\"message\":\""
            + message.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    send(exchange, status, json.getBytes(UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
