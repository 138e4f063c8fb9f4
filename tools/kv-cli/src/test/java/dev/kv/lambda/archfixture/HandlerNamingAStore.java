package dev.kv.lambda.archfixture;

import dev.kv.core.KeyValueService;
import dev.kv.inmemory.InMemoryKeyValueStore;

/** Breaks the layering on purpose: the event mapping choosing a store itself. */
public final class HandlerNamingAStore {
  public static KeyValueService service() {
    return new KeyValueService(new InMemoryKeyValueStore());
  }
}
