package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** One TCP connection to a local server, for bytes no polite HTTP client would send. */
final class RawConnection implements AutoCloseable {

  /**
   * What came back.
   *
   * @param status the status, or 0 when the server closed the connection without answering
   * @param head the status line and headers
   * @param body the body as text
   */
  record Reply(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawConnection(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(20_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends the bytes; a server that already closed is not an error here (the reply tells). */
  void send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException closed) {
      // read the reply, if any
    }
  }

  /** Sends a chunked body of up to {@code total} bytes until the server answers or stops. */
  long streamChunked(long total) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'a');
    long sent = 0;
    try {
      while (sent < total && in.available() == 0) {
        int n = (int) Math.min(chunk.length, total - sent);
        out.write((Integer.toHexString(n) + "\r\n").getBytes(ISO_8859_1));
        out.write(chunk, 0, n);
        out.write("\r\n".getBytes(ISO_8859_1));
        sent += n;
      }
      if (sent == total) {
        out.write("0\r\n\r\n".getBytes(ISO_8859_1));
      }
      out.flush();
    } catch (IOException closed) {
      // the server stopped reading: it has answered or will not
    }
    return sent;
  }

  /** Closes the sending side: the server sees the end of the request stream. */
  void finishSending() {
    try {
      socket.shutdownOutput();
    } catch (IOException ignored) {
      // already closed
    }
  }

  /** Reads one reply (skipping 100 Continue), or status 0 when the connection closes first. */
  Reply reply() throws IOException {
    while (true) {
      String head;
      try {
        head = readHead();
      } catch (SocketTimeoutException e) {
        throw new IOException("no reply within 20 s: the server hangs", e);
      } catch (IOException closed) {
        return new Reply(0, "", "");
      }
      if (head == null || !head.startsWith("HTTP/1.") || head.length() < 12) {
        return new Reply(0, head == null ? "" : head, "");
      }
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
      byte[] body;
      try {
        body = in.readNBytes(length);
      } catch (IOException cut) {
        body = new byte[0];
      }
      return new Reply(status, head, new String(body, UTF_8));
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return head.size() == 0 ? null : head.toString(ISO_8859_1);
      }
      head.write(b);
      boolean next = (matched % 2 == 0) ? b == '\r' : b == '\n';
      matched = next ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
