package dev.kv.core.archfixture;

import dev.kv.core.KeyValueStore;

/** Breaks the layering on purpose: a store (an adapter) in core's packages. */
public abstract class StoreInCore implements KeyValueStore {}
