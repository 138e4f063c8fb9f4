package dev.kv.cli;

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
 * {@code kv serve} started in this JVM through its own command line, on a free loopback port, until
 * closed: the local server exactly as a developer starts it, minus the process boundary. Shared
 * with the reliability suite through kv-cli's test-jar.
 */
public final class ServedKv implements AutoCloseable {

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
    this.server = started.get(60, TimeUnit.SECONDS);
  }

  /** Runs {@code kv serve --port 0 ARGS...} and waits until it listens. */
  public static ServedKv start(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "serve";
    all[1] = "--port";
    all[2] = "0";
    System.arraycopy(args, 0, all, 3, args.length);
    return new ServedKv(all);
  }

  /** {@code kv serve} on the in-memory store. */
  public static ServedKv inMemory(String... args) throws Exception {
    return start(with(List.of("--store", "memory"), args));
  }

  /** {@code kv serve} on the DynamoDB table {@code table} at {@code endpoint}. */
  public static ServedKv dynamoDb(URI endpoint, String table, String... args) throws Exception {
    return start(
        with(
            List.of("--store", "dynamodb", "--endpoint", endpoint.toString(), "--table", table),
            args));
  }

  private static String[] with(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return server.uri();
  }

  /** {@code pathAndQuery} on the server. */
  public URI uri(String pathAndQuery) {
    return URI.create(server.uri() + pathAndQuery);
  }

  /** The port it listens on. */
  public int port() {
    return server.address().getPort();
  }

  /** What the command printed to standard output so far (banner and request log). */
  public String out() {
    return out.toString();
  }

  /** What the command printed to standard error so far. */
  public String err() {
    return err.toString();
  }

  /** Stops the server and returns the command's exit status. */
  public int stop() throws Exception {
    stop.countDown();
    return exit.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
