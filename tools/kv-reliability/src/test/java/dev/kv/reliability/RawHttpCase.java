package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of the raw HTTP corpus ({@code src/test/resources/raw-http/*.http}) and what it must
 * get. A file starts with comment lines: the first says why the request is hostile, then
 * directives:
 *
 * <ul>
 *   <li>{@code # expect: 400 invalid-key} — the status, and the problem code when kv answers (0:
 *       the server closes the connection without answering);
 *   <li>{@code # answered-by: kv | gateway | nobody} — who rejects it: kv's handler (a problem
 *       response with a request id), the local server's API Gateway stand-in for what never reaches
 *       the function (malformed HTTP, the header and 10 MB limits; also problem+json with a request
 *       id), or nobody (the connection ends);
 *   <li>{@code # stream-chunked: N} — after the text, send a chunked body of N bytes, stopping as
 *       soon as the server answers.
 * </ul>
 *
 * The rest is the request. Every line ends in CRLF on the wire. Macros: {@code {{repeat:N:TEXT}}}
 * repeats TEXT, {@code {{hex:ff 00}}} inserts raw bytes, {@code {{end}}} ends the request there (no
 * line ending after it).
 */
record RawHttpCase(
    String name,
    String why,
    int status,
    String code,
    String answeredBy,
    long streamChunked,
    byte[] bytes) {

  private static final Pattern MACRO = Pattern.compile("\\{\\{(repeat|hex|end)(?::([^}]*))?}}");

  static RawHttpCase load(Path file) throws IOException {
    String text = Files.readString(file, UTF_8);
    String why = null;
    int status = -1;
    String code = null;
    String answeredBy = null;
    long stream = 0;
    int start = 0;
    while (text.startsWith("#", start)) {
      int eol = text.indexOf('\n', start);
      String line = text.substring(start + 1, eol).strip();
      start = eol + 1;
      if (line.startsWith("expect:")) {
        String[] parts = line.substring(7).strip().split("\\s+");
        status = Integer.parseInt(parts[0]);
        code = parts.length > 1 ? parts[1] : null;
      } else if (line.startsWith("answered-by:")) {
        answeredBy = line.substring(12).strip();
      } else if (line.startsWith("stream-chunked:")) {
        stream = Long.parseLong(line.substring(15).strip());
      } else if (why == null) {
        why = line;
      }
    }
    if (why == null || status < 0 || answeredBy == null) {
      throw new IllegalArgumentException(file + ": needs a reason, expect: and answered-by:");
    }
    return new RawHttpCase(
        file.getFileName().toString(),
        why,
        status,
        code,
        answeredBy,
        stream,
        expand(text.substring(start)));
  }

  private static byte[] expand(String request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String wire = request.replace("\r\n", "\n").replace("\n", "\r\n");
    Matcher m = MACRO.matcher(wire);
    int at = 0;
    while (m.find()) {
      out.writeBytes(wire.substring(at, m.start()).getBytes(UTF_8));
      at = m.end();
      switch (m.group(1)) {
        case "repeat" -> {
          int colon = m.group(2).indexOf(':');
          int times = Integer.parseInt(m.group(2).substring(0, colon));
          out.writeBytes(m.group(2).substring(colon + 1).repeat(times).getBytes(UTF_8));
        }
        case "hex" -> out.writeBytes(HexFormat.of().parseHex(m.group(2).replace(" ", "")));
        default -> {
          return out.toByteArray();
        }
      }
    }
    out.writeBytes(wire.substring(at).getBytes(UTF_8));
    return out.toByteArray();
  }

  /** The request line, printable, for messages. */
  String requestLine() {
    String all = new String(bytes, ISO_8859_1);
    int eol = all.indexOf("\r\n");
    String line = eol < 0 ? all : all.substring(0, eol);
    return line.length() > 80 ? line.substring(0, 80) + "…" : line;
  }

  @Override
  public String toString() {
    return name;
  }
}
