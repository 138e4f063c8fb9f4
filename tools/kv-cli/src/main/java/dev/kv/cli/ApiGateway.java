package dev.kv.cli;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.lambda.http.HttpRequest;
import dev.kv.lambda.http.HttpResponse;
import dev.kv.lambda.http.Problems;
import dev.kv.lambda.http.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What API Gateway (REST API, Lambda proxy integration, binary media type {@code *}/{@code *}) does
 * around the function: turns an HTTP request into a proxy event, and a proxy response event into an
 * HTTP response. Pure translation: every rule of the kv API stays in the handler; the routes come
 * from the API's route table and the one problem kv's gateway answers itself from its problem
 * writer.
 */
final class ApiGateway {

  /** API Gateway's payload limit: larger request bodies never reach the function. */
  static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

  /** Resource of the greedy entry route, as the deployed API declares it. */
  static final String ENTRY_RESOURCE = Route.ENTRY.template();

  /** Resource of the catch-all route that sends every other path to the function. */
  static final String PROXY_RESOURCE = "/{proxy+}";

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** Headers the gateway computes for the HTTP response itself, whatever the function says. */
  private static final Set<String> GATEWAY_OWNED_HEADERS =
      Set.of("content-length", "transfer-encoding", "connection", "date", "keep-alive");

  private ApiGateway() {}

