package dev.kv.lambda.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

/**
 * Writes one structured JSON line per request. Never the key or the value: values may be secrets,
 * and keys may be personal data.
 */
public final class RequestLog {

  /**
   * What the log says of one request.
   *
   * @param requestId the request's id
   * @param method the method as sent (escaped when written)
   * @param route the matched route template, or {@code null} when none matched
   * @param status the response status
   * @param startNanos {@link System#nanoTime()} when the request arrived
   * @param keyLength length of the raw key in the path, 0 when there is none
   * @param error the unexpected failure behind a 5xx, or {@code null}
   */
  public record Outcome(
      String requestId,
      String method,
      String route,
      int status,
      long startNanos,
      int keyLength,
      Throwable error) {}

  private final Consumer<String> sink;

  /** A log that writes each line to {@code sink}. */
  public RequestLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Writes the line of one request to the sink. */
  public void write(Outcome outcome) {
    sink.accept(line(outcome));
  }

  /** The line of one request, not written (SnapStart priming runs this code without logging). */
  public String line(Outcome o) {
    return line(
        o.requestId(), o.method(), o.route(), o.status(), o.startNanos(), o.keyLength(), o.error());
  }

  private String line(
      String requestId,
      String method,
      String route,
      int status,
      long startNanos,
      int keyLength,
      Throwable error) {
    double latencyMs = Math.round((System.nanoTime() - startNanos) / 1_000.0) / 1_000.0;
    StringBuilder line = new StringBuilder(200).append('{');
    Json.name(line, "level");
    Json.string(line, error == null ? "INFO" : "ERROR").append(',');
    Json.name(line, "message");
    Json.string(line, "request").append(',');
    Json.name(line, "requestId");
    Json.string(line, requestId).append(',');
    Json.name(line, "method");
    Json.string(line, Problems.echo(method)).append(',');
    Json.name(line, "route");
    Json.string(line, route).append(',');
    Json.name(line, "status");
    line.append(status).append(',');
    Json.name(line, "latencyMs");
    line.append(latencyMs).append(',');
    Json.name(line, "keyLength");
    line.append(keyLength);
    if (error != null) {
      line.append(',');
      Json.name(line, "error");
      Json.string(line, error.getClass().getName()).append(',');
      Json.name(line, "stackTrace");
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      Json.string(line, trace.toString());
    }
    return line.append('}').toString();
  }
}
