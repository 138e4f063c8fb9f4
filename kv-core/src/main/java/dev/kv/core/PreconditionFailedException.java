package dev.kv.core;

import java.util.OptionalLong;

/** A conditional write whose precondition did not hold; carries the current version if known. */
public final class PreconditionFailedException extends KvException {
  private static final long serialVersionUID = 1L;

  /** Version of the live entry, or {@code null} when there is none or it is not known. */
  private final Long currentVersion;

  /**
   * @param message what failed
   * @param currentVersion version of the live entry, or {@code null} when there is none or it is
   *     not known
   */
  public PreconditionFailedException(String message, Long currentVersion) {
    super(message);
    this.currentVersion = currentVersion;
  }

  /**
   * The version of the live entry at the time of the failed write, when the store reported it.
   *
   * @return the version, empty when there was no live entry or it is not known
   */
  public OptionalLong currentVersion() {
    return currentVersion == null ? OptionalLong.empty() : OptionalLong.of(currentVersion);
  }
}
