package dev.kv.bench.coldstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM launched by a benchmark, run to its end: its output (standard error merged) read line
 * by line, the first line starting with a given prefix taken as its result and the moment that line
 * was read noted. The one launcher of the cold-start harness and of {@link CredentialsCost}.
 */
final class ChildJvm {

  /**
   * What a child printed.
   *
   * @param lines every line, the result line included, in order
   * @param result the result line
   * @param launchToResultNanos from just before the process was started to the moment the result
   *     line was read: JVM start-up included
   */
  record Output(List<String> lines, String result, long launchToResultNanos) {}

  private ChildJvm() {}

  /**
   * Starts {@code builder} (its standard error is merged into its output), reads its output to the
   * end and waits for it to exit.
   *
   * @param resultPrefix what the result line starts with
   * @param what the child, for error messages
   * @param timeout how long it may take after its output ended
   * @throws IllegalStateException when it does not end in time, exits with a non-zero status or
   *     prints no result line; the message holds its output
   */
  static Output run(ProcessBuilder builder, String resultPrefix, String what, Duration timeout)
      throws IOException, InterruptedException {
    builder.redirectErrorStream(true);
    List<String> lines = new ArrayList<>();
    String result = null;
    long launched = System.nanoTime();
    long resultAt = 0;
    Process process = builder.start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (result == null && line.startsWith(resultPrefix)) {
          resultAt = System.nanoTime();
          result = line;
        }
        lines.add(line);
      }
    }
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(what + " did not end");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          what + " failed (" + process.exitValue() + "):\n" + String.join("\n", lines));
    }
    if (result == null) {
      throw new IllegalStateException(what + " printed no result:\n" + String.join("\n", lines));
    }
    return new Output(List.copyOf(lines), result, resultAt - launched);
  }
}
