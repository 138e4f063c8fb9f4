package dev.kv.core;

/** Root of the errors kv reports; every subclass is a distinct outcome a caller can act on. */
public abstract class KvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong; callers may show it to whoever made the request
   */
  protected KvException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong; callers may show it to whoever made the request
   * @param cause the failure that led to this one
   */
  protected KvException(String message, Throwable cause) {
    super(message, cause);
  }
}
