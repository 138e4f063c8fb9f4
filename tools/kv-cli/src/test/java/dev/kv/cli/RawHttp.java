package dev.kv.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP/1.1 connection to a local server driven byte by byte, for what a polite client would not
 * send. The one raw client of the test suites (kv-cli's and the reliability suite's).
 */
public final class RawHttp implements AutoCloseable {

  /**
   * What came back.
   *
   * @param status the status, or 0 when the server closed the connection without answering
   * @param head the status line and headers
   * @param body the body as text
   */
  public record Answer(int status, String head, String body) {

    /** The value of the first header {@code name} (any case), or {@code null}. */
    public String header(String name) {
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

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code port} on the loopback address; reads wait at most 30 seconds. */
  public static RawHttp connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(30_000);
    return new RawHttp(socket);
  }

  /** Sends {@code text} as ISO-8859-1 bytes. */
  public void send(String text) {
    send(text.getBytes(ISO_8859_1));
  }

  /** Sends the bytes; a server that already closed is not an error here (the answer tells). */
  public void send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException closed) {
      // read the answer, if any
    }
  }

  /**
   * Sends {@code chunk} as chunks until the server answers, stops reading or {@code max} chunks are
   * sent; returns the bytes sent.
   */
  public long sendChunksUntilAnswered(byte[] chunk, int max) {
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

  /**
   * Sends a chunked body of up to {@code total} bytes (and its last chunk when all was sent) until
   * the server answers or stops reading; returns the bytes sent.
   */
  public long streamChunked(long total) {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
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
  public void finishSending() {
    try {
      socket.shutdownOutput();
    } catch (IOException ignored) {
      // already closed
    }
  }

  /**
   * Reads one response with a Content-Length body (skipping any 100 Continue), or status 0 when the
   * connection closes first.
   *
   * @throws IOException when nothing arrives within the read timeout (the server hangs)
   */
  public Answer answer() throws IOException {
    while (true) {
      String head;
      try {
        head = readHead();
      } catch (SocketTimeoutException e) {
        throw new IOException("no answer within the timeout: the server hangs", e);
      } catch (IOException closed) {
        return new Answer(0, "", "");
      }
      if (head == null || !head.startsWith("HTTP/1.") || head.length() < 12) {
        return new Answer(0, head == null ? "" : head, "");
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
      return new Answer(status, head, new String(body, UTF_8));
    }
  }

  /**
   * Reads one interim response's head and returns its status ({@code 100} once the server starts
   * reading a body sent with {@code Expect: 100-continue}), or 0 when the connection closes.
   */
  public int interimStatus() throws IOException {
    String head = readHead();
    return head == null || !head.startsWith("HTTP/1.") || head.length() < 12
        ? 0
        : Integer.parseInt(head.substring(9, 12));
  }

  /** Whether the server has closed the connection (reads end) within the read timeout. */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** Sets how long reads wait, in milliseconds. */
  public void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
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
