package dev.kv.core;

/**
 * The outcome of a successful put.
 *
 * @param version the version the entry now has
 * @param created true when no live entry existed before, false when one was replaced
 */
public record WriteResult(long version, boolean created) {}