  /**
   * One HTTP request as it reached the gateway.
   *
   * @param method the method as sent
   * @param rawPath the path, still percent-encoded
   * @param rawQuery the query string, still encoded, or {@code null}
   * @param headers header values by name, one value per header line
   * @param body the body bytes, empty for none
   * @param sourceIp the client's address
   * @param serverPort the port the request came in on
   * @param protocol the protocol, e.g. {@code HTTP/1.1}
   * @param requestId the id the gateway gives this request
   * @param time when the request arrived
   */
  record Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      String sourceIp,
      int serverPort,
      String protocol,
      String requestId,
      Instant time) {}

  /**
   * One HTTP response as the gateway sends it.
   *
   * @param status the status code
   * @param headers header values by name
   * @param body the decoded body bytes, empty for none
   */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {}

  /** The REST proxy event API Gateway hands the function for {@code request}. */
  static APIGatewayProxyRequestEvent requestEvent(Request request, String stage) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    String path =
        request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
    String resource = resource(path);
    event.setResource(resource);
    event.setPath(path);
    event.setHttpMethod(request.method());
    event.setPathParameters(pathParameters(resource, path));

    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    request.headers().forEach((name, values) -> multiHeaders.put(name, List.copyOf(values)));
    // Like API Gateway: the client's address is appended to any X-Forwarded-For it sent.
    String forwardedName = name(multiHeaders, "X-Forwarded-For");
    List<String> forwarded = multiHeaders.getOrDefault(forwardedName, List.of());
    multiHeaders.put(
        forwardedName,
        List.of(
            forwarded.isEmpty()
                ? request.sourceIp()
                : String.join(", ", forwarded) + ", " + request.sourceIp()));
    multiHeaders.putIfAbsent("X-Forwarded-Port", List.of(Integer.toString(request.serverPort())));
    multiHeaders.putIfAbsent("X-Forwarded-Proto", List.of("http"));
    event.setMultiValueHeaders(multiHeaders);
    event.setHeaders(lastValues(multiHeaders));

    Map<String, List<String>> query = query(request.rawQuery());
    event.setMultiValueQueryStringParameters(query.isEmpty() ? null : query);
    event.setQueryStringParameters(query.isEmpty() ? null : lastValues(query));

    // Binary media type */* makes API Gateway base64-encode every request body.
    if (request.body().length == 0) {
      event.setBody(null);
      event.setIsBase64Encoded(false);
    } else {
      event.setBody(Base64.getEncoder().encodeToString(request.body()));
      event.setIsBase64Encoded(true);
    }

    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp(request.sourceIp());
    identity.setUserAgent(first(request.headers(), "User-Agent"));
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(request.requestId());
    context.setExtendedRequestId(request.requestId());
    context.setStage(stage);
    context.setResourcePath(resource);
    context.setPath(path);
    context.setHttpMethod(request.method());
    context.setProtocol(request.protocol());
    context.setRequestTime(REQUEST_TIME.format(request.time()));
    context.setRequestTimeEpoch(request.time().toEpochMilli());
    context.setDomainName(first(request.headers(), "Host"));
    context.setApiId("local");
    context.setIdentity(identity);
    event.setRequestContext(context);
    return event;
  }

  /**
   * The HTTP response API Gateway sends for the function's response event.
   *
   * @throws MalformedProxyResponseException when the event has no status or an undecodable body
   */
  static Response response(APIGatewayProxyResponseEvent event) {
    if (event == null || event.getStatusCode() == null) {
      throw new MalformedProxyResponseException("the response has no statusCode");
    }
    int status = event.getStatusCode();
    if (status < 100 || status > 599) {
      throw new MalformedProxyResponseException("statusCode " + status + " is not an HTTP status");
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // Values in multiValueHeaders win over the same name in headers, as API Gateway merges them.
    if (event.getMultiValueHeaders() != null) {
      event
          .getMultiValueHeaders()
          .forEach(
              (name, values) -> {
                if (name != null && values != null && !owned(name)) {
                  headers.put(name, List.copyOf(values.stream().filter(v -> v != null).toList()));
                }
              });
    }
    if (event.getHeaders() != null) {
      event
          .getHeaders()
          .forEach(
              (name, value) -> {
                if (name != null && value != null && !owned(name)) {
                  headers.putIfAbsent(name, List.of(value));
                }
              });
    }
    String body = event.getBody();
    byte[] bytes;
    if (body == null) {
      bytes = new byte[0];
    } else if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      try {
        bytes = Base64.getDecoder().decode(body.replace("\r", "").replace("\n", ""));
      } catch (IllegalArgumentException e) {
        throw new MalformedProxyResponseException("the body is marked base64 but is not base64");
      }
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    return new Response(status, headers, bytes);
  }

  /** API Gateway's answer when the function fails or answers with a malformed response. */
  static Response badGateway(String requestId) {
    return json(502, "{\"message\": \"Internal server error\"}", requestId);
  }

  /**
   * The answer to a body over {@link #MAX_REQUEST_BYTES}: the function never sees such a request,
   * so the gateway answers, in the API's problem format.
   */
  static Response payloadTooLarge(String rawPath, String requestId) {
    return gatewayProblem(
        413,
        "value-too-large",
        "The request body is larger than API Gateway's limit of " + MAX_REQUEST_BYTES + " bytes",
        rawPath,
        requestId);
  }

  /** The answer when every worker is busy and the queue of waiting requests is full. */
  static Response busy(String rawPath, String requestId) {
    Response problem =
        gatewayProblem(
            503,
            "server-busy",
            "The local server has too many requests waiting; try again",
            rawPath,
            requestId);
    problem.headers().put("Retry-After", List.of("1"));
    return problem;
  }

  /** The answer when a request body does not arrive within the read timeout. */
  static Response requestTimeout(String rawPath, String requestId, java.time.Duration limit) {
    return gatewayProblem(
        408,
        "invalid-request",
        "The request body did not arrive within " + limit.toSeconds() + " seconds",
        rawPath,
        requestId);
  }

  /** The answer when a request body cannot be read (e.g. a malformed chunk). */
  static Response badBody(String rawPath, String requestId, String detail) {
    return gatewayProblem(400, "invalid-request", detail, rawPath, requestId);
  }

  /**
   * A problem the gateway answers itself, for requests the function never sees, in the API's
   * problem format.
   */
  static Response gatewayProblem(
      int status, String code, String detail, String rawPath, String requestId) {
    HttpResponse problem =
        Problems.problem(
            status,
            code,
            detail,
            new HttpRequest("", rawPath == null ? "/" : rawPath, null, null, null, requestId));
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    problem.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    headers.put("X-Request-Id", List.of(requestId));
    return new Response(problem.status(), headers, problem.body());
  }

  private static Response json(int status, String body, String requestId) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Request-Id", List.of(requestId));
    return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The resource (route template) of the deployed API that {@code path} falls under. */
  static String resource(String path) {
    return Route.of(path).map(Route::template).orElse(PROXY_RESOURCE);
  }

  private static Map<String, String> pathParameters(String resource, String path) {
    if (resource.equals(ENTRY_RESOURCE)) {
      return Map.of("key", Route.encodedKey(path));
    }
    return resource.equals(PROXY_RESOURCE) ? Map.of("proxy", path.substring(1)) : null;
  }

  /**
   * Query parameters as API Gateway decodes them: percent-escapes decoded as UTF-8 and {@code +} as
   * a space; a name without {@code =} has the empty value; malformed escapes are kept as sent.
   */
  static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!name.isEmpty()) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** The single-value form of a multi-value map: the last value of each name. */
  private static Map<String, String> lastValues(Map<String, List<String>> multi) {
    Map<String, String> single = new LinkedHashMap<>();
    multi.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            single.put(name, values.get(values.size() - 1));
          }
        });
    return single;
  }

  /** The name under which {@code headers} holds {@code name}, whatever its case, else name. */
  private static String name(Map<String, List<String>> headers, String name) {
    for (String present : headers.keySet()) {
      if (present.equalsIgnoreCase(name)) {
        return present;
      }
    }
    return name;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return null;
  }

  private static boolean owned(String name) {
    return GATEWAY_OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }
}
