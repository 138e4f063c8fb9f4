package dev.kv.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the harness's real code path once per target: child JVMs on this test's class path, against
 * a stand-in DynamoDB on loopback that answers every request with an empty item. Asserts what the
 * children answered and what the parent read, never how long it took.
 */
class ColdStartHarnessTest {

  /** What kv sends DynamoDB for each first request. */
  private static final Map<FirstRequest, List<String>> ROUTE_REQUESTS =
      Map.of(
          FirstRequest.GET, List.of("DynamoDB_20120810.GetItem"),
          FirstRequest.PUT, List.of("DynamoDB_20120810.UpdateItem"),
          FirstRequest.DELETE, List.of("DynamoDB_20120810.DeleteItem"),
          FirstRequest.LIST, Collections.nCopies(16, "DynamoDB_20120810.Query"));

  private static HttpServer dynamoDb;
  private static final List<String> TARGETS = new ArrayList<>();
  private static ColdStartHarness harness;

  @BeforeAll
  static void startFakeDynamoDb() throws IOException {
    dynamoDb = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    dynamoDb.createContext(
        "/",
        exchange -> {
          String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
          synchronized (TARGETS) {
            TARGETS.add(target);
          }
          exchange.getRequestBody().readAllBytes();
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    dynamoDb.start();
    List<Path> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(Path.of(entry));
    }
    harness =
        new ColdStartHarness(
            Path.of(System.getProperty("java.home"), "bin", "java"),
            classPath,
            ColdStartHarness.functionEnvironment(
                "http://127.0.0.1:" + dynamoDb.getAddress().getPort(), "kv-bench"));
  }

  @AfterAll
  static void stopFakeDynamoDb() {
    dynamoDb.stop(0);
  }

  @Test
  void kvAnswersTheAbsentKeyWith404AfterOneGetItem() throws Exception {
    int before = requests();

    ColdStartRun run = harness.run(RuntimeStandIn.Target.KV, ColdStartHarness.LAMBDA_FLAGS);

    assertThat(run.target()).isEqualTo("kv");
    assertThat(run.status()).isEqualTo("404");
    assertThat(run.initNanos()).isPositive().isLessThan(run.mainToResponseNanos());
    assertThat(run.launchToResponseNanos()).isGreaterThan(run.mainToResponseNanos());
    assertThat(run.cpuNanos()).isPositive();
    assertThat(requestsSince(before)).containsExactly("DynamoDB_20120810.GetItem");
  }

  @Test
  void primedKvHasPrimedEveryRouteBeforeItsFirstRequest() throws Exception {
    int before = requests();

    ColdStartRun run = harness.run(RuntimeStandIn.Target.KV_PRIMED, ColdStartHarness.LAMBDA_FLAGS);

    assertThat(run.target()).isEqualTo("kv_primed");
    assertThat(run.status()).isEqualTo("404");
    List<String> requests = requestsSince(before);
    // Priming: a read, a PUT and a DELETE that cannot succeed, a listing (one Query per shard of
    // the listing index, 16); then the first request.
    List<String> expected = new java.util.ArrayList<>();
    expected.add("DynamoDB_20120810.GetItem");
    expected.add("DynamoDB_20120810.PutItem");
    expected.add("DynamoDB_20120810.DeleteItem");
    expected.addAll(java.util.Collections.nCopies(16, "DynamoDB_20120810.Query"));
    expected.add("DynamoDB_20120810.GetItem");
    assertThat(requests).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(FirstRequest.class)
  void eachFirstRequestReachesKvAsJsonAndSendsItsRoutesRequests(FirstRequest route)
      throws Exception {
    int before = requests();

    ColdStartRun run = harness.run(RuntimeStandIn.Target.KV, ColdStartHarness.LAMBDA_FLAGS, route);

    assertThat(run.status()).isIn(route.expectedStatuses());
    assertThat(run.initNanos()).isPositive().isLessThan(run.mainToResponseNanos());
    assertThat(requestsSince(before)).containsExactlyElementsOf(ROUTE_REQUESTS.get(route));
  }

  @Test
  void theFirstPutAfterPrimingIsAWritePrimingNeverSent() throws Exception {
    int before = requests();

    ColdStartRun run =
        harness.run(
            RuntimeStandIn.Target.KV_PRIMED, ColdStartHarness.LAMBDA_FLAGS, FirstRequest.PUT);

    assertThat(run.status()).isEqualTo("201");
    List<String> requests = requestsSince(before);
    assertThat(requests.subList(0, requests.size() - 1))
        .doesNotContain("DynamoDB_20120810.UpdateItem")
        .contains("DynamoDB_20120810.PutItem");
    assertThat(requests).endsWith("DynamoDB_20120810.UpdateItem");
  }

  @Test
  void theFloorHasNoFirstRequestButItsRead() {
    assertThatThrownBy(
            () -> harness.run(RuntimeStandIn.Target.FLOOR, List.of(), FirstRequest.DELETE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void floorAnswersTheAbsentKeyWith404AfterOneGetItem() throws Exception {
    int before = requests();

    ColdStartRun run = harness.run(RuntimeStandIn.Target.FLOOR, List.of());

    assertThat(run.target()).isEqualTo("floor");
    assertThat(run.status()).isEqualTo("404");
    assertThat(run.launchToResponseNanos()).isGreaterThan(run.mainToResponseNanos());
    assertThat(requestsSince(before)).containsExactly("DynamoDB_20120810.GetItem");
  }

  @Test
  void throughTheRuntimesSerializerBothStillReadOnceAndAnswer404() throws Exception {
    ColdStartHarness serializing = harness.withRuntimeSerialization(List.of());
    int before = requests();

    ColdStartRun kv = serializing.run(RuntimeStandIn.Target.KV, ColdStartHarness.LAMBDA_FLAGS);
    ColdStartRun floor =
        serializing.run(RuntimeStandIn.Target.FLOOR, ColdStartHarness.LAMBDA_FLAGS);

    assertThat(kv.status()).isEqualTo("404");
    assertThat(floor.status()).isEqualTo("404");
    assertThat(requestsSince(before))
        .containsExactly("DynamoDB_20120810.GetItem", "DynamoDB_20120810.GetItem");
    assertThat(serializing.command(RuntimeStandIn.Target.KV, List.of()))
        .endsWith("runtime-serialization");
  }

  @Test
  void onlyKvLoadsKvClasses() throws Exception {
    ClassLoading kv = harness.classLoading(RuntimeStandIn.Target.KV, List.of());
    ClassLoading floor = harness.classLoading(RuntimeStandIn.Target.FLOOR, List.of());

    assertThat(kv.kv()).isPositive();
    assertThat(floor.kv()).isZero();
    assertThat(floor.awsSdk()).isPositive();
    assertThat(floor.lambdaLibraries()).isLessThan(kv.lambdaLibraries());
  }

  @Test
  void theEnvironmentIsWhatLambdaGivesPointedAtTheEndpoint() {
    Map<String, String> env = ColdStartHarness.functionEnvironment("http://127.0.0.1:1", "t-1");

    assertThat(env)
        .containsEntry("KV_DYNAMODB_ENDPOINT", "http://127.0.0.1:1")
        .containsEntry("TABLE_NAME", "t-1")
        .containsEntry("KV_STORE", "dynamodb")
        .containsKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
  }

  private static int requests() {
    synchronized (TARGETS) {
      return TARGETS.size();
    }
  }

  private static List<String> requestsSince(int before) {
    synchronized (TARGETS) {
      return List.copyOf(TARGETS.subList(before, TARGETS.size()));
    }
  }
}
