package dev.kv.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP response from the API: status, headers and body bytes.
 *
 * @param status the status code
 * @param headers header values by name, in the order set
 * @param body the body bytes, empty for none
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  /** A response with no headers yet and no body. */
  public static HttpResponse status(int status) {
    return new HttpResponse(status, new LinkedHashMap<>(), new byte[0]);
  }

  /** Sets a header and returns this response. */
  public HttpResponse with(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** This response with {@code body} and its content type. */
  public HttpResponse withBody(String contentType, byte[] bytes) {
    headers.put("Content-Type", contentType);
    return new HttpResponse(status, headers, bytes);
  }

  /** The same response without a body (for HEAD), headers kept. */
  public HttpResponse withoutBody() {
    return new HttpResponse(status, headers, new byte[0]);
  }
}
