package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between a DynamoDB client and DynamoDB (dynalite) that a test switches
 * between behaviours: pass bytes through, reset connections, stall (accept and never answer), or
 * answer every request itself with DynamoDB's 500 or throttling error. Switching cuts every open
 * connection, so pooled keep-alive connections cannot carry the old behaviour on.
 */
final class FaultProxy implements AutoCloseable {

  /** What the proxy does with a connection accepted while the mode holds. */
  enum Mode {
    /** Forward bytes both ways. */
    PASS,
    /** Read the request, then reset the connection (TCP RST) without answering. */
    RESET,
    /** Accept and read, never answer. */
    STALL,
    /** Answer every request with HTTP 500 {@code InternalServerError}. */
    SERVER_ERROR,
    /** Answer every request with HTTP 400 {@code ThrottlingException}. */
    THROTTLE
  }

  private static final String AMZ_JSON = "application/x-amz-json-1.0";

  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<Mode, AtomicInteger> accepted = new EnumMap<>(Mode.class);
  private final AtomicInteger answered = new AtomicInteger();
  private volatile Mode mode = Mode.PASS;

  /** A proxy on a free loopback port in front of {@code 127.0.0.1:upstreamPort}. */
  FaultProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fault-proxy-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    for (Mode m : Mode.values()) {
      accepted.put(m, new AtomicInteger());
    }
    threads.execute(this::acceptLoop);
  }

  /** Where clients connect: {@code http://127.0.0.1:PORT}. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Switches behaviour for new connections and cuts every open one. */
  void mode(Mode next) {
    mode = next;
    for (Socket socket : open) {
      reset(socket);
    }
  }

  /** Connections accepted while {@code m} held. */
  int accepted(Mode m) {
    return accepted.get(m).get();
  }

  /** Requests the proxy answered itself (500 or throttling). */
  int answered() {
    return answered.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      reset(socket);
    }
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      Mode now = mode;
      accepted.get(now).incrementAndGet();
      open.add(client);
      threads.execute(() -> serve(client, now));
    }
  }

  private void serve(Socket client, Mode m) {
    try {
      switch (m) {
        case PASS -> pass(client);
        case RESET -> {
          readRequest(client.getInputStream(), client.getOutputStream());
          reset(client);
        }
        case STALL -> client.getInputStream().transferTo(OutputStream.nullOutputStream());
        case SERVER_ERROR ->
            answerEach(
                client,
                "500 Internal Server Error",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                    + "\"message\":\"Internal server error (injected by the test)\"}");
        case THROTTLE ->
            answerEach(
                client,
                "400 Bad Request",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                    + "\"message\":\"Rate of requests exceeds the allowed throughput (injected)\"}");
      }
    } catch (IOException gone) {
      // The client or the proxy closed the connection.
    } finally {
      close(client);
    }
  }

  private void pass(Socket client) throws IOException {
    Socket upstream = new Socket();
    try {
      upstream.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 1_000);
    } catch (IOException refused) {
      // DynamoDB is down: the client sees its connection reset, as through a load balancer.
      reset(client);
      close(upstream);
      return;
    }
    open.add(upstream);
    try {
      threads.execute(() -> pump(upstream, client));
      pump(client, upstream);
    } finally {
      close(upstream);
    }
  }

  private void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side went away
    } finally {
      close(from);
      close(to);
    }
  }

  private void answerEach(Socket client, String status, String json) throws IOException {
    InputStream in = client.getInputStream();
    OutputStream out = client.getOutputStream();
    byte[] body = json.getBytes(UTF_8);
    while (readRequest(in, out)) {
      String head =
          "HTTP/1.1 "
              + status
              + "\r\nContent-Type: "
              + AMZ_JSON
              + "\r\nx-amzn-RequestId: fault-"
              + answered.incrementAndGet()
              + "\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      out.write(head.getBytes(ISO_8859_1));
      out.write(body);
      out.flush();
    }
  }

  /** Reads one request (head and Content-Length body); false at the end of the stream. */
  private static boolean readRequest(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      boolean next = (matched % 2 == 0) ? b == '\r' : b == '\n';
      matched = next ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    long length = 0;
    for (String line : head.toString(ISO_8859_1).split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).strip());
      } else if (lower.startsWith("expect:") && lower.contains("100-continue")) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1));
        out.flush();
      }
    }
    in.skipNBytes(length);
    return true;
  }

  private void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // closing anyway
    }
    close(socket);
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
