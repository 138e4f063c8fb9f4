package example;

import dev.kv.core.KeyValueStore;
import dev.kv.core.contract.KeyValueStoreContract;
import dev.kv.inmemory.InMemoryKeyValueStore;

/** The README's promise: extend the contract and return a fresh store. */
class AuditedStoreContractTest extends KeyValueStoreContract {

  @Override
  protected KeyValueStore createStore() {
    return new AuditedStore(new InMemoryKeyValueStore());
  }
}
