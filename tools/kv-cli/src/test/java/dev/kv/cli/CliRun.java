package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * One run of a {@code kv} command in this JVM (not serve): its exit status and what it printed.
 *
 * @param status the exit status
 * @param out standard output
 * @param err standard error
 */
record CliRun(int status, String out, String err) {

  /** Runs {@code kv ARGS...} with {@code stdin} as standard input. */
  static CliRun kv(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine kv =
        Kv.commandLine(
            new Environment(
                new ByteArrayInputStream(stdin.getBytes(UTF_8)),
                Map.of(),
                (server, stop) -> {
                  throw new AssertionError("no server may start");
                }));
    kv.setOut(new PrintWriter(out, true));
    kv.setErr(new PrintWriter(err, true));
    int status = kv.execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }
}
