package dev.kv.lambda.http;

/** The few lines of JSON writing the API needs; no library on the request path. */
public final class Json {

  private Json() {}

  /** Appends {@code text} as a JSON string literal, or {@code null}. */
  public static StringBuilder string(StringBuilder out, String text) {
    if (text == null) {
      return out.append("null");
    }
    out.append('"');
    int run = 0; // start of the characters not yet appended, which need no escape
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f) {
        continue;
      }
      if (c > 0x7f && c != 0x2028 && c != 0x2029 && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a valid pair goes out as it is
        continue;
      }
      out.append(text, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append(text, run, text.length()).append('"');
  }

  /** Appends {@code "name":} to an object being written. */
  public static StringBuilder name(StringBuilder out, String name) {
    return string(out, name).append(':');
  }
}
