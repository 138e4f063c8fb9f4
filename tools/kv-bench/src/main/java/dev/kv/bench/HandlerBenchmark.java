package dev.kv.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.WriteResult;
import dev.kv.inmemory.InMemoryKeyValueStore;
import dev.kv.lambda.KvApiHandler;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm cost of one request through the whole handler (event in, response event out) on the
 * in-memory store, next to the bare store call it wraps: the difference is what kv's HTTP layer
 * costs per request.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class HandlerBenchmark {

  private InMemoryKeyValueStore store;
  private KvApiHandler handler;
  private APIGatewayProxyRequestEvent getHit;
  private APIGatewayProxyRequestEvent getMiss;
  private APIGatewayProxyRequestEvent put1k;
  private APIGatewayProxyRequestEvent put64k;
  private APIGatewayProxyRequestEvent list;
  private NewEntry bare1k;
  private NewEntry bare64k;
  private Key hitKey;
  private Key missKey;
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

  /** Fills the store and builds the events once. */
  @Setup
  public void setUp() {
    store = new InMemoryKeyValueStore();
    KeyValueService service = new KeyValueService(store);
    handler = new KvApiHandler(service, line -> {});
    byte[] oneK = randomBytes(1024, 1);
    byte[] sixtyFourK = randomBytes(64 * 1024, 2);
    hitKey = Key.of("bench/hit");
    missKey = Key.of("bench/miss");
    service.put(hitKey, oneK, "application/octet-stream");
    for (int i = 0; i < 20; i++) {
      service.put(Key.of("list/" + i), new byte[] {1}, "text/plain");
    }
    getHit = event("GET", "/key/bench/hit", null);
    getMiss = event("GET", "/key/bench/miss", null);
    put1k = event("PUT", "/key/bench/put1k", oneK);
    put64k = event("PUT", "/key/bench/put64k", sixtyFourK);
    list = event("GET", "/key", null);
    list.setQueryStringParameters(Map.of("prefix", "list/", "limit", "10"));
    bare1k = new NewEntry(Key.of("bench/bare"), oneK, "application/octet-stream", null);
    bare64k = new NewEntry(Key.of("bench/bare64k"), sixtyFourK, "application/octet-stream", null);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent handlerGetHit() {
    return handler.handleRequest(getHit, null);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent handlerGetMiss() {
    return handler.handleRequest(getMiss, null);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent handlerPut1KiB() {
    return handler.handleRequest(put1k, null);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent handlerPut64KiB() {
    return handler.handleRequest(put64k, null);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent handlerList10() {
    return handler.handleRequest(list, null);
  }

  /** The store call behind a GET hit, without HTTP: the floor of handlerGetHit. */
  @Benchmark
  public Optional<Entry> storeGetHit() {
    return store.get(hitKey, now);
  }

  /** The store call behind a GET miss, without HTTP: the floor of handlerGetMiss. */
  @Benchmark
  public Optional<Entry> storeGetMiss() {
    return store.get(missKey, now);
  }

  /** The store call behind a 1 KiB PUT, without HTTP: the floor of handlerPut1KiB. */
  @Benchmark
  public WriteResult storePut1KiB() {
    return store.put(bare1k, Precondition.NONE, now);
  }

  /** The store call behind a 64 KiB PUT, without HTTP: the floor of handlerPut64KiB. */
  @Benchmark
  public WriteResult storePut64KiB() {
    return store.put(bare64k, Precondition.NONE, now);
  }

  /** The store call behind the listing, without HTTP: the floor of handlerList10. */
  @Benchmark
  public Page storeList10() {
    return store.list("list/", 10, null, now);
  }

  private static APIGatewayProxyRequestEvent event(String method, String path, byte[] body) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod(method);
    event.setPath(path);
    event.setResource(path.equals("/key") ? "/key" : "/key/{key+}");
    event.setHeaders(Map.of("Content-Type", "application/octet-stream", "Accept", "*/*"));
    event.setMultiValueHeaders(
        Map.of("Content-Type", List.of("application/octet-stream"), "Accept", List.of("*/*")));
    event.setRequestContext(
        new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withRequestId("bench")
            .withStage("bench"));
    if (body != null) {
      event.setBody(Base64.getEncoder().encodeToString(body));
      event.setIsBase64Encoded(true);
    }
    return event;
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
