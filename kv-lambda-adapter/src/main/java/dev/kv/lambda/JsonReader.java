package dev.kv.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON document (RFC 8259) into plain Java values: objects as {@code Map<String, Object>}
 * (a repeated name keeps its last value), arrays as {@code List<Object>}, strings as {@code
 * String}, numbers as their literal text in a {@link JsonNumber}, {@code true}/{@code false} as
 * {@code Boolean}, {@code null} as {@code null}. The few lines the API needs to read the proxy
 * event itself, so that the Lambda runtime never starts its Jackson-based serializer for it.
 */
final class JsonReader {

  /**
   * A JSON number, kept as written.
   *
   * @param literal the number's text
   */
  record JsonNumber(String literal) {}

  /** Nesting deeper than this is refused rather than risking the stack. */
  private static final int MAX_DEPTH = 512;

  private final String text;
  private int at;

  private JsonReader(String text) {
    this.text = text;
  }

  /**
   * The value {@code json} holds.
   *
   * @throws IllegalArgumentException when it is not exactly one JSON value
   */
  static Object read(String json) {
    JsonReader reader = new JsonReader(json);
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.at != json.length()) {
      throw reader.error("Text after the JSON value");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("JSON nested too deeply");
    }
    skipWhitespace();
    if (at >= text.length()) {
      throw error("Unexpected end of JSON");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    at++;
    skipWhitespace();
    if (peek() == '}') {
      at++;
      return object;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("Expected a member name");
      }
      String name = string();
      skipWhitespace();
      expect(':');
      object.put(name, value(depth + 1));
      skipWhitespace();
      char next = next();
      if (next == '}') {
        return object;
      }
      if (next != ',') {
        throw error("Expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> array = new ArrayList<>();
    at++;
    skipWhitespace();
    if (peek() == ']') {
      at++;
      return array;
    }
    while (true) {
      array.add(value(depth + 1));
      skipWhitespace();
      char next = next();
      if (next == ']') {
        return array;
      }
      if (next != ',') {
        throw error("Expected ',' or ']'");
      }
    }
  }

  private String string() {
    at++;
    int start = at;
    int end = text.indexOf('"', at);
    if (end < 0) {
      throw error("Unterminated string");
    }
    // Fast path: no escapes and no control characters before the closing quote.
    while (at < end) {
      char c = text.charAt(at);
      if (c == '\\' || c < 0x20) {
        break;
      }
      at++;
    }
    if (at == end) {
      at++;
      return text.substring(start, end);
    }
    StringBuilder out = new StringBuilder(text.length() - start).append(text, start, at);
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("Control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("Truncated \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
              throw error("Bad \\u escape");
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
        }
        default -> throw error("Bad escape");
      }
    }
  }

  private JsonNumber number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (!digits()) {
      throw error("Not a JSON value");
    }
    if (at < text.length() && text.charAt(at) == '.') {
      at++;
      if (!digits()) {
        throw error("Digits expected after '.'");
      }
    }
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      at++;
      if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
        at++;
      }
      if (!digits()) {
        throw error("Digits expected in the exponent");
      }
    }
    return new JsonNumber(text.substring(start, at));
  }

  private boolean digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at > start;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("Not a JSON value");
    }
    at += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("Unexpected end of JSON");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("Expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at offset " + at);
  }
}
