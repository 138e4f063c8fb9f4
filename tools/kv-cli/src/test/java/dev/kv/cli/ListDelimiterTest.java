package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code kv list --delimiter} passes the parameter and prints the listing's {@code prefixes} in the
 * one sorted order they interleave with the keys, page after page (against a stand-in API that
 * answers as the contract says).
 */
class ListDelimiterTest {

  @Test
  void prefixesArePrintedOnceInOrderAcrossPages() throws Exception {
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/key",
        exchange -> {
          try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            String body =
                query.contains("cursor=")
                    ? "{\"keys\":[\"b/z\"],\"prefixes\":[\"b/\\u00e9/\"],\"cursor\":null}"
                    : "{\"keys\":[\"a\",\"b/1\"],\"prefixes\":[\"a/\"],\"cursor\":\"c+1/=\"}";
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();

      ClientRun run = ClientRun.kv(new byte[0], Map.of("KV_URL", url), "list", "--delimiter", "/");

      assertThat(run.status()).as(run.err()).isEqualTo(Kv.OK);
      assertThat(run.out()).isEqualTo("a\na/\nb/1\nb/z\nb/é/\n");
      assertThat(queries)
          .containsExactly(
              "limit=1000&delimiter=%2F", "limit=1000&delimiter=%2F&cursor=c%2B1%2F%3D");
    } finally {
      server.stop(0);
    }
  }
}
