package dev.kv.core;

/** The numeric limits of the kv contract, shared by every store and every way in. */
public final class Limits {
  /** Longest key, in bytes of UTF-8. */
  public static final int MAX_KEY_BYTES = 1024;

  /** Largest value, in bytes (384 KiB), the same in every store. */
  public static final int MAX_VALUE_BYTES = 393_216;

  /** Longest content type, in characters. */
  public static final int MAX_CONTENT_TYPE_CHARS = 256;

  /** Shortest time to live, in seconds. */
  public static final long MIN_TTL_SECONDS = 1;

  /** Longest time to live, in seconds (ten years of 365 days). */
  public static final long MAX_TTL_SECONDS = 315_360_000;

  /** Smallest page size of a listing. */
  public static final int MIN_LIST_LIMIT = 1;

  /** Largest page size of a listing. */
  public static final int MAX_LIST_LIMIT = 1000;

  /** Shortest listing delimiter, in bytes of UTF-8. */
  public static final int MIN_DELIMITER_BYTES = 1;

  /** Longest listing delimiter, in bytes of UTF-8. */
  public static final int MAX_DELIMITER_BYTES = 16;

  /** Page size of a listing when the caller names none. */
  public static final int DEFAULT_LIST_LIMIT = 100;

  /** Content type stored when a write names none. */
  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  /** Content type of entries that carry none (written before content types were kept). */
  public static final String LEGACY_CONTENT_TYPE = "text/plain; charset=utf-8";

  private Limits() {}
}
