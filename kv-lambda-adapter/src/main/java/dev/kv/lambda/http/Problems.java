package dev.kv.lambda.http;

import dev.kv.core.InvalidKeyException;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.StoreUnavailableException;
import dev.kv.core.ValueTooLargeException;
import java.nio.charset.StandardCharsets;

/**
 * The one place where failures become HTTP problem responses (RFC 9457), and where the statuses of
 * kv's errors are decided.
 */
public final class Problems {

  /** The media type of every problem response. */
  public static final String CONTENT_TYPE = "application/problem+json";

  /** Seconds a client should wait before retrying when the store is unavailable. */
  static final String RETRY_AFTER_SECONDS = "1";

  private static final int MAX_ECHO = 80;

  private Problems() {}

  /** The problem response for an exception raised while serving {@code request}. */
  public static HttpResponse from(RuntimeException error, HttpRequest request) {
    if (error instanceof InvalidKeyException) {
      return problem(400, "invalid-key", error.getMessage(), request);
    }
    if (error instanceof InvalidRequestException) {
      return problem(400, "invalid-request", error.getMessage(), request);
    }
    if (error instanceof ValueTooLargeException) {
      return problem(413, "value-too-large", error.getMessage(), request);
    }
    if (error instanceof PreconditionFailedException failed) {
      HttpResponse response =
          problem(412, "precondition-failed", "The precondition of the request failed", request);
      return failed.currentVersion().isPresent()
          ? response.with("ETag", EntityTags.of(failed.currentVersion().getAsLong()))
          : response;
    }
    if (error instanceof StoreUnavailableException) {
      return problem(
              503,
              "store-unavailable",
              "The store is unavailable or overloaded; retry after a short wait",
              request)
          .with("Retry-After", RETRY_AFTER_SECONDS);
    }
    return problem(
        500,
        "internal-error",
        "The server failed to answer; the error is logged under the request id",
        request);
  }

  /** A problem response with the given status, code and detail. */
  public static HttpResponse problem(int status, String code, String detail, HttpRequest request) {
    StringBuilder json = new StringBuilder(256).append('{');
    Json.name(json, "type");
    Json.string(json, "urn:kv:problem:" + code).append(',');
    Json.name(json, "title");
    Json.string(json, title(status)).append(',');
    Json.name(json, "status");
    json.append(status).append(',');
    Json.name(json, "detail");
    Json.string(json, detail).append(',');
    Json.name(json, "instance");
    Json.string(json, echo(request.path(), 200)).append(',');
    Json.name(json, "code");
    Json.string(json, code).append(',');
    Json.name(json, "requestId");
    Json.string(json, request.requestId()).append('}');
    return HttpResponse.status(status)
        .withBody(CONTENT_TYPE, json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** User input made safe to echo in a detail: control characters escaped, length bounded. */
  static String echo(String input) {
    return echo(input, MAX_ECHO);
  }

  private static String echo(String input, int max) {
    StringBuilder out = new StringBuilder(Math.min(input.length(), max) + 8);
    int i = 0;
    for (; i < input.length() && out.length() < max; i++) {
      char c = input.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    // Whether input was left out, not whether the output is shorter: escapes make it longer.
    if (i < input.length()) {
      if (Character.isHighSurrogate(input.charAt(i - 1))) {
        out.setLength(out.length() - 1); // never half a character
      }
      out.append('…');
    }
    return out.toString();
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }
}
