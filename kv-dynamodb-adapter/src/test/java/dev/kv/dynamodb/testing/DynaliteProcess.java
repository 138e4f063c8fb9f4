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
import java.util.function.IntFunction;

/**
 * dynalite, the open-source DynamoDB implementation pinned in the repository's {@code
 * package.json}, as a child process on a free loopback port: the one launcher of kv's tests. {@link
 * DynamoDbTestEndpoint#shared()} runs one in memory for the whole JVM (installing it with {@code
 * npm ci} when {@code node_modules/dynalite} is missing, stopping it when the JVM exits); a test
 * that kills and restarts its database starts its own with {@link #startWithData(Path)}. The
 * benchmarks (kv-bench) start theirs with {@link #startInMemory(String, Path, Path)}: this is the
 * one dynalite launcher of the repository.
 */
public final class DynaliteProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private final ProcessBuilder command;
  private final int port;
  private final Path log;
  private Process process;

  private DynaliteProcess(ProcessBuilder command, int port, Path log) {
    this.command = command;
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
   * Starts dynalite in memory from the repository holding the working directory.
   *
   * @throws Unavailable when Node.js or npm is missing, or no repository root is found
   * @throws IllegalStateException when dynalite is there but does not start
   */
  static DynaliteProcess start() {
    Path root = repositoryRoot(Path.of(System.getProperty("user.dir")));
    String node = requireTool("node");
    Path cli = cli(root);
    Path logDir = logDirectory();
    if (!Files.isRegularFile(cli)) {
      install(root, logDir);
    }
    DynaliteProcess dynalite =
        inMemoryOnAFreePort(node, cli, root, port -> logDir.resolve("dynalite-" + port + ".log"));
    Runtime.getRuntime().addShutdownHook(new Thread(dynalite::stop, "dynalite-stop"));
    return dynalite;
  }

  /**
   * Starts dynalite in memory on a free loopback port, for a caller outside the tests (the
   * benchmarks, which ship this class in their jar): {@code node} runs {@code cli}, dynalite's
   * {@code cli.js}, with its output appended to {@code log}. Nothing is installed; the caller stops
   * it with {@link #close()}.
   *
   * @throws IllegalStateException when it does not listen within the start timeout
   */
  public static DynaliteProcess startInMemory(String node, Path cli, Path log) {
    return inMemoryOnAFreePort(node, cli, null, port -> log);
  }

  /** Tries up to three free ports: another process may take a port before dynalite binds it. */
  private static DynaliteProcess inMemoryOnAFreePort(
      String node, Path cli, Path directory, IntFunction<Path> logOfPort) {
    IllegalStateException lastFailure = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freeLoopbackPort();
      ProcessBuilder command = command(node, cli, port, null);
      if (directory != null) {
        command.directory(directory.toFile());
      }
      DynaliteProcess dynalite = new DynaliteProcess(command, port, logOfPort.apply(port));
      try {
        dynalite.launch(false);
        return dynalite;
      } catch (IllegalStateException notStarted) {
        dynalite.stop();
        lastFailure = notStarted;
      }
    }
    throw lastFailure;
  }

  /** Whether this repository has dynalite installed in {@code node_modules}. */
  public static boolean installed() {
    try {
      return Files.isRegularFile(cli(repositoryRoot(Path.of(System.getProperty("user.dir")))));
    } catch (Unavailable noRepository) {
      return false;
    }
  }

  /**
   * Starts a dynalite of the caller's own on a free loopback port, which it may {@link #kill()} and
   * {@link #restart()} on the same port. Its data lives in LevelDB files under {@code folder}, so a
   * restart finds the tables and every write dynalite had acknowledged. Needs {@link #installed()}.
   */
  public static DynaliteProcess startWithData(Path folder) {
    Path root = repositoryRoot(Path.of(System.getProperty("user.dir")));
    int port = freeLoopbackPort();
    DynaliteProcess dynalite =
        new DynaliteProcess(
            command(requireTool("node"), cli(root), port, folder.resolve("leveldb"))
                .directory(root.toFile()),
            port,
            folder.resolve("dynalite.log"));
    dynalite.launch(true);
    return dynalite;
  }

  /** Where dynalite listens. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Its port, the same across restarts. */
  public int port() {
    return port;
  }

  /** What this is, for test output. */
  String description() {
    return "dynalite (node process " + process.pid() + ") at " + endpoint() + ", log " + log;
  }

  /** Kills the process at once (SIGKILL): no goodbye to open connections. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts it again on the same port (and data); waits until it listens. */
  public void restart() {
    launch(true);
  }

  /** Kills it. */
  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** Ends the process; waits briefly, then forcibly. */
  void stop() {
    if (process == null || !process.isAlive()) {
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

  private static ProcessBuilder command(String node, Path cli, int port, Path data) {
    List<String> command =
        new ArrayList<>(
            List.of(node, cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)));
    if (data != null) {
      command.addAll(List.of("--path", data.toString()));
    }
    command.addAll(List.of("--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  private static Path cli(Path root) {
    return root.resolve("node_modules").resolve("dynalite").resolve("cli.js");
  }

  /**
   * Starts the process and waits until it listens. With {@code retry}, a process that exits at once
   * is started again until the start timeout: right after a kill, the port or the LevelDB lock may
   * still be held for a moment.
   */
  private void launch(boolean retry) {
    command.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        process = command.start();
      } catch (IOException e) {
        throw new Unavailable("Could not run node: " + e.getMessage());
      }
      if (awaitListening(deadline)) {
        return;
      }
      if (!retry || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "dynalite did not listen on port "
                + port
                + " within "
                + START_TIMEOUT
                + ":\n"
                + tail(log));
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
