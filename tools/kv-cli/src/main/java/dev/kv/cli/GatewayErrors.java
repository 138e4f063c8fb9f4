package dev.kv.cli;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What the local server answers to a request Jetty refuses before kv's handler runs (a malformed
 * request line or header, a bad {@code Content-Length}, headers over the limit, an unsupported
 * {@code Transfer-Encoding}): the API's problem+json with a request id, never Jetty's error page,
 * never an exception's name or message.
 */
final class GatewayErrors extends ErrorHandler {

  private final int maxHeaderBytes;

  GatewayErrors(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = statusOf(request.getAttribute(ERROR_STATUS), response.getStatus());
    Object message = request.getAttribute(ERROR_MESSAGE);
    String path = request.getHttpURI() == null ? "/" : request.getHttpURI().getPath();
    ApiGateway.Response problem =
        answer(
            status, message == null ? "" : message.toString(), path, UUID.randomUUID().toString());
    response.setStatus(problem.status());
    response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
    for (Map.Entry<String, List<String>> header : problem.headers().entrySet()) {
      for (String value : header.getValue()) {
        response.getHeaders().put(header.getKey(), value);
      }
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) problem.body().length);
    response.write(true, ByteBuffer.wrap(problem.body()), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    ApiGateway.Response problem =
        answer(status, reason == null ? "" : reason, "/", UUID.randomUUID().toString());
    for (Map.Entry<String, List<String>> header : problem.headers().entrySet()) {
      for (String value : header.getValue()) {
        fields.put(header.getKey(), value);
      }
    }
    return ByteBuffer.wrap(problem.body());
  }

  /** The problem for a request refused with {@code status} before the handler ran. */
  ApiGateway.Response answer(int status, String reason, String path, String requestId) {
    // Jetty names a request it could not parse "/badMessage": not a path the client sent.
    String safePath = path == null || path.isEmpty() || path.equals("/badMessage") ? "/" : path;
    return switch (status) {
      case 413 -> ApiGateway.payloadTooLarge(safePath, requestId);
      case 414, 431 ->
          ApiGateway.gatewayProblem(
              status,
              "invalid-request",
              "The request line and headers are larger than the server's limit of "
                  + maxHeaderBytes
                  + " bytes (kv serve --max-header-bytes)",
              safePath,
              requestId);
      case 408 ->
          ApiGateway.gatewayProblem(
              408, "invalid-request", "The request did not arrive in time", safePath, requestId);
      case 501 ->
          // An unknown Transfer-Encoding is the client's mistake: a 4xx, never a 5xx.
          ApiGateway.gatewayProblem(
              400, "invalid-request", describe(400, "transfer-encoding"), safePath, requestId);
      case 503 -> {
        // Jetty's answer to a request that arrives on an open connection while the server stops.
        ApiGateway.Response stopping =
            ApiGateway.gatewayProblem(
                503,
                "server-stopping",
                "The local server is stopping; the request was not run",
                safePath,
                requestId);
        stopping.headers().put("Retry-After", List.of("1"));
        yield stopping;
      }
      case 505 ->
          ApiGateway.gatewayProblem(
              400,
              "invalid-request",
              "Only HTTP/1.0 and HTTP/1.1 requests are served",
              safePath,
              requestId);
      default ->
          status >= 400 && status < 500
              ? ApiGateway.gatewayProblem(
                  status, "invalid-request", describe(status, reason), safePath, requestId)
              : ApiGateway.badGateway(requestId);
    };
  }

  /**
   * A fixed sentence for the refusal; Jetty's reason only chooses which (it is never echoed, so no
   * exception text can reach the client).
   */
  static String describe(int status, String reason) {
    String why = reason.toLowerCase(Locale.ROOT);
    if (why.contains("transfer-encoding") || why.contains("transfer encoding")) {
      return "Unsupported or malformed Transfer-Encoding: only chunked is accepted, without"
          + " Content-Length";
    }
    if (why.contains("content-length") || why.contains("content length")) {
      return "The Content-Length header is not a single non-negative number";
    }
    if (why.contains("chunk")) {
      return "The chunked request body is malformed";
    }
    if (status == 400 && (why.contains("header") || why.contains("field"))) {
      return "A request header line is malformed";
    }
    if (status == 400) {
      return "The request is not well-formed HTTP/1.1";
    }
    return "The request was refused (" + status + ")";
  }

  private static int statusOf(Object attribute, int fallback) {
    if (attribute instanceof Integer status) {
      return status;
    }
    if (attribute != null) {
      try {
        return Integer.parseInt(attribute.toString().strip().toLowerCase(Locale.ROOT));
      } catch (NumberFormatException e) {
        return fallback >= 400 ? fallback : 400;
      }
    }
    return fallback >= 400 ? fallback : 400;
  }
}
