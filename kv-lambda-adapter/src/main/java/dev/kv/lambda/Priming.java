package dev.kv.lambda;

import dev.kv.lambda.http.Json;
import dev.kv.lambda.http.Route;
import java.util.List;

/**
 * The proxy events SnapStart priming sends through the whole request path before the snapshot: one
 * per route and method kind, none of which can change an entry. A read of an absent key, a PUT and
 * a DELETE whose precondition ({@code If-Match: "0"} on an absent key) cannot hold, a listing and
 * the service info.
 */
final class Priming {

  /** The key priming reads and fails to write; no client is expected to use it. */
  static final String KEY = "kv-priming/absent";

  /** The priming events, as API Gateway's JSON. */
  static final List<String> EVENTS =
      List.of(
          event("GET", Route.ENTRY, "/key/" + KEY, null, null),
          event("PUT", Route.ENTRY, "/key/" + KEY, "\"0\"", "cHJpbWluZw=="),
          event("DELETE", Route.ENTRY, "/key/" + KEY, "\"0\"", null),
          event("GET", Route.LIST, "/key", null, null),
          event("GET", Route.INFO, "/", null, null));

  private Priming() {}

  private static String event(
      String method, Route route, String path, String ifMatch, String base64Body) {
    boolean listing = route == Route.LIST;
    StringBuilder json = new StringBuilder(512).append('{');
    Json.name(json, "resource");
    Json.string(json, route.template()).append(',');
    Json.name(json, "path");
    Json.string(json, path).append(',');
    Json.name(json, "httpMethod");
    Json.string(json, method).append(',');
    Json.name(json, "headers").append("{\"Accept\":\"*/*\"");
    if (ifMatch != null) {
      json.append(",\"If-Match\":");
      Json.string(json, ifMatch);
    }
    if (base64Body != null) {
      json.append(",\"Content-Type\":\"text/plain; charset=utf-8\"");
    }
    json.append("},");
    Json.name(json, "multiValueHeaders").append("{\"Accept\":[\"*/*\"]");
    if (ifMatch != null) {
      json.append(",\"If-Match\":[");
      Json.string(json, ifMatch).append(']');
    }
    if (base64Body != null) {
      json.append(",\"Content-Type\":[\"text/plain; charset=utf-8\"]");
    }
    json.append("},");
    Json.name(json, "queryStringParameters")
        .append(listing ? "{\"prefix\":\"kv-priming/\",\"limit\":\"1\"}" : "null")
        .append(',');
    Json.name(json, "multiValueQueryStringParameters")
        .append(listing ? "{\"prefix\":[\"kv-priming/\"],\"limit\":[\"1\"]}" : "null")
        .append(',');
    Json.name(json, "pathParameters");
    if (route == Route.ENTRY) {
      json.append("{\"key\":");
      Json.string(json, KEY).append("},");
    } else {
      json.append("null,");
    }
    Json.name(json, "requestContext").append('{');
    Json.name(json, "requestId");
    Json.string(json, "priming").append(',');
    Json.name(json, "stage");
    Json.string(json, "v1").append(',');
    Json.name(json, "path");
    Json.string(json, "/v1" + path).append("},");
    Json.name(json, "body");
    Json.string(json, base64Body).append(',');
    Json.name(json, "isBase64Encoded").append(base64Body != null);
    return json.append('}').toString();
  }
}
