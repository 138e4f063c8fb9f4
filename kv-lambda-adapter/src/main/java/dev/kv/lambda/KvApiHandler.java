package dev.kv.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.KeyValueService;
import dev.kv.lambda.bootstrap.FunctionConfiguration;
import dev.kv.lambda.http.HttpApi;
import dev.kv.lambda.http.HttpRequest;
import dev.kv.lambda.http.HttpResponse;
import dev.kv.lambda.http.Problems;
import dev.kv.lambda.http.RequestLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda entry point: an API Gateway REST proxy event in, a proxy response out, through the
 * HTTP rules of {@link HttpApi}. Everything is built once, when the function starts.
 */
public final class KvApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        RequestStreamHandler,
        Resource {

  private final HttpApi api;
  private final RequestLog log;
  private volatile boolean priming;

  /**
   * For the Lambda runtime: builds the store from the environment (see {@link
   * FunctionConfiguration}) and registers for SnapStart priming.
   */
  public KvApiHandler() {
    this(FunctionConfiguration.service(System.getenv()), System.out::println);
    Core.getGlobalContext().register(this);
  }

  /** A handler over a ready service, logging to standard output (tests, the local server). */
  public KvApiHandler(KeyValueService service) {
    this(service, System.out::println);
  }

  /** A handler over a ready service that writes its request log lines to {@code logSink}. */
  public KvApiHandler(KeyValueService service, Consumer<String> logSink) {
    this.api = new HttpApi(Objects.requireNonNull(service, "service"), Version.PROJECT);
    this.log = new RequestLog(Objects.requireNonNull(logSink, "logSink"));
  }

  /** The project version this handler reports on {@code GET /}. */
  public static String version() {
    return Version.PROJECT;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    long start = System.nanoTime();
    String requestId = ProxyEvents.requestId(event, context);
    String method = "";
    String route = null;
    int keyLength = 0;
    HttpResponse response;
    Throwable error = null;
    HttpRequest request = null;
    try {
      request = ProxyEvents.toRequest(event, requestId);
      method = request.method();
      HttpApi.Exchange exchange = api.handle(request);
      response = exchange.response();
      route = exchange.route();
      keyLength = exchange.keyLength();
      error = exchange.error();
    } catch (RuntimeException e) {
      HttpRequest failed =
          request != null ? request : ProxyEvents.fallbackRequest(event, requestId);
      response = Problems.from(e, failed);
      error = response.status() >= 500 ? e : null;
    }
    response = response.with("X-Request-Id", requestId);
    RequestLog.Outcome outcome =
        new RequestLog.Outcome(
            requestId, method, route, response.status(), start, keyLength, error);
    if (priming) {
      // Runs the log line's code for the snapshot, but a priming request is not a request.
      log.line(outcome);
    } else {
      log.write(outcome);
    }
    return ProxyEvents.toResponse(response);
  }

  /**
   * What the Lambda runtime calls: the proxy event's JSON in, the proxy response's JSON out, read
   * and written here (see {@link ProxyEventJson#fromJson}) with the same answers as the typed
   * method. The runtime prefers this overload of {@code handleRequest}, and so never builds its
   * Jackson-based serializer for the event types: over 100 ms of a cold start
   * (docs/performance.md). JSON that is not an event object is answered like an event without a
   * method, with a 400.
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    APIGatewayProxyRequestEvent event;
    try {
      event = ProxyEventJson.fromJson(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      event = new APIGatewayProxyRequestEvent();
    }
    output.write(
        ProxyEventJson.toJson(handleRequest(event, context)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * SnapStart: runs every route through the whole request path, from the event's JSON to the
   * response's, before the snapshot (see {@link Priming}): the store's client has then made each
   * kind of request once, and nothing was written.
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    priming = true;
    try {
      for (String event : Priming.EVENTS) {
        handleRequest(
            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(),
            null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams: cannot happen
    } finally {
      priming = false;
    }
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing captured at init is unique per instance, so there is nothing to refresh.
  }
}
