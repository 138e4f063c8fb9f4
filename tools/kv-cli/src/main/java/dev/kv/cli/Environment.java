package dev.kv.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from the process they run in: standard input, environment variables and
 * how {@code kv serve} waits to be stopped. Tests substitute each.
 *
 * @param stdin standard input, read by {@code kv invoke --event -}
 * @param variables the environment variables
 * @param lifetime how a started server waits until it is to stop
 */
public record Environment(InputStream stdin, Map<String, String> variables, Lifetime lifetime) {

  /** Checks for nulls. */
  public Environment {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(lifetime, "lifetime");
  }

  /** The real process: {@code System.in}, {@code System.getenv()}, stopped by a signal. */
  public static Environment system() {
    return new Environment(System.in, System.getenv(), Lifetime.UNTIL_SIGNALLED);
  }

  /** The value of an environment variable, or {@code null} when unset or blank. */
  public String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
