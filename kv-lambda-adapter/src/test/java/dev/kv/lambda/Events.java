package dev.kv.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Real API Gateway REST proxy events from test resources, with small changes for a test. */
final class Events {

  private Events() {}

  /** The event in {@code src/test/resources/events/NAME}. */
  static APIGatewayProxyRequestEvent load(String name) {
    return EventLoader.loadApiGatewayRestEvent("events/" + name);
  }

  /** The GET fixture re-aimed at {@code method} and the encoded {@code path}. */
  static APIGatewayProxyRequestEvent request(String method, String path) {
    APIGatewayProxyRequestEvent event = load("get-entry.json");
    event.setHttpMethod(method);
    event.setPath(path);
    return event;
  }

  /** Sets a header in both header maps, as API Gateway does. */
  static APIGatewayProxyRequestEvent header(
      APIGatewayProxyRequestEvent event, String name, String value) {
    Map<String, String> single =
        event.getHeaders() == null ? new HashMap<>() : new HashMap<>(event.getHeaders());
    single.put(name, value);
    event.setHeaders(single);
    Map<String, List<String>> multi =
        event.getMultiValueHeaders() == null
            ? new HashMap<>()
            : new HashMap<>(event.getMultiValueHeaders());
    multi.put(name, new ArrayList<>(List.of(value)));
    event.setMultiValueHeaders(multi);
    return event;
  }

  /** Sets a query parameter in both query maps. */
  static APIGatewayProxyRequestEvent query(
      APIGatewayProxyRequestEvent event, String name, String value) {
    Map<String, String> single =
        event.getQueryStringParameters() == null
            ? new HashMap<>()
            : new HashMap<>(event.getQueryStringParameters());
    single.put(name, value);
    event.setQueryStringParameters(single);
    Map<String, List<String>> multi =
        event.getMultiValueQueryStringParameters() == null
            ? new HashMap<>()
            : new HashMap<>(event.getMultiValueQueryStringParameters());
    multi.put(name, List.of(value));
    event.setMultiValueQueryStringParameters(multi);
    return event;
  }

  /** Sets a text body. */
  static APIGatewayProxyRequestEvent body(APIGatewayProxyRequestEvent event, String text) {
    event.setBody(text);
    event.setIsBase64Encoded(false);
    return event;
  }
}
