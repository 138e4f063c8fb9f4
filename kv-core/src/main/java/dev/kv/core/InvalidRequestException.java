package dev.kv.core;

/** A request parameter other than the key is invalid: ttl, limit, cursor, content type, … */
public final class InvalidRequestException extends KvException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
