package dev.kv.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynalite process of this test's own, which the test may kill (SIGKILL) and start again on the
 * same port. Its data lives in LevelDB files under a folder, so a restart finds the table and every
 * write that dynalite had acknowledged. Needs {@code node_modules/dynalite}, which {@link
 * dev.kv.dynamodb.testing.DynamoDbTestEndpoint#shared()} installs.
 */
final class OwnDynalite implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path cli;
  private final Path data;
  private final Path log;
  private final int port;
  private Process process;

  private OwnDynalite(Path cli, Path data, Path log, int port) {
    this.cli = cli;
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /** Whether this repository has dynalite installed in {@code node_modules}. */
  static boolean installed() {
    return Files.isRegularFile(cliPath());
  }

  /** Starts dynalite on a free loopback port, storing its data under {@code folder}. */
  static OwnDynalite start(Path folder) throws IOException {
    OwnDynalite dynalite =
        new OwnDynalite(
            cliPath(), folder.resolve("leveldb"), folder.resolve("dynalite.log"), freePort());
    dynalite.launch();
    return dynalite;
  }

  /** Where it listens. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Its port, the same across restarts. */
  int port() {
    return port;
  }

  /** Kills the process at once (SIGKILL): no goodbye to open connections. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts it again on the same port and data; waits until it listens. */
  void restart() throws IOException {
    launch();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private void launch() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "node",
                    cli.toString(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--path",
                    data.toString(),
                    "--createTableMs",
                    "0",
                    "--deleteTableMs",
                    "0"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    // Right after a kill the port (or the LevelDB lock) may still be held for a moment.
    while (true) {
      process = builder.start();
      if (awaitListening(deadline)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "dynalite did not listen on port " + port + "; log: " + Files.readString(log));
      }
      sleep(200);
    }
  }

  private boolean awaitListening(long deadline) {
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    return false;
  }

  private static Path cliPath() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir.resolve("node_modules/dynalite/cli.js");
      }
    }
    return Path.of("node_modules/dynalite/cli.js");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
