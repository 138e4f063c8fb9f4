package dev.kv.core;

/** A key (or key prefix) that breaks the key rules: empty, too long, control characters. */
public final class InvalidKeyException extends KvException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which rule the key breaks
   */
  public InvalidKeyException(String message) {
    super(message);
  }
}
