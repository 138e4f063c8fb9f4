package dev.kv.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** {@code kv serve} started in this JVM through its command line, on a free port, until closed. */
final class ServedKv implements AutoCloseable {

  private final CompletableFuture<LocalApiServer> started = new CompletableFuture<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final LocalApiServer server;

  private ServedKv(String... args) throws Exception {
    Lifetime lifetime =
        (server, onStop) -> {
          started.complete(server);
          stop.await();
        };
    CommandLine kv =
        Kv.commandLine(new Environment(new ByteArrayInputStream(new byte[0]), Map.of(), lifetime));
    kv.setOut(new PrintWriter(out, true));
    kv.setErr(new PrintWriter(err, true));
    Thread thread =
        new Thread(
            () -> {
              try {
                exit.complete(kv.execute(args));
              } catch (Throwable t) {
                exit.completeExceptionally(t);
              }
              started.completeExceptionally(new IllegalStateException("serve ended: " + err));
            },
            "kv-serve-under-test");
    thread.setDaemon(true);
    thread.start();
    this.server = started.get(30, TimeUnit.SECONDS);
  }

  /** Runs {@code kv serve --port 0 ARGS...} and waits until it listens. */
  static ServedKv start(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "serve";
    all[1] = "--port";
    all[2] = "0";
    System.arraycopy(args, 0, all, 3, args.length);
    return new ServedKv(all);
  }

  URI uri() {
    return server.uri();
  }

  URI uri(String pathAndQuery) {
    return URI.create(server.uri() + pathAndQuery);
  }

  int port() {
    return server.address().getPort();
  }

  /** What the command printed to standard output so far. */
  String out() {
    return out.toString();
  }

  /** Stops the server and returns the command's exit status. */
  int stop() throws Exception {
    stop.countDown();
    return exit.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
