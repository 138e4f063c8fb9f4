package dev.kv.cli;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Proxy events as JSON, in the shape API Gateway and the Lambda runtime use. */
final class EventJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Real events carry fields newer than the event classes (and ones kv never reads).
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  /** Indented, with {@code "name": value} as people write JSON. */
  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private EventJson() {}

  /**
   * The REST proxy event in {@code json}.
   *
   * @throws IllegalArgumentException naming the line and column when it is not JSON, or not an
   *     object of the event's shape
   */
  static APIGatewayProxyRequestEvent readRequest(String json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("it is not valid JSON: " + describe(e), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new IllegalArgumentException("it is empty");
    }
    if (!tree.isObject()) {
      throw new IllegalArgumentException(
          "it is JSON but not an object, so not an API Gateway REST proxy event");
    }
    try {
      return MAPPER.treeToValue(tree, APIGatewayProxyRequestEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "it does not have the shape of an API Gateway REST proxy event: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * The response event in the JSON the handler's stream entry point wrote.
   *
   * @throws IllegalStateException when it is not a response event (a bug in the handler)
   */
  static APIGatewayProxyResponseEvent readResponse(String json) {
    try {
      return MAPPER.readValue(json, APIGatewayProxyResponseEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the handler wrote a response that is not an event", e);
    }
  }

  /** The response event as indented JSON, without null fields. */
  static String writeResponse(APIGatewayProxyResponseEvent response) {
    try {
      return WRITER.writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response as JSON", e);
    }
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    if (e.getLocation() != null) {
      return message
          + " (line "
          + e.getLocation().getLineNr()
          + ", column "
          + e.getLocation().getColumnNr()
          + ")";
    }
    return message;
  }
}
