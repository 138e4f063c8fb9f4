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
  GET(
      "GET /key/kv-bench/absent",
      Set.of("404"),
      """
      {"resource":"/key/{key+}","path":"/key/kv-bench/absent","httpMethod":"GET",
       "headers":{"Accept":"*/*","Host":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
        "User-Agent":"curl/8.5.0","X-Forwarded-Proto":"https"},
       "multiValueHeaders":{"Accept":["*/*"],
        "Host":["a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"],"User-Agent":["curl/8.5.0"],
        "X-Forwarded-Proto":["https"]},
       "queryStringParameters":null,"multiValueQueryStringParameters":null,
       "pathParameters":{"key":"kv-bench/absent"},"stageVariables":null,
       "requestContext":{"resourceId":"x7k2mp","resourcePath":"/key/{key+}","httpMethod":"GET",
        "requestTime":"27/Nov/2026:10:00:00 +0000","path":"/v1/key/kv-bench/absent",
        "accountId":"123456789012","protocol":"HTTP/1.1","stage":"v1",
        "requestTimeEpoch":1795773600000,"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        "identity":{"sourceIp":"203.0.113.10","userAgent":"curl/8.5.0"},
        "domainName":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com","apiId":"a1b2c3d4e5"},
       "body":null,"isBase64Encoded":false}
      """),
  /**
   * A write without precondition of a 16-byte text value: one UpdateItem, 201 the first time the
   * table sees the key, 204 after.
   */
  PUT(
      "PUT /key/kv-bench/written",
      Set.of("201", "204"),
      """
      {"resource":"/key/{key+}","path":"/key/kv-bench/written","httpMethod":"PUT",
       "headers":{"Accept":"*/*","Content-Type":"text/plain; charset=utf-8",
        "Host":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com","User-Agent":"curl/8.5.0",
        "X-Forwarded-Proto":"https"},
       "multiValueHeaders":{"Accept":["*/*"],"Content-Type":["text/plain; charset=utf-8"],
        "Host":["a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"],"User-Agent":["curl/8.5.0"],
        "X-Forwarded-Proto":["https"]},
       "queryStringParameters":null,"multiValueQueryStringParameters":null,
       "pathParameters":{"key":"kv-bench/written"},"stageVariables":null,
       "requestContext":{"resourceId":"x7k2mp","resourcePath":"/key/{key+}","httpMethod":"PUT",
        "requestTime":"27/Nov/2026:10:00:00 +0000","path":"/v1/key/kv-bench/written",
        "accountId":"123456789012","protocol":"HTTP/1.1","stage":"v1",
        "requestTimeEpoch":1795773600000,"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        "identity":{"sourceIp":"203.0.113.10","userAgent":"curl/8.5.0"},
        "domainName":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com","apiId":"a1b2c3d4e5"},
       "body":"a3YtYmVuY2ggdmFsdWUgMQ==","isBase64Encoded":true}
      """),
  /** A delete of the absent key: one DeleteItem, 404. */
  DELETE(
      "DELETE /key/kv-bench/absent",
      Set.of("404"),
      """
      {"resource":"/key/{key+}","path":"/key/kv-bench/absent","httpMethod":"DELETE",
       "headers":{"Accept":"*/*","Host":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
        "User-Agent":"curl/8.5.0","X-Forwarded-Proto":"https"},
       "multiValueHeaders":{"Accept":["*/*"],
        "Host":["a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"],"User-Agent":["curl/8.5.0"],
        "X-Forwarded-Proto":["https"]},
       "queryStringParameters":null,"multiValueQueryStringParameters":null,
       "pathParameters":{"key":"kv-bench/absent"},"stageVariables":null,
       "requestContext":{"resourceId":"x7k2mp","resourcePath":"/key/{key+}","httpMethod":"DELETE",
        "requestTime":"27/Nov/2026:10:00:00 +0000","path":"/v1/key/kv-bench/absent",
        "accountId":"123456789012","protocol":"HTTP/1.1","stage":"v1",
        "requestTimeEpoch":1795773600000,"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        "identity":{"sourceIp":"203.0.113.10","userAgent":"curl/8.5.0"},
        "domainName":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com","apiId":"a1b2c3d4e5"},
       "body":null,"isBase64Encoded":false}
      """),
  /** A listing of a prefix no key has: one Query per shard of the listing index, 200. */
  LIST(
      "GET /key?prefix=kv-bench/absent/",
      Set.of("200"),
      """
      {"resource":"/key","path":"/key","httpMethod":"GET",
       "headers":{"Accept":"*/*","Host":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
        "User-Agent":"curl/8.5.0","X-Forwarded-Proto":"https"},
       "multiValueHeaders":{"Accept":["*/*"],
        "Host":["a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"],"User-Agent":["curl/8.5.0"],
        "X-Forwarded-Proto":["https"]},
       "queryStringParameters":{"prefix":"kv-bench/absent/"},
       "multiValueQueryStringParameters":{"prefix":["kv-bench/absent/"]},
       "pathParameters":null,"stageVariables":null,
       "requestContext":{"resourceId":"q4n8vz","resourcePath":"/key","httpMethod":"GET",
        "requestTime":"27/Nov/2026:10:00:00 +0000","path":"/v1/key",
        "accountId":"123456789012","protocol":"HTTP/1.1","stage":"v1",
        "requestTimeEpoch":1795773600000,"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        "identity":{"sourceIp":"203.0.113.10","userAgent":"curl/8.5.0"},
        "domainName":"a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com","apiId":"a1b2c3d4e5"},
       "body":null,"isBase64Encoded":false}
      """);

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
