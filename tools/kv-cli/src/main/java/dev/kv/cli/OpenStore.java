package dev.kv.cli;

import dev.kv.core.KeyValueService;

/**
 * A service over the store the options chose, with whatever it holds open (a DynamoDB client).
 *
 * @param service the service
 * @param description the store for people, e.g. {@code in-memory}
 * @param resources closed with this
 */
public record OpenStore(KeyValueService service, String description, AutoCloseable resources)
    implements AutoCloseable {

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      // Closing a client at exit: nothing left to do about a failure.
    }
  }
}
