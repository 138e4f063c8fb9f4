package dev.kv.lambda.http;

import dev.kv.core.Entry;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.Limits;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP rules of kv: routes, methods, status codes, headers and bodies, over a {@link
 * KeyValueService}. Knows nothing of API Gateway or of any store.
 */
public final class HttpApi {

  private static final String JSON = "application/json";

  private final KeyValueService kv;
  private final byte[] info;

  /** The API over {@code kv}; {@code version} is reported by {@code GET /}. */
  public HttpApi(KeyValueService kv, String version) {
    this.kv = Objects.requireNonNull(kv, "kv");
    StringBuilder json = new StringBuilder("{");
    Json.name(json, "name");
    Json.string(json, "kv").append(',');
    Json.name(json, "version");
    Json.string(json, version).append(',');
    Json.name(json, "store");
    Json.string(json, kv.storeName()).append('}');
    this.info = json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What one request led to: the response, and what the request log needs.
   *
   * @param response the response to send
   * @param route the matched route template, or {@code null} when none matched
   * @param keyLength length of the raw key in the path, 0 when there is none
   * @param error the unexpected failure behind a 500, or {@code null}
   */
  public record Exchange(HttpResponse response, String route, int keyLength, Throwable error) {}

  /** Serves one request; never throws for anything a client can send. */
  public Exchange handle(HttpRequest request) {
    String path = request.path();
    Route route = Route.of(path).orElse(null);
    if (route == null) {
      return new Exchange(
          Problems.problem(404, "not-found", "No route for this path", request), null, 0, null);
    }
    int keyLength = route == Route.ENTRY ? Route.encodedKey(path).length() : 0;
    try {
      HttpResponse response = serve(route, request);
      return new Exchange(response, route.template(), keyLength, null);
    } catch (RuntimeException e) {
      HttpResponse problem = Problems.from(e, request);
      return new Exchange(problem, route.template(), keyLength, problem.status() >= 500 ? e : null);
    }
  }

  private HttpResponse serve(Route route, HttpRequest request) {
    String method = request.method();
    boolean head = method.equals("HEAD");
    HttpResponse response =
        switch (route) {
          case INFO ->
              read(method)
                  ? HttpResponse.status(200).withBody(JSON, info)
                  : notAllowed(route, request);
          case LIST -> read(method) ? list(request) : notAllowed(route, request);
          case ENTRY ->
              switch (method) {
                case "GET", "HEAD" -> get(request);
                case "PUT" -> put(request);
                case "DELETE" -> delete(request);
                default -> notAllowed(route, request);
              };
        };
    return head ? response.withoutBody() : response;
  }

  private static boolean read(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private HttpResponse get(HttpRequest request) {
    Key key = key(request);
    String ifMatch = request.headerList("If-Match");
    String ifNoneMatch = request.headerList("If-None-Match");
    Precondition precondition = ifMatch == null ? Precondition.NONE : EntityTags.ifMatch(ifMatch);
    Optional<Entry> found = kv.get(key);
    if (found.isEmpty()) {
      if (!precondition.isMetBy(null)) {
        throw new PreconditionFailedException("No entry", null);
      }
      return notFound(key, request);
    }
    Entry entry = found.get();
    if (!precondition.isMetBy(entry)) {
      throw new PreconditionFailedException("Version differs", entry.version());
    }
    if (ifNoneMatch != null && EntityTags.noneMatchHits(ifNoneMatch, entry.version())) {
      return entryHeaders(HttpResponse.status(304), entry);
    }
    return entryHeaders(HttpResponse.status(200), entry)
        .withBody(entry.contentType(), entry.value());
  }

  private HttpResponse put(HttpRequest request) {
    Key key = key(request);
    Precondition precondition =
        EntityTags.writePrecondition(
            request.headerList("If-Match"), request.headerList("If-None-Match"));
    Duration ttl = ttl(request);
    WriteResult result =
        kv.put(key, request.body(), request.header("Content-Type"), precondition, ttl);
    return HttpResponse.status(result.created() ? 201 : 204)
        .with("ETag", EntityTags.of(result.version()));
  }

  private HttpResponse delete(HttpRequest request) {
    Key key = key(request);
    Precondition precondition =
        EntityTags.writePrecondition(
            request.headerList("If-Match"), request.headerList("If-None-Match"));
    return kv.delete(key, precondition) ? HttpResponse.status(204) : notFound(key, request);
  }

  private HttpResponse list(HttpRequest request) {
    String prefix = single(request, "prefix");
    String limitText = single(request, "limit");
    String cursor = single(request, "cursor");
    String delimiter = single(request, "delimiter");
    int limit = Limits.DEFAULT_LIST_LIMIT;
    if (limitText != null) {
      if (!limitText.matches("[0-9]{1,4}")) {
        throw new InvalidRequestException(
            "limit must be a whole number from "
                + Limits.MIN_LIST_LIMIT
                + " to "
                + Limits.MAX_LIST_LIMIT);
      }
      limit = Integer.parseInt(limitText);
    }
    Page page = kv.list(prefix, delimiter, limit, cursor);
    StringBuilder json = new StringBuilder(64 + page.size() * 24).append('{');
    Json.name(json, "keys");
    stringArray(json, page.keys()).append(',');
    if (delimiter != null) {
      Json.name(json, "prefixes");
      stringArray(json, page.prefixes()).append(',');
    }
    Json.name(json, "cursor");
    Json.string(json, page.cursor()).append('}');
    return HttpResponse.status(200)
        .withBody(JSON, json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static StringBuilder stringArray(StringBuilder json, List<String> values) {
    json.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      Json.string(json, values.get(i));
    }
    return json.append(']');
  }

  private static Key key(HttpRequest request) {
    return KeyPath.decode(Route.encodedKey(request.path()));
  }

  private static Duration ttl(HttpRequest request) {
    String text = single(request, "ttl");
    if (text == null) {
      return null;
    }
    if (!text.matches("[0-9]{1,10}")) {
      throw new InvalidRequestException(
          "ttl must be a whole number of seconds from "
              + Limits.MIN_TTL_SECONDS
              + " to "
              + Limits.MAX_TTL_SECONDS);
    }
    return KeyValueService.checkTtl(Long.parseLong(text));
  }

  private static String single(HttpRequest request, String name) {
    List<String> values = request.queryValues(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1 && !values.stream().allMatch(values.get(0)::equals)) {
      throw new InvalidRequestException("Query parameter " + name + " is given more than once");
    }
    return values.get(0);
  }

  private static HttpResponse entryHeaders(HttpResponse response, Entry entry) {
    HttpResponse withTags = response.with("ETag", EntityTags.of(entry.version()));
    if (entry.lastModified().isPresent()) {
      withTags = withTags.with("Last-Modified", HttpDates.format(entry.lastModified().get()));
    }
    if (entry.expiry().isPresent()) {
      withTags =
          withTags.with(
              "Kv-Expires-At", entry.expiry().get().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return withTags;
  }

  private static HttpResponse notFound(Key key, HttpRequest request) {
    return Problems.problem(
        404, "not-found", "No entry for key '" + Problems.echo(key.value()) + "'", request);
  }

  private static HttpResponse notAllowed(Route route, HttpRequest request) {
    return Problems.problem(
            405,
            "method-not-allowed",
            "Method " + Problems.echo(request.method()) + " is not served here",
            request)
        .with("Allow", route.allow());
  }
}
