package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * One run of a {@code kv} client command in this JVM: its exit status, the bytes it wrote to
 * standard output (values), and its text output and errors.
 *
 * @param status the exit status
 * @param bytes what went to standard output as bytes ({@code kv get})
 * @param out what went to standard output as text
 * @param err standard error
 */
record ClientRun(int status, byte[] bytes, String out, String err) {

  /** Runs {@code kv ARGS...} with {@code stdin} and the environment {@code variables}. */
  static ClientRun kv(byte[] stdin, Map<String, String> variables, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine kv =
        Kv.commandLine(
            new Environment(
                new ByteArrayInputStream(stdin),
                new HashMap<>(variables),
                (server, stop) -> {
                  throw new AssertionError("no server may start");
                },
                bytes));
    kv.setOut(new PrintWriter(out, true));
    kv.setErr(new PrintWriter(err, true));
    int status = kv.execute(args);
    return new ClientRun(status, bytes.toByteArray(), out.toString(), err.toString());
  }

  /** Standard output, bytes and text together, as UTF-8. */
  String stdout() {
    return new String(bytes, UTF_8) + out;
  }
}
