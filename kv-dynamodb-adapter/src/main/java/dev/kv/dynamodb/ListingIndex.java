package dev.kv.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The global secondary index listings read: partition key {@code KeyShard} (N, 0 to {@link #SHARDS}
 * - 1, derived from the key), sort key {@code Key}, projecting the keys and {@code ExpiresAt}.
 * Every kv write sets {@code KeyShard}; {@code kv table migrate} sets it on items written by
 * others. Items without it are served by GET, PUT and DELETE but not listed.
 */
final class ListingIndex {

  /** The index's name. */
  static final String NAME = "KeyOrder";

  /** The index's partition key attribute: the key's shard. */
  static final String SHARD = "KeyShard";

  /**
   * Number of shards. Each shard is one partition key value of the index, so writes spread over
   * that many values (DynamoDB allows about 1,000 writes per second per partition key value of an
   * index); a page queries every shard at least once.
   */
  static final int SHARDS = 16;

  private ListingIndex() {}

  /** The shard of {@code key}: CRC-32 of its UTF-8 bytes, modulo {@link #SHARDS}. */
  static int shard(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % SHARDS);
  }
}
