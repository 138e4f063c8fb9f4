package dev.kv.cli;

/** The function answered with a response event API Gateway cannot turn into HTTP (a 502). */
final class MalformedProxyResponseException extends RuntimeException {

  MalformedProxyResponseException(String message) {
    super(message);
  }
}
