package dev.kv.inmemory.archfixture;

import dev.kv.core.KeyValueService;

/** Breaks the layering on purpose: a store that calls the use cases above it. */
public final class StoreCallingTheService {
  public static Object serviceOf(KeyValueService service) {
    return service;
  }
}
