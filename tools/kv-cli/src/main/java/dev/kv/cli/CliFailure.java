package dev.kv.cli;

/**
 * A failure the user can act on, reported as one line without a stack trace; the command exits with
 * status 1.
 */
public final class CliFailure extends RuntimeException {

  /** A failure with the message the user sees. */
  public CliFailure(String message) {
    super(message);
  }

  /** A failure with the message the user sees and the cause behind it. */
  public CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
