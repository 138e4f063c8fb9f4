package dev.kv.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a key listing. Keys and common prefixes interleave in one sorted sequence (see {@link
 * KeyOrder}); the page holds at most {@code limit} of them together.
 *
 * @param keys the keys of live entries on this page, in order
 * @param prefixes the common prefixes on this page (listings with a delimiter only), in order
 * @param cursor opaque position of the next page, or {@code null} on the last page
 */
public record Page(List<String> keys, List<String> prefixes, String cursor) {

  /**
   * Copies the lists.
   *
   * @param keys the keys of live entries on this page, in order
   * @param prefixes the common prefixes on this page, in order
   * @param cursor opaque position of the next page, or {@code null} on the last page
   * @throws NullPointerException when {@code keys} or {@code prefixes} or any of their elements is
   *     null
   */
  public Page {
    keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
    prefixes = List.copyOf(Objects.requireNonNull(prefixes, "prefixes"));
  }

  /**
   * A page of keys only.
   *
   * @param keys the keys of live entries on this page, in order
   * @param cursor opaque position of the next page, or {@code null} on the last page
   */
  public Page(List<String> keys, String cursor) {
    this(keys, List.of(), cursor);
  }

  /**
   * The cursor of the next page, empty on the last page.
   *
   * @return {@link #cursor()}, or empty
   */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Keys and prefixes on this page together.
   *
   * @return the number of keys plus the number of common prefixes
   */
  public int size() {
    return keys.size() + prefixes.size();
  }
}
