package dev.kv.cli;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kv.lambda.KvApiHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The local stand-in for API Gateway: an HTTP server (the JDK's, on a thread pool) that turns each
 * request into a REST proxy event, runs it through the same {@link KvApiHandler} the deployed
 * function runs, and writes the handler's response back.
 */
public final class LocalApiServer implements AutoCloseable {

  static {
    // The JDK server leaves Nagle's algorithm on by default; keep-alive clients would then wait
    // for delayed ACKs between a response's header and body writes.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The stage name the local server puts in every event's request context. */
  public static final String STAGE = "local";

  private static final int BACKLOG = 1024;
  private static final int STOP_GRACE_SECONDS = 1;

  private final HttpServer server;
  private final ExecutorService executor;
  private final KvApiHandler handler;
  private final Consumer<String> errors;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalApiServer(
      HttpServer server, ExecutorService executor, KvApiHandler handler, Consumer<String> errors) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
    this.errors = errors;
  }

  /**
   * Starts serving on {@code address} (port 0 picks a free port).
   *
   * @param threads how many requests are served at once
   * @param errors where failures of the handler itself are reported (never client errors)
   * @throws java.net.BindException when the address is in use or cannot be bound
   */
  public static LocalApiServer start(
      InetSocketAddress address, KvApiHandler handler, int threads, Consumer<String> errors)
      throws IOException {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(errors, "errors");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    HttpServer http = HttpServer.create(address, BACKLOG);
    ExecutorService executor = Executors.newFixedThreadPool(threads, namedDaemons());
    LocalApiServer local = new LocalApiServer(http, executor, handler, errors);
    http.createContext("/", local::serve);
    http.setExecutor(executor);
    http.start();
    return local;
  }

  /** The address the server listens on, with the actual port. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The base URL of the API, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** Stops accepting requests, lets running ones finish for a moment, and frees the port. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(STOP_GRACE_SECONDS);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(HttpExchange exchange) {
    try (exchange) {
      String requestId = UUID.randomUUID().toString();
      URI uri = exchange.getRequestURI();
      String rawPath = percentEncodeRawBytes(uri.getRawPath());
      String rawQuery = percentEncodeRawBytes(uri.getRawQuery());
      byte[] body = readBody(exchange);
      ApiGateway.Response response;
      if (body == null) {
        response = ApiGateway.payloadTooLarge(rawPath == null ? "/" : rawPath, requestId);
        // The rest of the body stays unread: close the connection instead of draining it.
        response.headers().put("Connection", List.of("close"));
      } else {
        ApiGateway.Request request =
            new ApiGateway.Request(
                exchange.getRequestMethod(),
                rawPath,
                rawQuery,
                exchange.getRequestHeaders(),
                body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getLocalAddress().getPort(),
                exchange.getProtocol(),
                requestId,
                Instant.now());
        response = invoke(ApiGateway.requestEvent(request, STAGE), requestId);
      }
      write(exchange, response);
    } catch (IOException e) {
      // The client went away mid-exchange; there is no one left to answer.
    }
  }

  private ApiGateway.Response invoke(APIGatewayProxyRequestEvent event, String requestId) {
    try {
      return ApiGateway.response(handler.handleRequest(event, null));
    } catch (MalformedProxyResponseException e) {
      errors.accept(
          "Malformed Lambda proxy response (request " + requestId + "): " + e.getMessage());
      return ApiGateway.badGateway(requestId);
    } catch (RuntimeException e) {
      errors.accept("The function failed (request " + requestId + "): " + e);
      return ApiGateway.badGateway(requestId);
    }
  }

  /**
   * The body, or {@code null} when it is over API Gateway's limit: a declared length is judged
   * before reading anything, a chunked body is read up to one byte past the limit.
   */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > ApiGateway.MAX_REQUEST_BYTES) {
          return null;
        }
      } catch (NumberFormatException e) {
        // The JDK server has already refused a malformed length; read with the cap below.
      }
    }
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(ApiGateway.MAX_REQUEST_BYTES + 1);
    return body.length > ApiGateway.MAX_REQUEST_BYTES ? null : body;
  }

  private static void write(HttpExchange exchange, ApiGateway.Response response)
      throws IOException {
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      exchange.getResponseHeaders().put(header.getKey(), new ArrayList<>(header.getValue()));
    }
    int status = response.status();
    byte[] body = response.body();
    boolean bodiless =
        exchange.getRequestMethod().equalsIgnoreCase("HEAD")
            || status == 204
            || status == 304
            || status < 200;
    if (bodiless || body.length == 0) {
      // -1: no body at all (0 would mean a chunked body to the JDK server).
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * Percent-encodes characters the JDK server read from raw, unencoded bytes (it reads the request
   * line as ISO-8859-1), so the handler sees the UTF-8 bytes the client sent, encoded as on the
   * wire of a well-behaved client.
   */
  static String percentEncodeRawBytes(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 0x80) {
        if (out == null) {
          out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
        }
        if (c <= 0xff) {
          out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
          out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        } else {
          out.append(c);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? raw : out.toString();
  }

  private static ThreadFactory namedDaemons() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "kv-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
