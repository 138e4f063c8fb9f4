package dev.kv.lambda.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request as the API sees it, whatever carried it (API Gateway event, local server).
 *
 * @param method the HTTP method, upper case
 * @param path the request path, still percent-encoded, without any stage prefix
 * @param query query parameters, each with all its values
 * @param headers header values by name, names case-insensitive
 * @param body the body bytes, empty when none
 * @param requestId the id of this request
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    String requestId) {

  /** Normalises nulls and makes the header map case-insensitive. */
  public HttpRequest {
    method = method == null ? "" : method;
    path = path == null ? "/" : path;
    query = query == null ? Map.of() : query;
    Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (name, values) -> {
            if (name != null && values != null) {
              caseless.merge(name, values, HttpRequest::concat);
            }
          });
    }
    headers = Collections.unmodifiableMap(caseless);
    body = body == null ? new byte[0] : body;
    Objects.requireNonNull(requestId, "requestId");
  }

  /** The first value of a header, or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** All values of a header joined as one comma-separated list, or {@code null}. */
  public String headerList(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  /** All values of a query parameter, never null. */
  public List<String> queryValues(String name) {
    List<String> values = query.get(name);
    return values == null ? List.of() : values;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    if (a.equals(b)) {
      return a;
    }
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
