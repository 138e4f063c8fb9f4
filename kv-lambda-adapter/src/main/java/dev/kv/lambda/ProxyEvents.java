package dev.kv.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.MediaTypes;
import dev.kv.lambda.http.HttpRequest;
import dev.kv.lambda.http.HttpResponse;
import dev.kv.lambda.http.Route;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Maps API Gateway REST proxy events to the API's own request and its response back to a proxy
 * response event: headers, query, stage prefix, request id, and which bodies travel as base64.
 */
final class ProxyEvents {

  private ProxyEvents() {}

  /** API Gateway's request id, else Lambda's, else a new one. */
  static String requestId(APIGatewayProxyRequestEvent event, Context context) {
    if (event != null
        && event.getRequestContext() != null
        && notBlank(event.getRequestContext().getRequestId())) {
      return event.getRequestContext().getRequestId();
    }
    if (context != null && notBlank(context.getAwsRequestId())) {
      return context.getAwsRequestId();
    }
    return UUID.randomUUID().toString();
  }

  /**
   * The request an event describes.
   *
   * @throws InvalidRequestException when the event has no method or a body that is not base64
   */
  static HttpRequest toRequest(APIGatewayProxyRequestEvent event, String requestId) {
    if (event == null) {
      throw new InvalidRequestException("The event is empty");
    }
    String method = event.getHttpMethod();
    if (method == null || method.isBlank()) {
      throw new InvalidRequestException("The request has no method");
    }
    // Header names are case-insensitive; query parameter names are not.
    Map<String, List<String>> headers =
        merge(
            event.getHeaders(),
            event.getMultiValueHeaders(),
            name -> name.toLowerCase(Locale.ROOT));
    Map<String, List<String>> query =
        merge(
            event.getQueryStringParameters(),
            event.getMultiValueQueryStringParameters(),
            UnaryOperator.identity());
    return new HttpRequest(
        method.strip().toUpperCase(Locale.ROOT),
        path(event),
        query,
        headers,
        body(event),
        requestId);
  }

  /** A request that carries only what an error response needs, for events that cannot be read. */
  static HttpRequest fallbackRequest(APIGatewayProxyRequestEvent event, String requestId) {
    String path = "/";
    try {
      path = event == null ? "/" : path(event);
    } catch (RuntimeException ignored) {
      // keep "/"
    }
    return new HttpRequest("", path, null, null, null, requestId);
  }

  /** The response event for {@code response}: text bodies as text, all others base64. */
  static APIGatewayProxyResponseEvent toResponse(HttpResponse response) {
    APIGatewayProxyResponseEvent event = new APIGatewayProxyResponseEvent();
    event.setStatusCode(response.status());
    event.setHeaders(new LinkedHashMap<>(response.headers()));
    byte[] body = response.body();
    if (body.length == 0) {
      event.setBody("");
      event.setIsBase64Encoded(false);
    } else if (MediaTypes.isText(response.headers().get("Content-Type"), body)) {
      event.setBody(new String(body, StandardCharsets.UTF_8));
      event.setIsBase64Encoded(false);
    } else {
      event.setBody(Base64.getEncoder().encodeToString(body));
      event.setIsBase64Encoded(true);
    }
    return event;
  }

  /**
   * The path to route on, still percent-encoded: the event's {@code path}, else the request
   * context's; a leading stage name (as in the context's path, or behind a custom domain base path)
   * is removed when the path does not route otherwise.
   */
  static String path(APIGatewayProxyRequestEvent event) {
    String path = event.getPath();
    APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
    if (path == null && context != null) {
      path = context.getPath();
    }
    if (path == null || path.isEmpty()) {
      return "/";
    }
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    String stage = context == null ? null : context.getStage();
    if (Route.of(path).isEmpty() && notBlank(stage)) {
      String prefix = "/" + stage;
      if (path.equals(prefix)) {
        return "/";
      }
      if (path.startsWith(prefix + "/")) {
        return path.substring(prefix.length());
      }
    }
    return path;
  }

  private static byte[] body(APIGatewayProxyRequestEvent event) {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      return decodeBase64(body);
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The bytes of a base64 body: standard alphabet, padding optional, line breaks allowed.
   *
   * @throws InvalidRequestException for anything else
   */
  static byte[] decodeBase64(String body) {
    try {
      // What API Gateway sends: plain base64, no line breaks. The basic decoder takes it several
      // times faster than the MIME one, and accepts nothing the strict path below would reject.
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException notPlain) {
      // Line breaks, or stray padding the MIME decoder tolerates: the strict path decides.
    }
    try {
      return Base64.getMimeDecoder().decode(strictBase64(body));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("The body is marked base64 but is not base64");
    }
  }

  /** Rejects characters the lenient MIME decoder would skip, other than line breaks. */
  private static String strictBase64(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '='
              || c == '\r'
              || c == '\n';
      if (!ok) {
        throw new IllegalArgumentException("not base64");
      }
    }
    return body;
  }

  /**
   * One map of all values from API Gateway's single-value and multi-value maps; the multi-value
   * form carries every value, so it wins. Null names and values are dropped.
   */
  private static Map<String, List<String>> merge(
      Map<String, String> single,
      Map<String, List<String>> multi,
      UnaryOperator<String> normalizeName) {
    Map<String, List<String>> merged = new HashMap<>();
    if (single != null) {
      single.forEach(
          (name, value) -> {
            if (name != null && value != null) {
              merged.put(normalizeName.apply(name), List.of(value));
            }
          });
    }
    if (multi != null) {
      multi.forEach(
          (name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
              merged.put(normalizeName.apply(name), List.copyOf(nonNull(values)));
            }
          });
    }
    return merged;
  }

  private static List<String> nonNull(List<String> values) {
    return values.stream().filter(v -> v != null).toList();
  }

  private static boolean notBlank(String text) {
    return text != null && !text.isBlank();
  }
}
