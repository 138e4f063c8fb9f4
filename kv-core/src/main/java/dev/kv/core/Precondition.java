package dev.kv.core;

/**
 * The condition a write is made under, checked atomically with it. Maps to {@code If-Match} and
 * {@code If-None-Match}.
 */
public sealed interface Precondition {

  /** No condition: write whatever is there. */
  Precondition NONE = new None();

  /** {@code If-None-Match: *}: only when no live entry exists (create-only). */
  Precondition MUST_NOT_EXIST = new MustNotExist();

  /** {@code If-Match: *}: only when a live entry exists. */
  Precondition MUST_EXIST = new MustExist();

  /** {@code If-Match: "N"}: only when the live entry has exactly this version. */
  static Precondition versionEquals(long version) {
    return new VersionEquals(version);
  }

  /** Whether a write may go ahead given the current live entry, or {@code null} for none. */
  boolean isMetBy(Entry current);

  /** See {@link #NONE}. */
  record None() implements Precondition {
    @Override
    public boolean isMetBy(Entry current) {
      return true;
    }
  }

  /** See {@link #MUST_NOT_EXIST}. */
  record MustNotExist() implements Precondition {
    @Override
    public boolean isMetBy(Entry current) {
      return current == null;
    }
  }

  /** See {@link #MUST_EXIST}. */
  record MustExist() implements Precondition {
    @Override
    public boolean isMetBy(Entry current) {
      return current != null;
    }
  }

  /** See {@link #versionEquals(long)}. */
  record VersionEquals(long version) implements Precondition {
    /** Rejects negative versions. */
    public VersionEquals {
      if (version < 0) {
        throw new InvalidRequestException("A version is never negative");
      }
    }

    @Override
    public boolean isMetBy(Entry current) {
      return current != null && current.version() == version;
    }
  }
}
