package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code target/kv.jar} as {@code tools/kv} runs it: a separate JVM, stopped by a real SIGTERM that
 * refuses new connections at once and lets the request in flight finish.
 */
class ExecutableJarIT {

  private static final Path JAR = Path.of("target", "kv.jar");
  private static final Pattern URL = Pattern.compile("serves the API at (http://\\S+)");

  private static Process java(String... args) throws IOException {
    return java(Map.of(), args);
  }

  /**
   * {@code java -jar target/kv.jar ARGS...} with {@code environment} added to this one's (a
   * variable given as {@code ""} is removed).
   */
  static Process java(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
    environment.forEach(
        (name, value) -> {
          if (value.isEmpty()) {
            process.environment().remove(name);
          } else {
            process.environment().put(name, value);
          }
        });
    return process.start();
  }

  @Test
  void printsItsVersion() throws Exception {
    assertThat(JAR).exists();
    Process kv = java("--version");

    String out = new String(kv.getInputStream().readAllBytes(), UTF_8);

    assertThat(kv.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kv.exitValue()).isZero();
    assertThat(out).startsWith("kv " + CliVersion.PROJECT);
  }

  @Test
  void servesUntilSigtermAndThenStopsCleanly() throws Exception {
    Process kv = java("serve", "--port", "0");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(kv.getInputStream(), UTF_8));
      String first = out.readLine();
      Matcher url = URL.matcher(first == null ? "" : first);
      assertThat(url.find()).as("banner: %s", first).isTrue();
      URI base = URI.create(url.group(1));
      HttpClient http = HttpClient.newHttpClient();

      int put =
          http.send(
                  HttpRequest.newBuilder(base.resolve("/key/hello"))
                      .PUT(HttpRequest.BodyPublishers.ofString("world"))
                      .build(),
                  BodyHandlers.discarding())
              .statusCode();
      String got =
          http.send(
                  HttpRequest.newBuilder(base.resolve("/key/hello")).build(),
                  BodyHandlers.ofString())
              .body();
      RawHttp inFlight = RawHttp.connect(base.getPort());
      inFlight.send(
          "PUT /key/in-flight HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
              + "Content-Length: 5\r\n\r\n");
      // 100 Continue: the handler is reading the body, so the request is running.
      assertThat(inFlight.interimStatus()).as("interim answer").isEqualTo(100);

      // SIGTERM, as a service manager or Ctrl+C's sibling sends it (Process.destroy would also
      // close the streams this test still reads).
      new ProcessBuilder("kill", "-TERM", Long.toString(kv.pid())).start().waitFor();
      assertThat(refusesNewConnectionsWithin(base.getPort(), 20_000))
          .as("new connections refused once stopping")
          .isTrue();
      // The request that was running when the signal came still completes.
      inFlight.send("after");
      RawHttp.Answer finished = inFlight.answer();
      inFlight.close();

      assertThat(finished.status()).as(finished.head() + finished.body()).isEqualTo(201);
      assertThat(finished.header("Connection")).isEqualTo("close");
      assertThat(put).isEqualTo(201);
      assertThat(got).isEqualTo("world");
      assertThat(kv.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String rest = out.lines().reduce("", (a, b) -> a + b + "\n");
      assertThat(rest).contains("\"status\":201").endsWith("kv: stopped\n");
      // 128 + SIGTERM: the JVM's status after a clean shutdown on the signal.
      assertThat(kv.exitValue()).isEqualTo(143);
    } finally {
      kv.destroyForcibly();
    }
  }

  private static boolean refusesNewConnectionsWithin(int port, long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        Thread.sleep(50);
      } catch (ConnectException refused) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theJarHoldsNoSignatureFilesThatWouldBreakIt() throws Exception {
    try (var jar = new java.util.jar.JarFile(Files.exists(JAR) ? JAR.toFile() : null)) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.kv.cli.Kv");
      assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
          .noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA)"));
    }
  }
}
