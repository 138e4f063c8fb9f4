package dev.kv.dynamodb.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dynalite, the open-source DynamoDB implementation pinned in the repository's {@code
 * package.json}, as a child process on a free loopback port. Installs it with {@code npm ci} when
 * {@code node_modules/dynalite} is missing; stops it when the JVM exits.
 */
final class DynaliteProcess {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final int port;
  private final Path log;

  private DynaliteProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Thrown when Node.js, npm or the repository is missing: the emulator cannot run here. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * Starts dynalite from the repository holding the working directory.
   *
   * @throws Unavailable when Node.js or npm is missing, or no repository root is found
   * @throws IllegalStateException when dynalite is there but does not start
   */
  static DynaliteProcess start() {
    Path root = repositoryRoot(Path.of(System.getProperty("user.dir")));
    String node = requireTool("node");
    Path cli = root.resolve("node_modules").resolve("dynalite").resolve("cli.js");
    Path logDir = logDirectory();
    if (!Files.isRegularFile(cli)) {
      install(root, logDir);
    }
    IllegalStateException lastFailure = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freeLoopbackPort();
      Path log = logDir.resolve("dynalite-" + port + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  node,
                  cli.toString(),
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--createTableMs",
                  "0",
                  "--deleteTableMs",
                  "0",
                  "--updateTableMs",
                  "0")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new Unavailable("Could not run node: " + e.getMessage());
      }
      DynaliteProcess dynalite = new DynaliteProcess(process, port, log);
      try {
        dynalite.awaitListening();
        Runtime.getRuntime().addShutdownHook(new Thread(dynalite::stop, "dynalite-stop"));
        return dynalite;
      } catch (IllegalStateException notStarted) {
        dynalite.stop();
        lastFailure = notStarted; // e.g. another process took the port first: try another
      }
    }
    throw lastFailure;
  }

  /** Where dynalite listens. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** What this is, for test output. */
  String description() {
    return "dynalite (node process " + process.pid() + ") at " + endpoint() + ", log " + log;
  }

  /** Ends the process; waits briefly, then forcibly. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException interrupted) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "dynalite exited with status " + process.exitValue() + ":\n" + tail(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException(
        "dynalite did not listen on port " + port + " within " + START_TIMEOUT + ":\n" + tail(log));
  }

  /**
   * The repository root: the nearest folder, from {@code start} upwards, that holds both {@code
   * package.json} and {@code mvnw}. Works from any module's working directory.
   */
  static Path repositoryRoot(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new Unavailable(
        "No folder holding package.json and mvnw above "
            + start
            + ": run the tests inside the kv repository");
  }

  private static void install(Path root, Path logDir) {
    String npm = requireTool("npm");
    Path log = logDir.resolve("npm-ci.log");
    System.err.println("[kv tests] node_modules/dynalite is missing: running npm ci in " + root);
    try {
      Process npmCi =
          new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npmCi.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        npmCi.destroyForcibly();
        throw new IllegalStateException("npm ci took longer than " + INSTALL_TIMEOUT);
      }
      if (npmCi.exitValue() != 0) {
        throw new IllegalStateException(
            "npm ci failed with status " + npmCi.exitValue() + ":\n" + tail(log));
      }
    } catch (IOException e) {
      throw new Unavailable("Could not run npm: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during npm ci", e);
    }
    if (!Files.isRegularFile(root.resolve("node_modules/dynalite/cli.js"))) {
      throw new IllegalStateException("npm ci ran but node_modules/dynalite/cli.js is missing");
    }
  }

  /** The command name, when running {@code name --version} works; else {@link Unavailable}. */
  private static String requireTool(String name) {
    try {
      Process p =
          new ProcessBuilder(name, "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return name;
      }
      p.destroyForcibly();
    } catch (IOException notFound) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new Unavailable(
        "'"
            + name
            + "' is not on the PATH. Install Node.js 20 or newer with npm (e.g. apt-get install"
            + " nodejs npm): the DynamoDB tests run dynalite from the repository's package.json");
  }

  private static Path logDirectory() {
    Path target = Path.of(System.getProperty("user.dir"), "target");
    try {
      return Files.isDirectory(target) ? target : Files.createTempDirectory("kv-dynalite");
    } catch (IOException e) {
      throw new IllegalStateException("No folder for the dynalite log", e);
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free loopback port", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          "\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting dynalite", e);
    }
  }
}
