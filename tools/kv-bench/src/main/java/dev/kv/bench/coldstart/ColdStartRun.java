package dev.kv.bench.coldstart;

import dev.kv.bench.stats.Summary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One cold start in a fresh JVM.
 *
 * @param target what ran: {@code kv} or {@code floor}
 * @param status the status of the first response ({@code 404} for the absent key)
 * @param launchToResponseNanos from just before the process was launched to the moment the parent
 *     read the result line: JVM start-up, init and the first request
 * @param initNanos in the child, from {@code main} to the end of the handler's constructor
 * @param mainToResponseNanos in the child, from {@code main} to the first response
 * @param cpuNanos CPU time of the child process (all threads) up to the first response, in clock
 *     ticks of 10 ms; -1 when not measured
 */
public record ColdStartRun(
    String target,
    String status,
    long launchToResponseNanos,
    long initNanos,
    long mainToResponseNanos,
    long cpuNanos) {

  /**
   * Reads the child's result line; {@code launchToResponseNanos} is the parent's own measure.
   *
   * @throws IllegalArgumentException when the line is not a result line
   */
  public static ColdStartRun parse(String line, long launchToResponseNanos) {
    if (!line.startsWith(RuntimeStandIn.RESULT_PREFIX)) {
      throw new IllegalArgumentException("Not a cold-start result: " + line);
    }
    Map<String, String> fields = new HashMap<>();
    for (String field : line.substring(RuntimeStandIn.RESULT_PREFIX.length()).split(" ")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        fields.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    try {
      return new ColdStartRun(
          required(fields, "target"),
          required(fields, "status"),
          launchToResponseNanos,
          Long.parseLong(required(fields, "initNanos")),
          Long.parseLong(required(fields, "firstResponseNanos")),
          Long.parseLong(fields.getOrDefault("cpuNanos", "-1")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Malformed cold-start result: " + line, e);
    }
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("Cold-start result without " + name);
    }
    return value;
  }

  /** The {@code nanos} measure of each run, as a summary in milliseconds. */
  public static Summary millis(List<ColdStartRun> runs, ToLongFunction<ColdStartRun> nanos) {
    List<Double> values = new ArrayList<>(runs.size());
    for (ColdStartRun run : runs) {
      values.add(nanos.applyAsLong(run) / 1e6);
    }
    return Summary.of(values);
  }
}
