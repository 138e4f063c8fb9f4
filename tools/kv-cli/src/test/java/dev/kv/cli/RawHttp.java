package dev.kv.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Locale;

/** One HTTP/1.1 connection driven byte by byte, for what a polite client would not send. */
final class RawHttp implements AutoCloseable {

  /** A response: its status and its body as text. */
  record Answer(int status, String head, String body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(30_000);
    return new RawHttp(socket);
  }

  void send(String text) throws IOException {
    send(text.getBytes(ISO_8859_1));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Sends {@code chunk} as chunks until the server answers, stops reading or {@code max} chunks are
   * sent; returns the bytes sent.
   */
  long sendChunksUntilAnswered(byte[] chunk, int max) {
    long sent = 0;
    try {
      for (int i = 0; i < max; i++) {
        if (in.available() > 0) {
          break;
        }
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(ISO_8859_1));
        out.write(chunk);
        out.write("\r\n".getBytes(ISO_8859_1));
        out.flush();
        sent += chunk.length;
      }
    } catch (IOException e) {
      // The server closed the connection: it has stopped reading.
    }
    return sent;
  }

  /** Reads one response with a Content-Length body, skipping any 100 Continue. */
  Answer answer() throws IOException {
    while (true) {
      String head = readHead();
      int status = Integer.parseInt(head.substring(9, 12));
      if (status == 100) {
        continue;
      }
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      byte[] body = in.readNBytes(length);
      return new Answer(status, head, new String(body, UTF_8));
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before a response: " + head);
      }
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : (b == '\r' ? 1 : 0);
    }
    return head.toString(ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
