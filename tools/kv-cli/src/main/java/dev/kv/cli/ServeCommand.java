package dev.kv.cli;

import dev.kv.lambda.KvApiHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kv serve}: the API on this machine, with the local server playing API Gateway. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description = {
      "Runs the kv API locally. An HTTP server does what API Gateway does in front of the Lambda"
          + " function and calls the same handler, so the API behaves as deployed.",
      "",
      "Logs one JSON line per request to standard output. Stops on Ctrl+C (SIGINT) or SIGTERM."
    })
public final class ServeCommand implements Callable<Integer> {

  /** Requests served at once unless {@code --threads} says otherwise. */
  static final int DEFAULT_THREADS = LocalApiServer.Settings.DEFAULT_THREADS;

  private final Environment environment;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens the API to the network).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_THREADS,
      description = "Requests served at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--queue",
      paramLabel = "N",
      defaultValue = "" + LocalApiServer.Settings.DEFAULT_QUEUE,
      description =
          "Requests that may wait for a thread; more are answered 503 server-busy"
              + " (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(
      names = "--idle-timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + LocalApiServer.Settings.DEFAULT_IDLE_SECONDS,
      description =
          "A connection that sends nothing for this long is closed (default: ${DEFAULT-VALUE}).")
  int idleTimeout;

  @Option(
      names = "--read-timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + LocalApiServer.Settings.DEFAULT_READ_SECONDS,
      description =
          "A request body must arrive within this time, else 408 (default: ${DEFAULT-VALUE}).")
  int readTimeout;

  @Option(
      names = "--max-header-bytes",
      paramLabel = "BYTES",
      defaultValue = "" + LocalApiServer.Settings.DEFAULT_MAX_HEADER_BYTES,
      description =
          "Largest request line plus headers, else 431 (default: ${DEFAULT-VALUE}, API Gateway's"
              + " limit).")
  int maxHeaderBytes;

  @Option(
      names = "--stop-timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + LocalApiServer.Settings.DEFAULT_STOP_SECONDS,
      description =
          "On SIGTERM or Ctrl+C, new connections are refused at once and running requests get"
              + " this long to finish (default: ${DEFAULT-VALUE}).")
  int stopTimeout;

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not log a line per request.")
  boolean quiet;

  @Mixin StoreOptions store = new StoreOptions();

  /** A serve command in {@code environment}. */
  public ServeCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    CommandLine command = spec.commandLine();
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(command, "--port must be 0 to 65535");
    }
    if (threads < 1 || threads > 1024) {
      throw new CommandLine.ParameterException(command, "--threads must be 1 to 1024");
    }
    if (queue < 1 || queue > 1_000_000) {
      throw new CommandLine.ParameterException(command, "--queue must be 1 to 1000000");
    }
    if (idleTimeout < 1 || readTimeout < 1 || stopTimeout < 0) {
      throw new CommandLine.ParameterException(
          command,
          "--idle-timeout and --read-timeout must be at least 1, --stop-timeout at least 0");
    }
    if (maxHeaderBytes < 1024 || maxHeaderBytes > 1024 * 1024) {
      throw new CommandLine.ParameterException(
          command, "--max-header-bytes must be 1024 to 1048576");
    }
    PrintWriter out = command.getOut();
    PrintWriter err = command.getErr();
    InetSocketAddress address = socket(command);
    try (OpenStore opened = store.open(command, environment, out)) {
      KvApiHandler handler = new KvApiHandler(opened.service(), quiet ? line -> {} : lines(out));
      serve(address, handler, opened.description(), out, err);
    }
    return 0;
  }

  private void serve(
      InetSocketAddress address,
      KvApiHandler handler,
      String storeDescription,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    LocalApiServer server;
    try {
      server = LocalApiServer.start(address, handler, settings(), lines(err));
    } catch (BindException e) {
      throw new CliFailure(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "): is another server running there? Pick another port with --port.",
          e);
    } catch (IOException e) {
      throw new CliFailure("cannot start the server on " + host + ":" + port + ": " + e, e);
    }

    AtomicBoolean stopped = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            server.close();
            out.println("kv: stopped");
            out.flush();
          }
        };
    try {
      banner(out, server.uri(), storeDescription);
      environment.lifetime().await(server, stop);
    } finally {
      stop.run();
    }
  }

  private LocalApiServer.Settings settings() {
    return new LocalApiServer.Settings(
        threads,
        queue,
        Duration.ofSeconds(idleTimeout),
        Duration.ofSeconds(readTimeout),
        maxHeaderBytes,
        Duration.ofSeconds(stopTimeout));
  }

  private InetSocketAddress socket(CommandLine command) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new CommandLine.ParameterException(command, "--host: unknown address '" + host + "'");
    }
    return address;
  }

  private static void banner(PrintWriter out, URI uri, String store) {
    out.println("kv " + CliVersion.PROJECT + " serves the API at " + uri);
    out.println("Store: " + store);
    out.println("Try:");
    out.println("  curl -X PUT " + uri + "/key/hello -d world");
    out.println("  curl " + uri + "/key/hello");
    out.println("Stop with Ctrl+C.");
    out.flush();
  }

  /** Writes whole lines to {@code out}, one caller at a time, flushed. */
  private static Consumer<String> lines(PrintWriter out) {
    return line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
  }
}
