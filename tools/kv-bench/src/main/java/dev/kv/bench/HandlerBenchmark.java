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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  private byte[] getHitJson;
  private byte[] getMissJson;
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
    getHitJson = eventJson("/key/bench/hit");
    getMissJson = eventJson("/key/bench/miss");
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

  /**
   * A GET hit as the Lambda runtime hands it over: the API Gateway event as JSON in (with the usual
   * CloudFront headers), the proxy response as JSON out.
   */
  @Benchmark
  public byte[] handlerGetHitJson() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    handler.handleRequest(new ByteArrayInputStream(getHitJson), out, null);
    return out.toByteArray();
  }

  /** A GET miss as the Lambda runtime hands it over, JSON in and out. */
  @Benchmark
  public byte[] handlerGetMissJson() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    handler.handleRequest(new ByteArrayInputStream(getMissJson), out, null);
    return out.toByteArray();
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
    return store.list("list/", null, 10, null, now);
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

  /** A REST API proxy event of a GET as API Gateway sends it, behind CloudFront. */
  private static byte[] eventJson(String path) {
    String headers =
        "\"Accept\":\"*/*\",\"CloudFront-Forwarded-Proto\":\"https\","
            + "\"CloudFront-Is-Desktop-Viewer\":\"true\",\"CloudFront-Viewer-Country\":\"DE\","
            + "\"Host\":\"a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com\","
            + "\"User-Agent\":\"curl/8.5.0\","
            + "\"Via\":\"2.0 0f1e2d3c4b5a69788796a5b4c3d2e1f0.cloudfront.net (CloudFront)\","
            + "\"X-Amz-Cf-Id\":\"Q2hhbmdlTWVDbG91ZEZyb250SWQxMjM0NTY3ODkwYWJjZGVm\","
            + "\"X-Amzn-Trace-Id\":\"Root=1-6746f0a0-0123456789abcdef01234567\","
            + "\"X-Forwarded-For\":\"203.0.113.10, 130.176.0.1\",\"X-Forwarded-Port\":\"443\","
            + "\"X-Forwarded-Proto\":\"https\"";
    String multi = headers.replaceAll("\":\"([^\"]*)\"", "\":[\"$1\"]");
    String json =
        "{\"resource\":\"/key/{key+}\",\"path\":\""
            + path
            + "\",\"httpMethod\":\"GET\",\"headers\":{"
            + headers
            + "},\"multiValueHeaders\":{"
            + multi
            + "},\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null,"
            + "\"pathParameters\":{\"key\":\""
            + path.substring(5)
            + "\"},\"stageVariables\":null,\"requestContext\":{\"resourceId\":\"x7k2mp\","
            + "\"resourcePath\":\"/key/{key+}\",\"httpMethod\":\"GET\",\"path\":\"/prod"
            + path
            + "\",\"accountId\":\"123456789012\",\"protocol\":\"HTTP/1.1\",\"stage\":\"prod\","
            + "\"requestTimeEpoch\":1795773600000,"
            + "\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\","
            + "\"identity\":{\"sourceIp\":\"203.0.113.10\",\"userAgent\":\"curl/8.5.0\"},"
            + "\"domainName\":\"a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com\","
            + "\"apiId\":\"a1b2c3d4e5\"},\"body\":null,\"isBase64Encoded\":false}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
