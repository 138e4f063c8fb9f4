package dev.kv.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the Lambda Java runtime does around a handler. For a typed handler it builds a serializer
 * for the input and output types, reads the event JSON into the input object and writes the output
 * object back as JSON: for the floor a plain string, the cheapest typed input there is. A handler
 * with a {@code handleRequest(InputStream, OutputStream, Context)} overload gets the raw JSON
 * instead (the runtime prefers the longest signature) and no serializer is built: kv since it reads
 * the proxy event itself. Loaded only in runs that ask for it.
 */
final class RuntimeSerialization {

  /** A GET of the absent key as API Gateway (REST, proxy integration) sends it. */
  private static final String GET_ABSENT_EVENT =
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
      """;

  private RuntimeSerialization() {}

  /** Calls {@code handler} as the runtime calls the kv handler, and returns the status. */
  static String invokeKv(
      com.amazonaws.services.lambda.runtime.RequestHandler<Object, Object> handler)
      throws java.io.IOException {
    if (handler instanceof RequestStreamHandler streaming) {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      streaming.handleRequest(
          new ByteArrayInputStream(GET_ABSENT_EVENT.getBytes(StandardCharsets.UTF_8)), json, null);
      String response = json.toString(StandardCharsets.UTF_8);
      int at = response.indexOf("\"statusCode\":");
      return response.substring(at + 13, response.indexOf(',', at));
    }
    ClassLoader loader = RuntimeSerialization.class.getClassLoader();
    PojoSerializer<APIGatewayProxyRequestEvent> in =
        LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader);
    PojoSerializer<APIGatewayProxyResponseEvent> out =
        LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader);
    APIGatewayProxyRequestEvent event =
        in.fromJson(new ByteArrayInputStream(GET_ABSENT_EVENT.getBytes(StandardCharsets.UTF_8)));
    APIGatewayProxyResponseEvent response =
        (APIGatewayProxyResponseEvent) handler.handleRequest(event, null);
    out.toJson(response, new ByteArrayOutputStream());
    return String.valueOf(response.getStatusCode());
  }

  /** Calls {@code handler} as the runtime calls a handler of strings, and returns its answer. */
  static String invokeFloor(
      com.amazonaws.services.lambda.runtime.RequestHandler<Object, Object> handler, String key) {
    PojoSerializer<String> strings = JacksonFactory.getInstance().getSerializer(String.class);
    byte[] json = "\"".concat(key).concat("\"").getBytes(StandardCharsets.UTF_8);
    String input = strings.fromJson(new ByteArrayInputStream(json));
    String answer = (String) handler.handleRequest(input, null);
    strings.toJson(answer, new ByteArrayOutputStream());
    return answer;
  }
}
