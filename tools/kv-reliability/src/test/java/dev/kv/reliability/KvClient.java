package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

/**
 * A well-behaved HTTP client of the kv API (the JDK's), for one simulated user: every call ends
 * within {@link #TIMEOUT}, and a transport failure is an answer with status 0, not an exception.
 */
final class KvClient {

  /** No request may take longer; a test that sees this has found a hang. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;

  KvClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * One exchange's outcome.
   *
   * @param status the HTTP status, or 0 when the exchange failed in transport
   * @param response the response, when there was one
   * @param nanos how long the exchange took
   * @param failure the transport failure, or {@code null}
   */
  record Answer(
      int status, java.net.http.HttpResponse<byte[]> response, long nanos, Exception failure) {

    String header(String name) {
      return response == null ? null : response.headers().firstValue(name).orElse(null);
    }

    byte[] body() {
      return response == null ? new byte[0] : response.body();
    }

    String text() {
      return new String(body(), UTF_8);
    }

    /** The version in the ETag, e.g. 3 for {@code "3"}. */
    Optional<Long> version() {
      String tag = header("ETag");
      if (tag == null || tag.length() < 3) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
    }

    Duration latency() {
      return Duration.ofNanos(nanos);
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The path of an entry: {@code /key/} and the key, each segment percent-encoded. */
  static String entry(String key) {
    StringBuilder path = new StringBuilder("/key");
    for (String segment : key.split("/", -1)) {
      path.append('/').append(URLEncoder.encode(segment, UTF_8).replace("+", "%20"));
    }
    return path.toString();
  }

  Answer get(String key, String... headers) {
    return send("GET", entry(key), null, headers);
  }

  Answer put(String key, byte[] value, String... headers) {
    return send("PUT", entry(key), value, headers);
  }

  Answer delete(String key, String... headers) {
    return send("DELETE", entry(key), null, headers);
  }

  /** Sends {@code method} to {@code pathAndQuery} with header name/value pairs. */
  Answer send(String method, String pathAndQuery, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(TIMEOUT)
            .method(
                method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    long start = System.nanoTime();
    try {
      java.net.http.HttpResponse<byte[]> response =
          http.send(request.build(), BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response, System.nanoTime() - start, null);
    } catch (IOException e) {
      return new Answer(0, null, System.nanoTime() - start, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null, System.nanoTime() - start, e);
    }
  }
}
