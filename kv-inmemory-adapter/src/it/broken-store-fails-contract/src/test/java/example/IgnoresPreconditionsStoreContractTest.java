package example;

import dev.kv.core.KeyValueStore;
import dev.kv.core.contract.KeyValueStoreContract;
import dev.kv.inmemory.InMemoryKeyValueStore;

/** The contract must catch the broken store. */
class IgnoresPreconditionsStoreContractTest extends KeyValueStoreContract {

  @Override
  protected KeyValueStore createStore() {
    return new IgnoresPreconditionsStore(new InMemoryKeyValueStore());
  }
}
