package dev.kv.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of the local server ({@code kv serve}, in-memory store) under wrk on loopback: GET of
 * a 1 KiB entry and PUT of 1 KiB values, each for a fixed time at a fixed number of connections.
 * Traffic goes to 127.0.0.1 only, and every run ends by itself.
 */
final class LoadTest {

  /**
   * One wrk run.
   *
   * @param name what was sent
   * @param requestsPerSecond requests per second over the run
   * @param p50Millis median latency
   * @param p99Millis 99th percentile latency
   * @param requests requests completed
   * @param errors socket errors plus responses that were not 2xx or 3xx
   */
  record Row(
      String name,
      double requestsPerSecond,
      double p50Millis,
      double p99Millis,
      long requests,
      long errors) {}

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private final String wrk;
  private final int connections;
  private final int threads;
  private final Duration duration;
  private final Path work;

  LoadTest(String wrk, int connections, int threads, Duration duration, Path work) {
    this.wrk = wrk;
    this.connections = connections;
    this.threads = threads;
    this.duration = duration;
    this.work = work;
  }

  /**
   * Starts {@code kvCommand serve --port P --quiet}, loads it with GETs then PUTs (each after a
   * warm-up run of a third of the time, not reported), and stops it.
   */
  List<Row> run(String kvCommand) throws IOException, InterruptedException {
    int port = freeLoopbackPort();
    Path serverLog = work.resolve("kv-serve.log");
    Process server =
        new ProcessBuilder(
                kvCommand,
                "serve",
                "--port",
                Integer.toString(port),
                "--store",
                "memory",
                "--quiet")
            .redirectErrorStream(true)
            .redirectOutput(serverLog.toFile())
            .start();
    try {
      waitUntilServing(server, port, serverLog);
      String base = "http://127.0.0.1:" + port;
      byte[] oneK = new byte[1024];
      java.util.Arrays.fill(oneK, (byte) 'k');
      HttpResponse<Void> seeded =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/key/bench/hit"))
                      .header("Content-Type", "application/octet-stream")
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(oneK))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      if (seeded.statusCode() / 100 != 2) {
        throw new IllegalStateException("Seeding the entry answered " + seeded.statusCode());
      }
      Path putScript = work.resolve("put-1k.lua");
      Files.writeString(
          putScript,
          String.join(
              "\n",
              "-- PUT of 1 KiB values to 1000 keys in turn",
              "wrk.method = \"PUT\"",
              "wrk.body = string.rep(\"k\", 1024)",
              "wrk.headers[\"Content-Type\"] = \"application/octet-stream\"",
              "local n = 0",
              "request = function()",
              "  n = n + 1",
              "  return wrk.format(nil, \"/key/bench/put/\" .. (n % 1000))",
              "end",
              ""),
          StandardCharsets.UTF_8);
      List<Row> rows = new ArrayList<>();
      rows.add(load("GET 1 KiB entry", base + "/key/bench/hit", null));
      rows.add(load("PUT 1 KiB value", base + "/", putScript));
      return rows;
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private Row load(String name, String url, Path script) throws IOException, InterruptedException {
    long warmUp = Math.max(1, duration.toSeconds() / 3);
    wrk(url, script, warmUp);
    String output = wrk(url, script, duration.toSeconds());
    return parse(name, output);
  }

  private String wrk(String url, Path script, long seconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(wrk);
    command.add("-t" + threads);
    command.add("-c" + connections);
    command.add("-d" + seconds + "s");
    command.add("--timeout");
    command.add("5s");
    command.add("--latency");
    if (script != null) {
      command.add("-s");
      command.add(script.toString());
    }
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("wrk failed:\n" + output);
    }
    return output;
  }

  /** Reads wrk's report. */
  static Row parse(String name, String output) {
    Matcher rate = RATE.matcher(output);
    Matcher total = TOTAL.matcher(output);
    if (!rate.find() || !total.find()) {
      throw new IllegalStateException("Not a wrk report:\n" + output);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(output);
    while (percentile.find()) {
      double millis = millis(percentile.group(2), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = millis;
      } else {
        p99 = millis;
      }
    }
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(output);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET_ERRORS.matcher(output);
    if (socket.find()) {
      for (int group = 1; group <= 4; group++) {
        errors += Long.parseLong(socket.group(group));
      }
    }
    return new Row(
        name, Double.parseDouble(rate.group(1)), p50, p99, Long.parseLong(total.group(1)), errors);
  }

  private static double millis(String value, String unit) {
    double number = Double.parseDouble(value);
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "us" -> number / 1000;
      case "s" -> number * 1000;
      default -> number;
    };
  }

  private static void waitUntilServing(Process server, int port, Path log)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!accepts(port)) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("kv serve did not start; see " + log);
      }
      Thread.sleep(200);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
