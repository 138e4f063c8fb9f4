package dev.kv.core;

/** The store could not be reached or refused for load; the same request may succeed later. */
public final class StoreUnavailableException extends KvException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which operation failed, and how
   * @param cause the store's own error
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
