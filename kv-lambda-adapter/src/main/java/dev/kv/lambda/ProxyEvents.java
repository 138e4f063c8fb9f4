package dev.kv.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Translates API Gateway REST proxy events to and from the API's own request and response. */
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
    event.setHeaders(response.headers());
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

  /** A GET of a key that never exists, used to load the request path before a snapshot. */
  static final String PRIMING_EVENT_JSON =
      "{\"resource\":\"/key/{key+}\",\"path\":\"/key/kv-priming/absent\",\"httpMethod\":\"GET\","
          + "\"headers\":{\"Accept\":\"*/*\"},\"multiValueHeaders\":{\"Accept\":[\"*/*\"]},"
          + "\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null,"
          + "\"pathParameters\":{\"key\":\"kv-priming/absent\"},\"requestContext\":"
          + "{\"requestId\":\"priming\",\"stage\":\"v1\",\"path\":\"/v1/key/kv-priming/absent\"},"
          + "\"body\":null,\"isBase64Encoded\":false}";

  /**
   * The event an API Gateway proxy integration's JSON describes, read as the Lambda runtime's
   * serializer reads it: names match exactly, unknown members are ignored, scalars are taken as
   * text where the event has text ({@code 5} is {@code "5"}), a single value where a list is
   * expected is a list of one, and {@code "true"}/{@code "false"} are booleans.
   *
   * @throws IllegalArgumentException when the JSON is malformed or a member has the wrong shape
   */
  static APIGatewayProxyRequestEvent fromJson(String json) {
    if (!(JsonReader.read(json) instanceof Map<?, ?> root)) {
      throw new IllegalArgumentException("The event is not a JSON object");
    }
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setResource(text(root.get("resource")));
    event.setPath(text(root.get("path")));
    event.setHttpMethod(text(root.get("httpMethod")));
    event.setHeaders(textMap(root.get("headers")));
    event.setMultiValueHeaders(listMap(root.get("multiValueHeaders")));
    event.setQueryStringParameters(textMap(root.get("queryStringParameters")));
    event.setMultiValueQueryStringParameters(listMap(root.get("multiValueQueryStringParameters")));
    event.setPathParameters(textMap(root.get("pathParameters")));
    event.setStageVariables(textMap(root.get("stageVariables")));
    event.setBody(text(root.get("body")));
    event.setIsBase64Encoded(bool(root.get("isBase64Encoded")));
    Object context = root.get("requestContext");
    if (context instanceof Map<?, ?> c) {
      event.setRequestContext(
          new APIGatewayProxyRequestEvent.ProxyRequestContext()
              .withRequestId(text(c.get("requestId")))
              .withStage(text(c.get("stage")))
              .withPath(text(c.get("path")))
              .withResourcePath(text(c.get("resourcePath")))
              .withHttpMethod(text(c.get("httpMethod")))
              .withApiId(text(c.get("apiId"))));
    } else if (context != null) {
      throw new IllegalArgumentException("requestContext is not an object");
    }
    return event;
  }

  /** The JSON API Gateway reads a proxy response from; absent fields are left out. */
  static String toJson(APIGatewayProxyResponseEvent response) {
    String body = response.getBody();
    StringBuilder json = new StringBuilder(128 + (body == null ? 0 : body.length()));
    json.append('{');
    Json.name(json, "statusCode").append(response.getStatusCode());
    if (response.getHeaders() != null) {
      json.append(',');
      Json.name(json, "headers").append('{');
      boolean first = true;
      for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
        if (!first) {
          json.append(',');
        }
        first = false;
        Json.name(json, header.getKey());
        Json.string(json, header.getValue());
      }
      json.append('}');
    }
    if (body != null) {
      json.append(',');
      Json.name(json, "body");
      Json.string(json, body);
    }
    if (response.getIsBase64Encoded() != null) {
      json.append(',');
      Json.name(json, "isBase64Encoded").append(response.getIsBase64Encoded().booleanValue());
    }
    return json.append('}').toString();
  }

  private static String text(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof JsonReader.JsonNumber number) {
      return number.literal();
    }
    if (value instanceof Boolean flag) {
      return flag.toString();
    }
    throw new IllegalArgumentException("Expected text, found a JSON object or array");
  }

  private static Boolean bool(Object value) {
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof String text) {
      switch (text) {
        case "true", "True", "TRUE":
          return Boolean.TRUE;
        case "false", "False", "FALSE":
          return Boolean.FALSE;
        case "":
          return null;
        default:
          break;
      }
    }
    if (value instanceof JsonReader.JsonNumber number && number.literal().matches("-?[0-9]+")) {
      return !number.literal().matches("-?0+");
    }
    throw new IllegalArgumentException("Expected a boolean");
  }

  private static Map<String, String> textMap(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException("Expected a JSON object");
    }
    Map<String, String> map = new HashMap<>();
    object.forEach((name, member) -> map.put((String) name, text(member)));
    return map;
  }

  private static Map<String, List<String>> listMap(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException("Expected a JSON object");
    }
    Map<String, List<String>> map = new HashMap<>();
    object.forEach(
        (name, member) -> {
          List<String> values = null;
          if (member instanceof List<?> array) {
            values = new ArrayList<>(array.size());
            for (Object element : array) {
              values.add(text(element));
            }
          } else if (member != null) {
            values = new ArrayList<>(List.of(text(member)));
          }
          map.put((String) name, values);
        });
    return map;
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
    if (!routes(path) && notBlank(stage)) {
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

  private static boolean routes(String path) {
    return path.equals("/") || path.equals("/key") || path.startsWith("/key/");
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
