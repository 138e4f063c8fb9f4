package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client command against {@code kv serve} (in memory), as a script would use them. */
class ClientCommandsIT {

  private static ServedKv kv;
  private static int counter;

  @TempDir Path dir;

  @BeforeAll
  static void serve() throws Exception {
    kv = ServedKv.start("--quiet");
  }

  @AfterAll
  static void stop() throws Exception {
    kv.close();
  }

  private static ClientRun run(String... args) {
    return run(new byte[0], args);
  }

  private static ClientRun run(byte[] stdin, String... args) {
    return ClientRun.kv(stdin, Map.of("KV_URL", kv.uri().toString()), args);
  }

  private static String unique(String name) {
    return "client/" + (++counter) + "/" + name;
  }

  @Test
  void putThenGetRoundTripsTextAndReportsVersions() {
    String key = unique("greeting");

    ClientRun created = run("put", key, "hello");
    ClientRun replaced = run("put", key, "hello again");
    ClientRun got = run("get", key);

    assertThat(created.status()).isEqualTo(Kv.OK);
    assertThat(created.out()).isEqualTo("created version 1\n");
    assertThat(replaced.out()).isEqualTo("replaced version 2\n");
    assertThat(got.status()).isEqualTo(Kv.OK);
    assertThat(new String(got.bytes(), UTF_8)).isEqualTo("hello again");
  }

  @Test
  void keysWithSlashesSpacesAndNonAsciiAreOneKey() {
    String key = unique("dir/with space/grüße 😀+plus%25");

    assertThat(run("put", key, "v").status()).isEqualTo(Kv.OK);

    assertThat(new String(run("get", key).bytes(), UTF_8)).isEqualTo("v");
    assertThat(run("list", "--prefix", key).out()).isEqualTo(key + "\n");
  }

  @Test
  void binaryValuesRoundTripByteForByteThroughFilesAndStdout() throws Exception {
    byte[] value = new byte[70_000];
    new Random(7).nextBytes(value);
    Path file = Files.write(dir.resolve("in.bin"), value);
    Path copy = dir.resolve("out.bin");
    String key = unique("binary");

    assertThat(run("put", key, "--file", file.toString()).status()).isEqualTo(Kv.OK);
    ClientRun toStdout = run("get", key);
    ClientRun toFile = run("get", key, "--output", copy.toString());

    assertThat(toStdout.bytes()).isEqualTo(value);
    assertThat(toFile.status()).isEqualTo(Kv.OK);
    assertThat(toFile.bytes()).isEmpty();
    assertThat(Files.readAllBytes(copy)).isEqualTo(value);
    assertThat(run("head", key).out()).contains("content-type: application/octet-stream");
  }

  @Test
  void putReadsStandardInputWithDash() {
    String key = unique("stdin");
    byte[] value = {0, 1, 2, (byte) 0xff, '\n'};

    assertThat(run(value, "put", key, "-", "--content-type", "application/x-test").status())
        .isEqualTo(Kv.OK);

    assertThat(run("get", key).bytes()).isEqualTo(value);
    assertThat(run("head", key).out()).contains("content-type: application/x-test");
  }

  @Test
  void headAndGetMetaShowVersionTypeAndExpiry() {
    String key = unique("meta");
    run("put", key, "v", "--ttl", "3600");
    run("put", key, "w", "--ttl", "3600");

    ClientRun head = run("head", key);
    ClientRun meta = run("get", "--meta", key);

    assertThat(head.status()).isEqualTo(Kv.OK);
    assertThat(head.out())
        .contains("version: 2\n")
        .contains("content-type: text/plain; charset=utf-8\n")
        .containsPattern("expires-at: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n");
    assertThat(meta.out()).isEqualTo(head.out());
    assertThat(meta.bytes()).isEmpty();
  }

  @Test
  void ifMatchWritesOnlyOverTheNamedVersionAndReportsTheCurrentOne() {
    String key = unique("cas");
    run("put", key, "one");

    ClientRun stale = run("put", key, "two", "--if-match", "7");
    ClientRun fresh = run("put", key, "two", "--if-match", "1");

    assertThat(stale.status()).isEqualTo(Kv.PRECONDITION_FAILED);
    assertThat(stale.err()).contains("current version is 1");
    assertThat(fresh.status()).isEqualTo(Kv.OK);
    assertThat(fresh.out()).isEqualTo("replaced version 2\n");
  }

