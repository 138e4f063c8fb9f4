package dev.kv.lambda.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP response from the API: status, headers and body bytes. Immutable: every {@code with}
 * returns a new response and leaves this one as it was.
 *
 * @param status the status code
 * @param headers header values by name, in the order set (unmodifiable)
 * @param body the body bytes, empty for none
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  private static final byte[] NO_BODY = new byte[0];

  /** Keeps an unmodifiable copy of the headers. */
  public HttpResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? NO_BODY : body;
  }

  /** A response with no headers yet and no body. */
  public static HttpResponse status(int status) {
    return new HttpResponse(status, Map.of(), NO_BODY);
  }

  /** This response with the header {@code name} set to {@code value}. */
  public HttpResponse with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpResponse(status, more, body);
  }

  /** This response with {@code body} and its content type. */
  public HttpResponse withBody(String contentType, byte[] bytes) {
    return with("Content-Type", contentType).withBodyBytes(bytes);
  }

  /** The same response without a body (for HEAD), headers kept. */
  public HttpResponse withoutBody() {
    return new HttpResponse(status, headers, NO_BODY);
  }

  private HttpResponse withBodyBytes(byte[] bytes) {
    return new HttpResponse(status, headers, bytes);
  }
}
