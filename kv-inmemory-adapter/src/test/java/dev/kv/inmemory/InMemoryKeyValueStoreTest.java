package dev.kv.inmemory;

import dev.kv.core.KeyValueStore;
import dev.kv.core.contract.KeyValueStoreContract;

/** Runs the whole port contract against the in-memory store. */
class InMemoryKeyValueStoreTest extends KeyValueStoreContract {

  @Override
  protected KeyValueStore createStore() {
    return new InMemoryKeyValueStore();
  }
}
