package dev.kv.core;

/** A request parameter other than the key is invalid: ttl, limit, cursor, content type, … */
public final class InvalidRequestException extends KvException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which parameter is invalid, and why
   */
  public InvalidRequestException(String message) {
    super(message);
  }

  /**
   * @param message which parameter is invalid, and why
   * @param cause the failure that showed it invalid
   */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
