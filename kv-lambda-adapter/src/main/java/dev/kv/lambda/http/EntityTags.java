package dev.kv.lambda.http;

import dev.kv.core.InvalidRequestException;
import dev.kv.core.Precondition;
import java.util.ArrayList;
import java.util.List;

/**
 * Entity tags of kv (the entry version in double quotes) and the precondition headers that carry
 * them.
 */
final class EntityTags {

  private EntityTags() {}

  /** The ETag of an entry at {@code version}. */
  static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The precondition of a write from {@code If-Match} and {@code If-None-Match}.
   *
   * <ul>
   *   <li>{@code If-Match: *}: the entry must exist
   *   <li>{@code If-Match: "N"}: the entry must be at version N
   *   <li>{@code If-None-Match: *}: the entry must not exist
   * </ul>
   *
   * @throws InvalidRequestException for anything else, or both headers at once
   */
  static Precondition writePrecondition(String ifMatch, String ifNoneMatch) {
    if (ifMatch != null && ifNoneMatch != null) {
      throw new InvalidRequestException("Send If-Match or If-None-Match, not both");
    }
    if (ifMatch != null) {
      return ifMatch(ifMatch);
    }
    if (ifNoneMatch != null) {
      if (!ifNoneMatch.strip().equals("*")) {
        throw new InvalidRequestException("If-None-Match on a write takes only *");
      }
      return Precondition.MUST_NOT_EXIST;
    }
    return Precondition.NONE;
  }

  /** The precondition of {@code If-Match} alone: {@code *} or one strong tag. */
  static Precondition ifMatch(String header) {
    String value = header.strip();
    if (value.equals("*")) {
      return Precondition.MUST_EXIST;
    }
    List<String> tags = parseList(value, "If-Match");
    if (tags.size() != 1 || tags.get(0).startsWith("W/")) {
      throw new InvalidRequestException("If-Match takes * or one strong entity tag, like \"3\"");
    }
    return Precondition.versionEquals(version(tags.get(0)));
  }

  /**
   * Whether {@code If-None-Match} matches the current tag (weak comparison), which makes a read
   * answer 304.
   */
  static boolean noneMatchHits(String header, long currentVersion) {
    String value = header.strip();
    if (value.equals("*")) {
      return true;
    }
    String current = of(currentVersion);
    for (String tag : parseList(value, "If-None-Match")) {
      String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
      if (strong.equals(current)) {
        return true;
      }
    }
    return false;
  }

  private static long version(String tag) {
    String digits = tag.substring(1, tag.length() - 1);
    boolean canonical =
        !digits.isEmpty()
            && digits.length() <= 18
            && digits.chars().allMatch(Character::isDigit)
            && (digits.length() == 1 || digits.charAt(0) != '0');
    if (!canonical) {
      throw new InvalidRequestException("kv's entity tags are versions, like \"3\"");
    }
    return Long.parseLong(digits);
  }

  /** Parses a comma-separated list of entity tags (RFC 9110 section 8.8.3). */
  private static List<String> parseList(String value, String header) {
    List<String> tags = new ArrayList<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n
          && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
        i++;
      }
      if (i == n) {
        break;
      }
      int start = i;
      if (value.startsWith("W/", i)) {
        i += 2;
      }
      if (i >= n || value.charAt(i) != '"') {
        throw malformed(header);
      }
      int close = value.indexOf('"', i + 1);
      if (close < 0) {
        throw malformed(header);
      }
      for (int j = i + 1; j < close; j++) {
        char c = value.charAt(j);
        if (c < 0x21 || c == 0x7f) {
          throw malformed(header);
        }
      }
      tags.add(value.substring(start, close + 1));
      i = close + 1;
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      if (i < n && value.charAt(i) != ',') {
        throw malformed(header);
      }
    }
    if (tags.isEmpty()) {
      throw malformed(header);
    }
    return tags;
  }

  private static InvalidRequestException malformed(String header) {
    return new InvalidRequestException(header + " is not a list of entity tags");
  }
}
