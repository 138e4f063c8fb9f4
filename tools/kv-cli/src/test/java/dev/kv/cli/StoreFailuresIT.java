package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.KeyValueStore;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.StoreUnavailableException;
import dev.kv.core.WriteResult;
import dev.kv.lambda.KvApiHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The 5xx statuses of the contract, over HTTP, from a store that fails. */
class StoreFailuresIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());

  private HttpResponse<String> getThrough(Supplier<RuntimeException> failure) throws Exception {
    KvApiHandler handler =
        new KvApiHandler(new KeyValueService(new FailingStore(failure)), logLines::add);
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

  /** A store whose every operation fails. */
  private record FailingStore(Supplier<RuntimeException> failure) implements KeyValueStore {
    @Override
    public Optional<Entry> get(Key key, Instant now) {
      throw failure.get();
    }

    @Override
    public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
      throw failure.get();
    }

    @Override
    public boolean delete(Key key, Precondition precondition, Instant now) {
      throw failure.get();
    }

    @Override
    public Page list(String prefix, String delimiter, int limit, String cursor, Instant now) {
      throw failure.get();
    }

    @Override
    public String name() {
      return "failing";
    }
  }
}