  @Test
  void createOnlyRefusesAnExistingKey() {
    String key = unique("once");

    assertThat(run("put", key, "first", "--create-only").status()).isEqualTo(Kv.OK);
    ClientRun again = run("put", key, "second", "--if-none-match");

    assertThat(again.status()).isEqualTo(Kv.PRECONDITION_FAILED);
    assertThat(again.err()).contains("current version is 1");
    assertThat(new String(run("get", key).bytes(), UTF_8)).isEqualTo("first");
  }

  @Test
  void deleteRemovesOnceThenSaysNotFound() {
    String key = unique("gone");
    run("put", key, "v");

    ClientRun stale = run("delete", key, "--if-match", "9");
    ClientRun deleted = run("delete", key);
    ClientRun again = run("delete", key);

    assertThat(stale.status()).isEqualTo(Kv.PRECONDITION_FAILED);
    assertThat(deleted.status()).isEqualTo(Kv.OK);
    assertThat(again.status()).isEqualTo(Kv.NOT_FOUND);
    assertThat(again.err()).contains("not found: " + key);
    assertThat(run("get", key).status()).isEqualTo(Kv.NOT_FOUND);
    assertThat(run("head", key).status()).isEqualTo(Kv.NOT_FOUND);
  }

  @Test
  void listFollowsCursorsToTheEndUnlessLimited() {
    String prefix = unique("many/");
    StringBuilder expected = new StringBuilder();
    ApiClient http = new ApiClient(kv.uri(), null, java.time.Duration.ofSeconds(30));
    for (int i = 0; i < 1203; i++) {
      String key = prefix + String.format("%05d", i);
      assertThat(http.send("PUT", ClientCommands.keyPath(key), Map.of(), new byte[] {'v'}).status())
          .isEqualTo(201);
      expected.append(key).append('\n');
    }

    ClientRun all = run("list", "--prefix", prefix);
    ClientRun some = run("list", "--prefix", prefix, "--limit", "5");

    assertThat(all.status()).isEqualTo(Kv.OK);
    assertThat(all.out()).isEqualTo(expected.toString());
    assertThat(some.out().lines()).hasSize(5);
    assertThat(expected.toString()).startsWith(some.out());
  }

  @Test
  void apiErrorsPrintTheProblemAndExitFour() {
    ClientRun tooLong = run("put", "k".repeat(1025), "v");
    ClientRun badTtl = run("put", unique("ttl"), "v", "--ttl", "0");

    assertThat(tooLong.status()).isEqualTo(Kv.API_FAILED);
    assertThat(tooLong.err())
        .contains("400 invalid-key")
        .containsPattern("requestId [0-9a-f-]{36}");
    assertThat(badTtl.status()).isEqualTo(Kv.API_FAILED);
    assertThat(badTtl.err()).contains("invalid-request").contains("ttl");
  }

  @Test
  void anUnreachableApiIsANetworkFailure() {
    ClientRun run = ClientRun.kv(new byte[0], Map.of(), "get", "k", "--url", "http://127.0.0.1:1");

    assertThat(run.status()).isEqualTo(Kv.API_FAILED);
    assertThat(run.err()).contains("cannot connect to http://127.0.0.1:1");
  }

  @Test
  void wrongUsageIsExitTwo() {
    assertThat(run("put", unique("no-value")).status()).isEqualTo(Kv.USAGE);
    assertThat(run("put", "k", "v", "--if-match", "abc").status()).isEqualTo(Kv.USAGE);
    assertThat(run("put", "k", "v", "--if-match", "1", "--create-only").status())
        .isEqualTo(Kv.USAGE);
    assertThat(run("get", "k", "--url", "ftp://x").status()).isEqualTo(Kv.USAGE);
    assertThat(run("list", "--limit", "0").status()).isEqualTo(Kv.USAGE);
  }
}
