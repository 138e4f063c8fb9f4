package dev.kv.lambda;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

/**
 * Writes one structured JSON line per request. Never the key or the value: values may be secrets,
 * and keys may be personal data.
 */
final class RequestLog {

  private final Consumer<String> sink;

  RequestLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Writes the line of one request to the sink. */
  void write(
      String requestId,
      String method,
      String route,
      int status,
      long startNanos,
      int keyLength,
      Throwable error) {
    sink.accept(line(requestId, method, route, status, startNanos, keyLength, error));
  }

  /** The line of one request, not written (SnapStart priming runs this code without logging). */
  String line(
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
