package dev.kv.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A client of one kv API (local or deployed): sends requests, signed when a signer is given. */
final class ApiClient {

  /** Signs a request: returns every header to send, the given ones included. */
  @FunctionalInterface
  interface Signer {
    Map<String, List<String>> sign(
        String method, URI uri, Map<String, List<String>> headers, byte[] body);
  }

  /**
   * An answer of the API.
   *
   * @param status the status code
   * @param headers the headers, by case-insensitive name
   * @param body the body bytes
   */
  record Reply(int status, Map<String, List<String>> headers, byte[] body) {

    /** The first value of header {@code name}, or {@code null}. */
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Headers the JDK's client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "date", "via");

  private final URI base;
  private final Signer signer;
  private final Duration timeout;
  private final HttpClient http;

  ApiClient(URI base, Signer signer, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.signer = signer;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The API's base URL. */
  URI base() {
    return base;
  }

  /** Whether requests are signed. */
  boolean signed() {
    return signer != null;
  }

  /**
   * Sends {@code method} to {@code pathAndQuery} (already encoded, starting with {@code /}).
   *
   * @throws ApiFailure when the API cannot be reached or does not answer in time
   */
  Reply send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    URI uri = URI.create(base + pathAndQuery);
    Map<String, List<String>> given = new LinkedHashMap<>();
    headers.forEach((name, value) -> given.put(name, List.of(value)));
    Map<String, List<String>> toSend =
        signer == null ? given : signer.sign(method, uri, given, body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    toSend.forEach(
        (name, values) -> {
          if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            values.forEach(value -> request.header(name, value));
          }
        });
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      answerHeaders.putAll(response.headers().map());
      byte[] bytes = response.body() == null ? new byte[0] : response.body();
      return new Reply(response.statusCode(), answerHeaders, bytes);
    } catch (HttpTimeoutException e) {
      throw new ApiFailure("no answer from " + base + " within " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      throw new ApiFailure("cannot connect to " + base + " (is the API running? see --url)");
    } catch (IOException e) {
      throw new ApiFailure("the request to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiFailure("interrupted");
    }
  }

  /** {@code key} as it goes in a path: UTF-8, percent-encoded except unreserved and {@code /}. */
  static String encodeKey(String key) {
    return encode(key, true);
  }

  /** {@code value} as it goes in a query parameter: UTF-8, everything but unreserved encoded. */
  static String encodeQuery(String value) {
    return encode(value, false);
  }

  private static String encode(String text, boolean keepSlash) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || (keepSlash && c == '/');
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** The API could not be reached, or failed: exit status 4. */
  static final class ApiFailure extends RuntimeException {
    ApiFailure(String message) {
      super(message);
    }
  }
}
