package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.core.KeyValueService;
import dev.kv.core.KeyValueStore;
import dev.kv.core.StoreStubs;
import dev.kv.core.StoreUnavailableException;
import dev.kv.lambda.KvApiHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The 5xx statuses of the contract, over HTTP, from a store that fails, and the local server's own
 * 503 when every worker is busy and the queue is full.
 */
class StoreFailuresIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());

  private HttpResponse<String> getThrough(Supplier<RuntimeException> failure) throws Exception {
    KvApiHandler handler =
        new KvApiHandler(new KeyValueService(StoreStubs.failing(failure)), logLines::add);
    try (LocalApiServer server =
        LocalApiServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            handler,
            2,
            serverErrors::add)) {
      return http.send(
          HttpRequest.newBuilder(java.net.URI.create(server.uri() + "/key/k")).build(),
          BodyHandlers.ofString());
    }
  }

  @Test
  void unavailableStoreIs503WithRetryAfter() throws Exception {
    HttpResponse<String> response =
        getThrough(() -> new StoreUnavailableException("throttled", null));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.body()).contains("\"code\":\"store-unavailable\"");
  }

  @Test
  void unexpectedFailureIs500WithoutDetails() throws Exception {
    HttpResponse<String> response =
        getThrough(() -> new IllegalStateException("secret internals at dev.kv.Something"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("\"code\":\"internal-error\"")
        .doesNotContain("secret")
        .doesNotContain("IllegalStateException");
    assertThat(logLines).anySatisfy(line -> assertThat(line).contains("\"level\":\"ERROR\""));
    assertThat(serverErrors).isEmpty();
  }

  @Test
  void aFullQueueIsAnswered503ServerBusyAtOnceAndTheOthersAreStillServed() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    KeyValueStore blocking =
        StoreStubs.answering(
            "blocking",
            call -> {
              entered.countDown();
              release.await(60, TimeUnit.SECONDS);
              return Optional.empty();
            });
    KvApiHandler handler = new KvApiHandler(new KeyValueService(blocking), logLines::add);
    LocalApiServer.Settings oneWorkerOneSeat =
        new LocalApiServer.Settings(
            1, 1, Duration.ofSeconds(30), Duration.ofSeconds(30), 10_240, Duration.ofSeconds(5));
    try (LocalApiServer server =
        LocalApiServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            handler,
            oneWorkerOneSeat,
            serverErrors::add)) {
      HttpRequest get =
          HttpRequest.newBuilder(java.net.URI.create(server.uri() + "/key/k")).build();
      CompletableFuture<HttpResponse<String>> running =
          http.sendAsync(get, BodyHandlers.ofString());
      assertThat(entered.await(30, TimeUnit.SECONDS)).as("the worker is busy").isTrue();
      // One of these two waits in the queue; the other finds it full.
      List<CompletableFuture<HttpResponse<String>>> more =
          List.of(
              http.sendAsync(get, BodyHandlers.ofString()),
              http.sendAsync(get, BodyHandlers.ofString()));
      CompletableFuture<HttpResponse<String>> first = new CompletableFuture<>();
      more.forEach(answer -> answer.thenAccept(first::complete));
      HttpResponse<String> refused = first.get(30, TimeUnit.SECONDS);

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.body()).contains("\"code\":\"server-busy\"");
      assertThat(running).isNotDone();

      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> answer : more) {
        statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
      }
      assertThat(statuses).containsExactlyInAnyOrder(404, 503);
    } finally {
      release.countDown();
    }
    assertThat(serverErrors).isEmpty();
  }
}
