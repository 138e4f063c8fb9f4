package dev.kv.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a key listing.
 *
 * @param keys the keys of live entries on this page
 * @param cursor opaque position of the next page, or {@code null} on the last page
 */
public record Page(List<String> keys, String cursor) {

  /** Copies the key list. */
  public Page {
    keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
  }

  /** The cursor of the next page, empty on the last page. */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(cursor);
  }
}
