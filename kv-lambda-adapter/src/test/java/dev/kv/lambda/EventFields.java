package dev.kv.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.List;
import java.util.Map;

/**
 * The fields of a proxy event that kv reads, as one comparable value.
 *
 * @param method httpMethod
 * @param path path
 * @param headers headers
 * @param multiValueHeaders multiValueHeaders
 * @param query queryStringParameters
 * @param multiValueQuery multiValueQueryStringParameters
 * @param body body
 * @param base64 isBase64Encoded
 * @param requestId requestContext.requestId, or null without a context
 * @param stage requestContext.stage
 * @param contextPath requestContext.path
 */
record EventFields(
    String method,
    String path,
    Map<String, String> headers,
    Map<String, List<String>> multiValueHeaders,
    Map<String, String> query,
    Map<String, List<String>> multiValueQuery,
    String body,
    Boolean base64,
    String requestId,
    String stage,
    String contextPath) {

  static EventFields of(APIGatewayProxyRequestEvent event) {
    APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
    return new EventFields(
        event.getHttpMethod(),
        event.getPath(),
        event.getHeaders(),
        event.getMultiValueHeaders(),
        event.getQueryStringParameters(),
        event.getMultiValueQueryStringParameters(),
        event.getBody(),
        event.getIsBase64Encoded(),
        context == null ? null : context.getRequestId(),
        context == null ? null : context.getStage(),
        context == null ? null : context.getPath());
  }
}
