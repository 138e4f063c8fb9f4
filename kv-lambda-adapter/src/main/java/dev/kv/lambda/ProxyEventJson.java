package dev.kv.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.lambda.http.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proxy events as JSON, read and written the way the Lambda runtime's serializer does, without a
 * JSON library on the request path.
 */
final class ProxyEventJson {

  private ProxyEventJson() {}

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
}
