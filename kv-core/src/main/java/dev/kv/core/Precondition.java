package dev.kv.core;

/**
 * The condition a write or delete is made under, checked atomically with it: none, that no live
 * entry exists (create-only), that one exists, or that it has exactly a given version.
 *
 * <p>Stores that translate a precondition into their own condition switch over {@link #kind()} with
 * a switch expression and no default, so a new kind fails to compile in every store until it is
 * handled there ({@code PreconditionTest} checks that each variant has a kind of its own).
 */
public sealed interface Precondition {

  /** No condition: write whatever is there. */
  Precondition NONE = new None();

  /** Only when no live entry exists (create-only). */
  Precondition MUST_NOT_EXIST = new MustNotExist();

  /** Only when a live entry exists. */
  Precondition MUST_EXIST = new MustExist();

  /**
   * Only when the live entry has exactly this version.
   *
   * @param version the version the live entry must have, 0 or more
   * @return the precondition
   * @throws InvalidRequestException when {@code version} is negative
   */
  static Precondition versionEquals(long version) {
    return new VersionEquals(version);
  }

  /** The kinds of precondition, one per variant. */
  enum Kind {
    /** {@link #NONE}. */
    NONE,
    /** {@link #MUST_NOT_EXIST}. */
    MUST_NOT_EXIST,
    /** {@link #MUST_EXIST}. */
    MUST_EXIST,
    /** {@link #versionEquals(long)}. */
    VERSION_EQUALS
  }

  /**
   * Which kind of precondition this is.
   *
   * @return the kind, one per variant
   */
  Kind kind();

  /**
   * Whether a write may go ahead given the current live entry.
   *
   * @param current the live entry, or {@code null} when there is none
   * @return true when the precondition holds
   */
  boolean isMetBy(Entry current);

  /** See {@link #NONE}. */
  record None() implements Precondition {
    @Override
    public Kind kind() {
      return Kind.NONE;
    }

    @Override
    public boolean isMetBy(Entry current) {
      return true;
    }
  }

  /** See {@link #MUST_NOT_EXIST}. */
  record MustNotExist() implements Precondition {
    @Override
    public Kind kind() {
      return Kind.MUST_NOT_EXIST;
    }

    @Override
    public boolean isMetBy(Entry current) {
      return current == null;
    }
  }

  /** See {@link #MUST_EXIST}. */
  record MustExist() implements Precondition {
    @Override
    public Kind kind() {
      return Kind.MUST_EXIST;
    }

    @Override
    public boolean isMetBy(Entry current) {
      return current != null;
    }
  }

  /**
   * See {@link #versionEquals(long)}.
   *
   * @param version the version the live entry must have
   */
  record VersionEquals(long version) implements Precondition {
    /**
     * Rejects negative versions.
     *
     * @param version the version the live entry must have
     * @throws InvalidRequestException when {@code version} is negative
     */
    public VersionEquals {
      if (version < 0) {
        throw new InvalidRequestException("A version is never negative");
      }
    }

    @Override
    public Kind kind() {
      return Kind.VERSION_EQUALS;
    }

    @Override
    public boolean isMetBy(Entry current) {
      return current != null && current.version() == version;
    }
  }
}
