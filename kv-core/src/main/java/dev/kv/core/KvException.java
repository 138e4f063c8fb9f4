package dev.kv.core;

/** Root of the errors kv reports; every subclass is a distinct outcome a caller can act on. */
public abstract class KvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected KvException(String message) {
    super(message);
  }

  protected KvException(String message, Throwable cause) {
    super(message, cause);
  }
}
