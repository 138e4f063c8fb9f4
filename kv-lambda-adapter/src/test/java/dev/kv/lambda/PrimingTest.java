package dev.kv.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.inmemory.InMemoryKeyValueStore;
import dev.kv.lambda.http.Route;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimingTest {

  private final List<String> logLines = new ArrayList<>();

  @Test
  void primingCoversEveryRoute() {
    Set<Route> primed = EnumSet.noneOf(Route.class);
    for (String json : Priming.EVENTS) {
      APIGatewayProxyRequestEvent event = ProxyEventJson.fromJson(json);
      primed.add(Route.of(event.getPath()).orElseThrow());
    }

    assertThat(primed).containsExactlyInAnyOrder(Route.values());
  }

  @Test
  void primingReadsWritesDeletesAndListsThroughTheStoreAndLogsNothing() {
    InMemoryKeyValueStore store = spy(new InMemoryKeyValueStore());
    KvApiHandler handler = new KvApiHandler(new KeyValueService(store), logLines::add);

    handler.beforeCheckpoint(null);

    verify(store).get(any(), any());
    verify(store).put(any(), any(), any());
    verify(store).delete(any(), any(), any());
    verify(store).list(any(), any(), anyInt(), any(), any());
    assertThat(logLines).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void primingWritesCannotSucceedEvenWhenThePrimingKeyExists() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    KeyValueService kv = new KeyValueService(store);
    kv.put(Key.of(Priming.KEY), "kept".getBytes(), "text/plain");
    KvApiHandler handler = new KvApiHandler(kv, logLines::add);

    handler.beforeCheckpoint(null);

    assertThat(kv.get(Key.of(Priming.KEY)))
        .hasValueSatisfying(e -> assertThat(e.value()).isEqualTo("kept".getBytes()));
    assertThat(kv.get(Key.of(Priming.KEY)).orElseThrow().version()).isEqualTo(1);
  }
}
