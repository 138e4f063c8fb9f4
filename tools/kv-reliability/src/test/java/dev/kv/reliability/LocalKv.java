package dev.kv.reliability;

import dev.kv.cli.Environment;
import dev.kv.cli.Kv;
import dev.kv.cli.LocalApiServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code kv serve} run through its own command line in this JVM, on a free loopback port, until
 * closed: the local server exactly as a developer starts it, minus the process boundary.
 */
final class LocalKv implements AutoCloseable {

  private final CompletableFuture<LocalApiServer> started = new CompletableFuture<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final LocalApiServer server;

  private LocalKv(List<String> args) throws Exception {
    CommandLine kv =
        Kv.commandLine(
            new Environment(
                new ByteArrayInputStream(new byte[0]),
                Map.of(),
                (server, onStop) -> {
                  started.complete(server);
                  stop.await();
                }));
    kv.setOut(new PrintWriter(out, true));
    kv.setErr(new PrintWriter(err, true));
    Thread thread =
        new Thread(
            () -> {
              try {
                exit.complete(kv.execute(args.toArray(String[]::new)));
              } catch (Throwable t) {
                exit.completeExceptionally(t);
              }
              started.completeExceptionally(
                  new IllegalStateException("kv serve ended before it listened: " + err));
            },
            "kv-serve-under-test");
    thread.setDaemon(true);
    thread.start();
    this.server = started.get(60, TimeUnit.SECONDS);
  }

  /** Runs {@code kv serve --host 127.0.0.1 --port 0 ARGS...} and waits until it listens. */
  static LocalKv serve(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", "0"));
    all.addAll(List.of(args));
    return new LocalKv(all);
  }

  /** {@code kv serve} on the in-memory store. */
  static LocalKv inMemory(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--store", "memory"));
    all.addAll(List.of(args));
    return serve(all.toArray(String[]::new));
  }

  /** {@code kv serve} on a DynamoDB table at {@code endpoint}. */
  static LocalKv dynamoDb(URI endpoint, String table, String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of("--store", "dynamodb", "--endpoint", endpoint.toString(), "--table", table));
    all.addAll(List.of(args));
    return serve(all.toArray(String[]::new));
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  URI uri() {
    return server.uri();
  }

  /** The port it listens on. */
  int port() {
    return server.address().getPort();
  }

  /** What kv serve printed to standard output so far (banner and request log). */
  String out() {
    synchronized (out) {
      return out.toString();
    }
  }

  /** What kv serve printed to standard error so far. */
  String err() {
    synchronized (err) {
      return err.toString();
    }
  }

  @Override
  public void close() throws Exception {
    stop.countDown();
    exit.get(30, TimeUnit.SECONDS);
  }
}
