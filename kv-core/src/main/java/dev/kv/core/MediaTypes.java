package dev.kv.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides when a value is text: shared by the stores (how to keep it) and HTTP (how to send it).
 */
public final class MediaTypes {

  private MediaTypes() {}

  /**
   * Whether a content type names text: {@code text/*}, JSON, XML, YAML, JavaScript, form data and
   * their {@code +json} / {@code +xml} variants, or any type with a {@code charset} parameter.
   */
  public static boolean isTextual(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    String essence = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    if (semicolon >= 0 && type.indexOf("charset=", semicolon) > 0) {
      return true;
    }
    return essence.startsWith("text/")
        || essence.equals("application/json")
        || essence.equals("application/xml")
        || essence.equals("application/yaml")
        || essence.equals("application/javascript")
        || essence.equals("application/x-www-form-urlencoded")
        || essence.endsWith("+json")
        || essence.endsWith("+xml");
  }

  /** Whether {@code bytes} are well-formed UTF-8 (no malformed or truncated sequences). */
  public static boolean isValidUtf8(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Whether a value under this content type can travel as a text string, byte for byte. */
  public static boolean isText(String contentType, byte[] bytes) {
    return isTextual(contentType) && isValidUtf8(bytes);
  }
}
