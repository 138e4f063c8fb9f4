package dev.kv.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from the process they run in: standard input, environment variables and
 * how {@code kv serve} waits to be stopped. Tests substitute each.
 *
 * @param stdin standard input, read by {@code kv invoke --event -} and {@code kv put KEY -}
 * @param variables the environment variables
 * @param lifetime how a started server waits until it is to stop
 * @param stdout standard output as bytes, for values {@code kv get} writes unchanged
 */
public record Environment(
    InputStream stdin, Map<String, String> variables, Lifetime lifetime, OutputStream stdout) {

  /** Checks for nulls. */
  public Environment {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(stdout, "stdout");
  }

  /** An environment whose byte output is the process's {@code System.out}. */
  public Environment(InputStream stdin, Map<String, String> variables, Lifetime lifetime) {
    this(stdin, variables, lifetime, System.out);
  }

  /** The real process: {@code System.in}, {@code System.getenv()}, stopped by a signal. */
  public static Environment system() {
    return new Environment(System.in, System.getenv(), Lifetime.UNTIL_SIGNALLED, System.out);
  }

  /** The value of an environment variable, or {@code null} when unset or blank. */
  public String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
