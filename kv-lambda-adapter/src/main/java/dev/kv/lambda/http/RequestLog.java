package dev.kv.lambda.http;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes one structured JSON line per request. Never the key, the value or a cursor: values may be
 * secrets, and keys may be personal data or secrets themselves ({@code session/<token>}).
 *
 * <p>A failure behind a 5xx is written as its class and, except for a 503 (the store is
 * unavailable: expected, and retried by clients), its stack trace: class names and frames of the
 * exception and its causes, <em>never their messages</em>. A message may quote a key or a value
 * (kv's own messages do not, but the SDK's or the JDK's may), so none reaches the log.
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
    Throwable error = o.error();
    int status = o.status();
    double latencyMs = Math.round((System.nanoTime() - o.startNanos()) / 1_000.0) / 1_000.0;
    StringBuilder line = new StringBuilder(200).append('{');
    Json.name(line, "level");
    Json.string(line, error == null ? "INFO" : "ERROR").append(',');
    Json.name(line, "message");
    Json.string(line, "request").append(',');
    Json.name(line, "requestId");
    Json.string(line, o.requestId()).append(',');
    Json.name(line, "method");
    Json.string(line, Problems.echo(o.method())).append(',');
    Json.name(line, "route");
    Json.string(line, o.route()).append(',');
    Json.name(line, "status");
    line.append(status).append(',');
    Json.name(line, "latencyMs");
    line.append(latencyMs).append(',');
    Json.name(line, "keyLength");
    line.append(o.keyLength());
    if (error != null) {
      line.append(',');
      Json.name(line, "error");
      Json.string(line, error.getClass().getName());
      if (status != 503) {
        line.append(',');
        Json.name(line, "stackTrace");
        Json.string(line, traceWithoutMessages(error));
      }
    }
    return line.append('}').toString();
  }

  /**
   * Like {@link Throwable#printStackTrace()}, but each exception is named by its class only: no
   * message, no {@code toString()} (which exception classes may override to include data).
   */
  static String traceWithoutMessages(Throwable error) {
    StringBuilder trace = new StringBuilder(1024);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    String prefix = "";
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      trace.append(prefix).append(t.getClass().getName()).append('\n');
      for (StackTraceElement frame : t.getStackTrace()) {
        trace.append("\tat ").append(frame).append('\n');
      }
      for (Throwable suppressed : t.getSuppressed()) {
        trace.append("\tSuppressed: ").append(suppressed.getClass().getName()).append('\n');
      }
      prefix = "Caused by: ";
    }
    return trace.toString();
  }
}
