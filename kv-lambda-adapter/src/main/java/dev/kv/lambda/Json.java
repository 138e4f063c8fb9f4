package dev.kv.lambda;

/** The few lines of JSON writing the API needs; no library on the request path. */
final class Json {

  private Json() {}

  /** Appends {@code text} as a JSON string literal, or {@code null}. */
  static StringBuilder string(StringBuilder out, String text) {
    if (text == null) {
      return out.append("null");
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1))) {
              out.append(c).append(text.charAt(++i));
            } else {
              out.append(String.format("\\u%04x", (int) c));
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** Appends {@code "name":} to an object being written. */
  static StringBuilder name(StringBuilder out, String name) {
    return string(out, name).append(':');
  }
}
