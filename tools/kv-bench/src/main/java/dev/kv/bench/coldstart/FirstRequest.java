package dev.kv.bench.coldstart;

import java.util.Set;

/**
 * The first request a fresh kv function gets, one per kind of route, as the API Gateway REST proxy
 * event's JSON that the Lambda runtime hands the handler's stream entry point. Each is sent to a
 * JVM of its own, so every one is the first request of its JVM. None depends on the table's
 * contents beyond what the benchmarks themselves write: the read, the delete and the listing find
 * nothing, the write writes one key that nothing reads.
 */
public enum FirstRequest {
  /** A read of the absent key: one GetItem, 404. */
  GET("GET /key/kv-bench/absent", Set.of("404"), entry("GET", "kv-bench/absent", null)),
  /**
   * A write without precondition of a 16-byte text value: one UpdateItem, 201 the first time the
   * table sees the key, 204 after.
   */
  PUT(
      "PUT /key/kv-bench/written",
      Set.of("201", "204"),
      entry("PUT", "kv-bench/written", "a3YtYmVuY2ggdmFsdWUgMQ==")),
  /** A delete of the absent key: one DeleteItem, 404. */
  DELETE("DELETE /key/kv-bench/absent", Set.of("404"), entry("DELETE", "kv-bench/absent", null)),
  /** A listing of a prefix no key has: one Query per shard of the listing index, 200. */
  LIST(
      "GET /key?prefix=kv-bench/absent/",
      Set.of("200"),
      event(
          "GET",
          "/key",
          "q4n8vz",
          "/key",
          "{\"prefix\":\"kv-bench/absent/\"}",
          "{\"prefix\":[\"kv-bench/absent/\"]}",
          "null",
          null));

  private static final String HOST = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com";

  /** An event of route {@code /key/{key+}} for {@code key}, with a base64 text body or none. */
  private static String entry(String method, String key, String base64Body) {
    return event(
        method,
        "/key/{key+}",
        "x7k2mp",
        "/key/" + key,
        "null",
        "null",
        "{\"key\":\"" + key + "\"}",
        base64Body);
  }

  /** A REST API proxy event as API Gateway sends it to a function of stage v1. */
  private static String event(
      String method,
      String resource,
      String resourceId,
      String path,
      String query,
      String multiValueQuery,
      String pathParameters,
      String base64Body) {
    String type = base64Body == null ? "" : "\"Content-Type\":\"text/plain; charset=utf-8\",";
    String types = base64Body == null ? "" : "\"Content-Type\":[\"text/plain; charset=utf-8\"],";
    return """
        {"resource":"%1$s","path":"%2$s","httpMethod":"%3$s",
         "headers":{"Accept":"*/*",%4$s"Host":"%5$s","User-Agent":"curl/8.5.0",
          "X-Forwarded-Proto":"https"},
         "multiValueHeaders":{"Accept":["*/*"],%6$s"Host":["%5$s"],"User-Agent":["curl/8.5.0"],
          "X-Forwarded-Proto":["https"]},
         "queryStringParameters":%7$s,"multiValueQueryStringParameters":%8$s,
         "pathParameters":%9$s,"stageVariables":null,
         "requestContext":{"resourceId":"%10$s","resourcePath":"%1$s","httpMethod":"%3$s",
          "requestTime":"27/Nov/2026:10:00:00 +0000","path":"/v1%2$s",
          "accountId":"123456789012","protocol":"HTTP/1.1","stage":"v1",
          "requestTimeEpoch":1795773600000,"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
          "identity":{"sourceIp":"203.0.113.10","userAgent":"curl/8.5.0"},
          "domainName":"%5$s","apiId":"a1b2c3d4e5"},
         "body":%11$s,"isBase64Encoded":%12$s}
        """
        .formatted(
            resource,
            path,
            method,
            type,
            HOST,
            types,
            query,
            multiValueQuery,
            pathParameters,
            resourceId,
            base64Body == null ? "null" : "\"" + base64Body + "\"",
            base64Body != null);
  }

  private final String description;
  private final Set<String> expectedStatuses;
  private final String json;

  FirstRequest(String description, Set<String> expectedStatuses, String json) {
    this.description = description;
    this.expectedStatuses = expectedStatuses;
    this.json = json;
  }

  /** Method and path, for the report. */
  public String description() {
    return description;
  }

  /** The statuses kv answers it with. */
  public Set<String> expectedStatuses() {
    return expectedStatuses;
  }

  /** The event as API Gateway's JSON. */
  public String json() {
    return json;
  }

  /** The name on the child's command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
