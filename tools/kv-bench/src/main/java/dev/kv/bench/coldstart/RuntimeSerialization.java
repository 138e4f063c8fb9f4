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

  private RuntimeSerialization() {}

  /** Calls {@code handler} as the runtime calls the kv handler, and returns the status. */
  static String invokeKv(
      com.amazonaws.services.lambda.runtime.RequestHandler<Object, Object> handler)
      throws java.io.IOException {
    if (handler instanceof RequestStreamHandler) {
      return ProxyEventFixture.streamStatus(handler, FirstRequest.GET.json());
    }
    ClassLoader loader = RuntimeSerialization.class.getClassLoader();
    PojoSerializer<APIGatewayProxyRequestEvent> in =
        LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader);
    PojoSerializer<APIGatewayProxyResponseEvent> out =
        LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader);
    APIGatewayProxyRequestEvent event =
        in.fromJson(
            new ByteArrayInputStream(FirstRequest.GET.json().getBytes(StandardCharsets.UTF_8)));
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
