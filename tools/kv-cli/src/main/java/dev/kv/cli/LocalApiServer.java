package dev.kv.cli;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.kv.lambda.KvApiHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local stand-in for API Gateway: an HTTP server (Jetty 12, core handler API) that turns each
 * request into a REST proxy event, runs it through the same {@link KvApiHandler} the deployed
 * function runs, and writes the handler's response back.
 *
 * <p>Jetty reads requests without blocking (a slow client holds no thread); the handler, which may
 * block on DynamoDB, runs on a fixed pool of {@link Settings#threads()} workers behind a bounded
 * queue. Every answer, including those to requests Jetty itself refuses, is the API's problem+json
 * ({@link GatewayErrors}).
 */
public final class LocalApiServer implements AutoCloseable {

  /** The stage name the local server puts in every event's request context. */
  public static final String STAGE = "local";

  /**
   * How the server behaves under load and misuse.
   *
   * @param threads requests run through the handler at once
   * @param queue requests waiting for a worker; more are answered {@code 503}
   * @param idleTimeout a connection with no bytes for this long is closed
   * @param readTimeout the longest a request body may take to arrive
   * @param maxHeaderBytes the largest request line plus headers
   * @param stopTimeout how long running requests get to finish on stop
   */
  public record Settings(
      int threads,
      int queue,
      Duration idleTimeout,
      Duration readTimeout,
      int maxHeaderBytes,
      Duration stopTimeout) {

    /** Requests served at once by default. */
    public static final int DEFAULT_THREADS = 16;

    /** Waiting requests by default. */
    public static final int DEFAULT_QUEUE = 1024;

    /** Idle connections closed after this many seconds by default. */
    public static final int DEFAULT_IDLE_SECONDS = 30;

    /** Request bodies must arrive within this many seconds by default. */
    public static final int DEFAULT_READ_SECONDS = 30;

    /**
     * The request line and headers may take this many bytes by default: API Gateway's limit for a
     * REST API (10,240 bytes).
     */
    public static final int DEFAULT_MAX_HEADER_BYTES = 10_240;

    /** Running requests get this many seconds to finish on stop by default. */
    public static final int DEFAULT_STOP_SECONDS = 10;

    /** Checks the ranges. */
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
      if (queue < 1) {
        throw new IllegalArgumentException("queue must be at least 1");
      }
      if (maxHeaderBytes < 1024) {
        throw new IllegalArgumentException("maxHeaderBytes must be at least 1024");
      }
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      Objects.requireNonNull(readTimeout, "readTimeout");
      Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /** The defaults, with {@code threads} workers. */
    public static Settings defaults(int threads) {
      return new Settings(
          threads,
          DEFAULT_QUEUE,
          Duration.ofSeconds(DEFAULT_IDLE_SECONDS),
          Duration.ofSeconds(DEFAULT_READ_SECONDS),
          DEFAULT_MAX_HEADER_BYTES,
          Duration.ofSeconds(DEFAULT_STOP_SECONDS));
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final ThreadPoolExecutor workers;
  private final KvApiHandler handler;
  private final Consumer<String> errors;
  private final Settings settings;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalApiServer(
      InetSocketAddress address, KvApiHandler handler, Settings settings, Consumer<String> errors) {
    this.handler = handler;
    this.errors = errors;
    this.settings = settings;
    this.workers =
        new ThreadPoolExecutor(
            settings.threads(),
            settings.threads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(settings.queue()),
            namedDaemons("kv-http-"));

    QueuedThreadPool io = new QueuedThreadPool(32, 4);
    io.setName("kv-io");
    io.setDaemon(true);
    // Buffers are not pooled. With Jetty's (12.1.14) pooled buffers, requests refused before any
    // handler runs (a broken request line, a target over the limit) sent over and over on some
    // connections made well-behaved clients on other keep-alive connections get a 400 or the
    // answer to their previous request, within seconds; without the pool, none did
    // (ServerRobustnessIT). Heap buffers keep a fresh buffer per read and write cheap; see
    // docs/local-server.md for the throughput this costs.
    this.server = new Server(io, null, new ByteBufferPool.NonPooling());

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setUseInputDirectByteBuffers(false);
    http.setUseOutputDirectByteBuffers(false);
    http.setRequestHeaderSize(settings.maxHeaderBytes());
    http.setIdleTimeout(settings.idleTimeout().toMillis());
    // The handler decides what a path means (kv's key rules), so Jetty lets through every
    // target it can parse: ambiguous or suspicious segments, %00, bad or truncated escapes.
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setHttpCompliance(HttpCompliance.RFC9110);
    this.connector = new ServerConnector(server, 1, 1, new RawTargetConnectionFactory(http));
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    connector.setAcceptQueueSize(1024);
    connector.setReuseAddress(false);
    server.addConnector(connector);
    // Counts requests in flight so that stop() waits for them (up to the stop timeout).
    server.setHandler(new GracefulHandler(new Gateway()));
    server.setErrorHandler(new GatewayErrors(settings.maxHeaderBytes()));
    server.setStopTimeout(settings.stopTimeout().toMillis());
    server.setStopAtShutdown(false);
  }

  /**
   * Starts serving on {@code address} (port 0 picks a free port) with the default settings.
   *
   * @param threads how many requests are served at once
   * @param errors where failures of the handler itself are reported (never client errors)
   * @throws java.net.BindException when the address is in use or cannot be bound
   */
  public static LocalApiServer start(
      InetSocketAddress address, KvApiHandler handler, int threads, Consumer<String> errors)
      throws IOException {
    return start(address, handler, Settings.defaults(threads), errors);
  }

  /**
   * Starts serving on {@code address} (port 0 picks a free port).
   *
   * @param errors where failures of the handler itself are reported (never client errors)
   * @throws java.net.BindException when the address is in use or cannot be bound
   */
  public static LocalApiServer start(
      InetSocketAddress address, KvApiHandler handler, Settings settings, Consumer<String> errors)
      throws IOException {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(settings, "settings");
    LocalApiServer local = new LocalApiServer(address, handler, settings, errors);
    try {
      local.server.start();
    } catch (IOException e) {
      local.abandon();
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        BindException bind = new BindException(rootMessage(e));
        bind.initCause(e);
        throw bind;
      }
      throw e;
    } catch (Exception e) {
      local.abandon();
      throw new IOException(rootMessage(e), e);
    }
    return local;
  }

  /** The address the server listens on, with the actual port. */
  public InetSocketAddress address() {
    String host = connector.getHost();
    return new InetSocketAddress(host == null ? "0.0.0.0" : host, connector.getLocalPort());
  }

  /** The base URL of the API, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    InetSocketAddress address = address();
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** The settings it runs with. */
  public Settings settings() {
    return settings;
  }

  /**
   * Stops accepting connections at once, lets running and queued requests finish (up to the stop
   * timeout), then closes every connection and frees the port.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      // Graceful: the connector closes first (new connections are refused), then Jetty waits for
      // the requests in flight, up to the stop timeout.
      server.stop();
    } catch (Exception e) {
      errors.accept("kv: stopping the server: " + rootMessage(e));
    }
    workers.shutdown();
    try {
      workers.awaitTermination(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void abandon() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // it did not start
    }
    workers.shutdownNow();
  }

  /** Reads the request without blocking, then runs the function on a worker. */
  private final class Gateway extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String requestId = UUID.randomUUID().toString();
      Instant time = Instant.now();
      String unparsed = RawTargetConnectionFactory.rawTarget(request);
      String rawPath;
      String rawQuery;
      if (unparsed == null) {
        rawPath = encodeNonAscii(request.getHttpURI().getPath());
        rawQuery = encodeNonAscii(request.getHttpURI().getQuery());
      } else {
        int question = unparsed.indexOf('?');
        rawPath = encodeNonAscii(question < 0 ? unparsed : unparsed.substring(0, question));
        rawQuery = question < 0 ? null : encodeNonAscii(unparsed.substring(question + 1));
      }
      long declared = request.getLength();
      if (declared > ApiGateway.MAX_REQUEST_BYTES) {
        // Refused before any body byte is read; the rest stays unread, so the connection closes.
        write(request, response, callback, tooLarge(rawPath, requestId), true);
        return true;
      }
      CompletableFuture<byte[]> body =
          BodyReader.read(request, ApiGateway.MAX_REQUEST_BYTES)
              .orTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
      body.whenComplete(
          (bytes, failure) -> {
            if (failure != null) {
              refuseBody(request, response, callback, rawPath, requestId, failure);
              return;
            }
            if (bytes == BodyReader.TOO_LARGE) {
              write(request, response, callback, tooLarge(rawPath, requestId), true);
              return;
            }
            ApiGateway.Request gatewayRequest =
                new ApiGateway.Request(
                    request.getMethod(),
                    rawPath,
                    rawQuery,
                    headers(request),
                    bytes,
                    Request.getRemoteAddr(request),
                    Request.getLocalPort(request),
                    request.getConnectionMetaData().getProtocol(),
                    requestId,
                    time);
            try {
              workers.execute(
                  () ->
                      write(
                          request,
                          response,
                          callback,
                          invoke(ApiGateway.requestEvent(gatewayRequest, STAGE), requestId),
                          false));
            } catch (RejectedExecutionException e) {
              write(request, response, callback, ApiGateway.busy(rawPath, requestId), false);
            }
          });
      return true;
    }
  }

  private void refuseBody(
      Request request,
      Response response,
      Callback callback,
      String rawPath,
      String requestId,
      Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause != cause.getCause()) {
      if (cause instanceof TimeoutException) {
        break;
      }
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException) {
      write(
          request,
          response,
          callback,
          ApiGateway.requestTimeout(rawPath, requestId, settings.readTimeout()),
          true);
    } else {
      // The body could not be read (the client went away, or sent a malformed chunk).
      write(
          request,
          response,
          callback,
          ApiGateway.badBody(rawPath, requestId, "The request body could not be read"),
          true);
    }
  }

  private static ApiGateway.Response tooLarge(String rawPath, String requestId) {
    return ApiGateway.payloadTooLarge(rawPath == null ? "/" : rawPath, requestId);
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

  private static Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      String name = field.getName();
      List<String> values = null;
      for (Map.Entry<String, List<String>> present : headers.entrySet()) {
        if (present.getKey().equalsIgnoreCase(name)) {
          values = present.getValue();
          break;
        }
      }
      if (values == null) {
        values = new ArrayList<>(1);
        headers.put(name, values);
      }
      values.add(field.getValue() == null ? "" : field.getValue());
    }
    return headers;
  }

  private static void write(
      Request request,
      Response response,
      Callback callback,
      ApiGateway.Response answer,
      boolean closeConnection) {
    try {
      response.setStatus(answer.status());
      for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
        for (String value : header.getValue()) {
          response.getHeaders().add(header.getKey(), value);
        }
      }
      if (closeConnection) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      int status = answer.status();
      byte[] body = answer.body();
      boolean bodiless =
          request.getMethod().equalsIgnoreCase("HEAD")
              || status == 204
              || status == 304
              || status < 200;
      if (bodiless || body.length == 0) {
        if (!bodiless) {
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        }
        response.write(true, null, callback);
        return;
      }
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    } catch (RuntimeException e) {
      callback.failed(e);
    }
  }

  /**
   * Percent-encodes the non-ASCII characters Jetty decoded from raw request-line bytes, so the
   * handler sees the UTF-8 bytes the client sent, encoded as a well-behaved client sends them.
   */
  static String encodeNonAscii(String raw) {
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
        if (c == '\uFFFD') {
          // Jetty's stand-in for bytes that were not UTF-8: passed on as a byte that is not
          // UTF-8 either, so kv's key rules refuse it as they refuse the bytes sent.
          out.append("%FF");
          continue;
        }
        int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
        for (byte b : raw.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
          out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
        i = end - 1;
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? raw : out.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static ThreadFactory namedDaemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
