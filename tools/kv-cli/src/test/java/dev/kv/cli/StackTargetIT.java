package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * {@code kv --stack PREFIX} as a user runs it after {@code tools/deploy}: {@code kv.jar} in its own
 * JVM reads output {@code ApiUrl} of stack {@code PREFIX-api} through the AWS SDK and talks to that
 * API. CloudFormation is moto's ({@code moto_server}, on this build's machines and in the workflows
 * through {@code cloudformation/lint/requirements.txt}); the API is {@code kv serve}.
 */
class StackTargetIT {

  private static final String REGION = "us-east-1";

  private static Process moto;
  private static URI cloudFormation;
  private static ServedKv kv;

  @BeforeAll
  static void start() throws Exception {
    Path motoServer = onPath("moto_server");
    // Where the build is the project's (CI), moto must be there; elsewhere the test says why not.
    assumeTrue(
        motoServer != null || "true".equals(System.getenv("CI")),
        "moto_server is not on PATH (pip install -r cloudformation/lint/requirements.txt)");
    assertThat(motoServer).as("moto_server on PATH").isNotNull();
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    moto =
        new ProcessBuilder(motoServer.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    cloudFormation = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!accepts(port)) {
      assertThat(System.nanoTime()).as("moto_server listening within 60 s").isLessThan(deadline);
      assertThat(moto.isAlive()).as("moto_server running").isTrue();
      Thread.sleep(100);
    }
    kv = ServedKv.inMemory("--quiet");
    try (CloudFormationClient client =
        CloudFormationClient.builder()
            .endpointOverride(cloudFormation)
            .region(Region.of(REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      // The shape tools/deploy leaves: stack PREFIX-api with the API's URL as output ApiUrl.
      client.createStack(
          r ->
              r.stackName("team-api")
                  .templateBody(
                      """
                      Resources:
                        Handle:
                          Type: AWS::CloudFormation::WaitConditionHandle
                      Outputs:
                        ApiUrl:
                          Value: %s
                        Other:
                          Value: http://127.0.0.1:9/not-the-api
                      """
                          .formatted(kv.uri())));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (kv != null) {
      kv.close();
    }
    if (moto != null) {
      moto.destroy();
      moto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void putAndGetReachTheApiNamedByTheStacksOutput() throws Exception {
    Result put = kv("put", "from-stack", "hello", "--stack", "team", "--region", REGION);
    Result get = kv("get", "from-stack", "--stack", "team", "--region", REGION);

    assertThat(put.status()).as(put.output()).isZero();
    assertThat(get.status()).as(get.output()).isZero();
    assertThat(get.output()).isEqualTo("hello");
    String stored =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(kv.uri("/key/from-stack")).build(), BodyHandlers.ofString())
            .body();
    assertThat(stored).as("written to the stack's API").isEqualTo("hello");
  }

  @Test
  void aStackThatCannotBeReadIsExitStatusFourNeverNotFound() throws Exception {
    Result missing = kv("get", "from-stack", "--stack", "nobody", "--region", REGION);

    assertThat(missing.status()).as(missing.output()).isEqualTo(Kv.API_FAILED);
    assertThat(missing.output()).contains("cannot read the outputs of stack nobody-api");
  }

  @Test
  void withoutCredentialsBothTheStackAndSigningSayWhatToConfigureAndExitFour() throws Exception {
    Map<String, String> none =
        Map.of(
            "AWS_ENDPOINT_URL_CLOUDFORMATION", cloudFormation.toString(),
            "AWS_ACCESS_KEY_ID", "",
            "AWS_SECRET_ACCESS_KEY", "",
            "AWS_SESSION_TOKEN", "",
            "AWS_PROFILE", "",
            "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials",
            "AWS_CONFIG_FILE", "/nonexistent/config",
            "AWS_EC2_METADATA_DISABLED", "true",
            "AWS_REGION", REGION);
    Result stack = run(none, "get", "from-stack", "--stack", "team");
    Result signed =
        run(none, "get", "k", "--url", "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1");

    for (Result result : new Result[] {stack, signed}) {
      assertThat(result.status()).as(result.output()).isEqualTo(Kv.API_FAILED);
      assertThat(result.output())
          .contains("no AWS credentials")
          .contains("configure a profile, SSO or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
      assertThat(result.output().length()).as("one short line").isLessThan(500);
    }
  }

  private record Result(int status, String output) {}

  private static Result kv(String... args) throws Exception {
    return run(
        Map.of(
            "AWS_ENDPOINT_URL_CLOUDFORMATION",
            cloudFormation.toString(),
            "AWS_ACCESS_KEY_ID",
            "test",
            "AWS_SECRET_ACCESS_KEY",
            "test",
            "AWS_REGION",
            REGION),
        args);
  }

  private static Result run(Map<String, String> environment, String... args) throws Exception {
    Process process = ExecutableJarIT.java(environment, args);
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kv exits").isTrue();
    return new Result(process.exitValue(), output);
  }

  private static boolean accepts(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
