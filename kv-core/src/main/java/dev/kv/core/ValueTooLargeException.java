package dev.kv.core;

/** A value over {@link Limits#MAX_VALUE_BYTES}. */
public final class ValueTooLargeException extends KvException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the size of the value and the limit
   */
  public ValueTooLargeException(String message) {
    super(message);
  }
}
