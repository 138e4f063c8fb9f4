package dev.kv.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The one text policy of kv: which values are text (a textual content type and bytes that are valid
 * UTF-8), and the strict UTF-8 decoding every part of kv uses. A value that is text can be kept and
 * carried as a string, byte for byte; any other value only as bytes.
 */
public final class MediaTypes {

  /** Types without a {@code charset} parameter that are text (beyond {@code text/*}). */
  private static final Set<String> TEXTUAL_TYPES =
      Set.of(
          "application/json",
          "application/xml",
          "application/javascript",
          "application/ecmascript",
          "application/x-javascript",
          "application/yaml",
          "application/x-yaml",
          "application/toml",
          "application/sql",
          "application/graphql",
          "application/x-www-form-urlencoded",
          "application/x-ndjson",
          "application/jsonl");

  private MediaTypes() {}

  /**
   * Whether a content type names text in UTF-8. A {@code charset} parameter decides when present:
   * UTF-8 or US-ASCII is text, whatever the type; any other charset is not (its bytes are not UTF-8
   * text even where they happen to decode). Without one: {@code text/*}, JSON, XML, YAML, TOML,
   * JavaScript, SQL, GraphQL, form data, NDJSON and the {@code +json}, {@code +xml} and {@code
   * +yaml} variants.
   *
   * @param contentType the content type, or {@code null} (not text)
   * @return true when the content type names text in UTF-8
   */
  public static boolean isTextual(String contentType) {
    if (contentType == null) {
      return false;
    }
    String lower = contentType.toLowerCase(Locale.ROOT);
    int semicolon = lower.indexOf(';');
    String essence = (semicolon < 0 ? lower : lower.substring(0, semicolon)).strip();
    if (semicolon >= 0) {
      String charset = charset(lower.substring(semicolon + 1));
      if (charset != null) {
        return charset.equals("utf-8") || charset.equals("utf8") || charset.equals("us-ascii");
      }
    }
    return essence.startsWith("text/")
        || essence.endsWith("+json")
        || essence.endsWith("+xml")
        || essence.endsWith("+yaml")
        || TEXTUAL_TYPES.contains(essence);
  }

  /** The value of the {@code charset} parameter, unquoted, or {@code null} when none. */
  private static String charset(String parameters) {
    for (String parameter : parameters.split(";")) {
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).strip().equals("charset")) {
        return parameter.substring(equals + 1).strip().replace("\"", "");
      }
    }
    return null;
  }

  /**
   * The text {@code bytes} encode in UTF-8, or {@code null} when they are not well-formed UTF-8
   * (malformed, truncated, overlong or surrogate sequences).
   *
   * @param bytes the bytes, not null
   * @return the text, or {@code null}
   */
  public static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
  }

  /**
   * Whether {@code bytes} are well-formed UTF-8 (see {@link #decodeUtf8}).
   *
   * @param bytes the bytes, not null
   * @return true when they are well-formed UTF-8; true for no bytes
   */
  public static boolean isValidUtf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return decodeUtf8(bytes) != null;
      }
    }
    return true;
  }

  /**
   * Whether a value under this content type is text: textual type, UTF-8 bytes.
   *
   * @param contentType the value's content type, or {@code null}
   * @param bytes the value bytes, not null
   * @return true when {@link #isTextual} holds for the content type and the bytes are well-formed
   *     UTF-8
   */
  public static boolean isText(String contentType, byte[] bytes) {
    return isTextual(contentType) && isValidUtf8(bytes);
  }
}
