package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kv serve} as a user meets it: what it prints, how it logs, and how it fails. */
class ServeCommandIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void printsTheUrlAndAReadyToPasteCurlExample() throws Exception {
    try (ServedKv kv = ServedKv.start("--quiet")) {
      String url = "http://127.0.0.1:" + kv.port();

      assertThat(kv.uri()).hasToString(url);
      assertThat(kv.out())
          .contains("serves the API at " + url + "\n")
          .contains("Store: in memory")
          .contains("curl -X PUT " + url + "/key/hello -d world")
          .contains("curl " + url + "/key/hello");
    }
  }

  @Test
  void theReadmeExampleStoresAndReturnsWorld() throws Exception {
    try (ServedKv kv = ServedKv.start("--quiet")) {
      // What curl -X PUT URL/key/hello -d world sends.
      http.send(
          HttpRequest.newBuilder(kv.uri("/key/hello"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .PUT(HttpRequest.BodyPublishers.ofString("world"))
              .build(),
          BodyHandlers.discarding());

      String body =
          http.send(HttpRequest.newBuilder(kv.uri("/key/hello")).build(), BodyHandlers.ofString())
              .body();

      assertThat(body).isEqualTo("world");
    }
  }

  @Test
  void logsOneJsonLinePerRequestUnlessQuiet() throws Exception {
    try (ServedKv kv = ServedKv.start()) {
      http.send(HttpRequest.newBuilder(kv.uri("/key/absent")).build(), BodyHandlers.discarding());
      http.send(HttpRequest.newBuilder(kv.uri("/")).build(), BodyHandlers.discarding());

      assertThat(kv.out().lines().filter(line -> line.startsWith("{\"level\":\"INFO\"")))
          .hasSize(2)
          .anySatisfy(
              line -> assertThat(line).contains("\"status\":404", "\"route\":\"/key/{key+}\""))
          .anySatisfy(line -> assertThat(line).contains("\"status\":200", "\"route\":\"/\""));
    }
  }

  @Test
  void stoppingFreesThePortAndSaysSo() throws Exception {
    ServedKv kv = ServedKv.start("--quiet");
    int port = kv.port();

    assertThat(kv.stop()).isZero();

    assertThat(kv.out()).contains("kv: stopped");
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void portInUseIsAClearFailure() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter err = new StringWriter();
      CommandLine kv =
          Kv.commandLine(
              new Environment(
                  new ByteArrayInputStream(new byte[0]),
                  Map.of(),
                  (server, stop) -> {
                    throw new AssertionError("must not start");
                  }));
      kv.setOut(new PrintWriter(new StringWriter()));
      kv.setErr(new PrintWriter(err, true));

      int status = kv.execute("serve", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(status).isEqualTo(Kv.FAILED);
      assertThat(err.toString())
          .startsWith("kv: cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("--port")
          .doesNotContain("\tat ");
    }
  }
}
