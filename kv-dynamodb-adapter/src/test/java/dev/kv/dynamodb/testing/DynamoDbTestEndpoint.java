package dev.kv.dynamodb.testing;

import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.dynamodb.KvTable;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * A DynamoDB implementation for tests, one per JVM, found in this order: the {@value
 * #ENDPOINT_VARIABLE} environment variable (any DynamoDB-compatible endpoint); dynalite in Docker
 * through Testcontainers when a Docker engine is available (and Testcontainers on the class path);
 * else a dynalite process from the repository's {@code node_modules} (installed with {@code npm ci}
 * when missing), stopped when the JVM exits.
 *
 * <p>When no emulator can run (no Node.js or npm): with {@code CI=true} every test that asks fails,
 * saying what to install; elsewhere those tests are skipped with a loud message.
 *
 * <pre>{@code
 * DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
 * String table = dynamo.createTable();
 * try (DynamoDbKeyValueStore store = DynamoDbKeyValueStore.create(dynamo.config(table))) {
 *   ...
 * } finally {
 *   dynamo.deleteTable(table);
 * }
 * }</pre>
 */
public final class DynamoDbTestEndpoint {

  /** Environment variable naming an existing endpoint to test against instead of an emulator. */
  public static final String ENDPOINT_VARIABLE = "KV_DYNAMODB_ENDPOINT";

  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

  private static DynamoDbTestEndpoint shared;
  private static RuntimeException startFailure;

  private final URI endpoint;
  private final String region;
  private final AwsCredentialsProvider credentials;
  private final String description;
  private final DynamoDbClient adminClient;

  private DynamoDbTestEndpoint(
      URI endpoint, String region, AwsCredentialsProvider credentials, String description) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = credentials;
    this.description = description;
    this.adminClient = clientBuilder().build();
  }

  /**
   * The endpoint for this JVM, started on first use.
   *
   * @throws org.opentest4j.TestAbortedException outside CI when no emulator can run (the test is
   *     skipped)
   * @throws IllegalStateException in CI when no emulator can run, or anywhere when it fails to
   *     start
   */
  public static synchronized DynamoDbTestEndpoint shared() {
    if (shared == null && startFailure == null) {
      try {
        shared = start();
        System.out.println("[kv tests] DynamoDB endpoint: " + shared.description);
      } catch (RuntimeException failure) {
        startFailure = failure;
      }
    }
    if (startFailure instanceof DynaliteProcess.Unavailable missing) {
      String message = "No DynamoDB emulator for the integration tests: " + missing.getMessage();
      if (isCi()) {
        throw new IllegalStateException(message + " (CI=true: these tests are never skipped)");
      }
      System.err.println("\n" + "!".repeat(100) + "\n[kv tests] SKIPPED: " + message);
      System.err.println("!".repeat(100) + "\n");
      Assumptions.abort(message);
    }
    if (startFailure != null) {
      throw new IllegalStateException("The DynamoDB emulator did not start", startFailure);
    }
    return shared;
  }

  /** Where requests go. */
  public URI endpoint() {
    return endpoint;
  }

  /** The region clients are configured with. */
  public String region() {
    return region;
  }

  /** Credentials that the endpoint accepts. */
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /** Which implementation this is and where, for test output. */
  public String description() {
    return description;
  }

  /** A store configuration for {@code tableName} on this endpoint, with the default time bounds. */
  public DynamoDbStoreConfig config(String tableName) {
    return DynamoDbStoreConfig.of(tableName, region)
        .withEndpointOverride(endpoint)
        .withCredentials(credentials);
  }

  /**
   * A client builder for this endpoint with the store's default configuration and {@code
   * interceptors} added; the caller builds and closes the client.
   */
  public DynamoDbClientBuilder clientBuilder(ExecutionInterceptor... interceptors) {
    DynamoDbClientBuilder builder = config("unused-table").clientBuilder();
    if (interceptors.length > 0) {
      builder.overrideConfiguration(
          builder.overrideConfiguration().toBuilder()
              .executionInterceptors(List.of(interceptors))
              .build());
    }
    return builder;
  }

  /** A client shared by the tests of this JVM; do not close it. */
  public DynamoDbClient client() {
    return adminClient;
  }

  /** A new, unique table name for this run. */
  public String newTableName() {
    return "kv-test-" + RUN + "-" + TABLES.incrementAndGet();
  }

  /** Creates a new, empty table of the kv shape (waiting until it is active); returns its name. */
  public String createTable() {
    String name = newTableName();
    new KvTable(adminClient, name).create();
    return name;
  }

  /** Deletes {@code tableName} if it exists. */
  public void deleteTable(String tableName) {
    new KvTable(adminClient, tableName).delete();
  }

  private static DynamoDbTestEndpoint start() {
    String configured = System.getenv(ENDPOINT_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
      boolean realCredentials =
          System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null;
      return new DynamoDbTestEndpoint(
          URI.create(configured.strip()),
          region,
          realCredentials ? DefaultCredentialsProvider.builder().build() : emulatorCredentials(),
          "the endpoint in " + ENDPOINT_VARIABLE + ": " + configured.strip());
    }
    if (testcontainersPresent() && DynaliteContainer.dockerAvailable()) {
      DynaliteContainer container =
          DynaliteContainer.start(
              DynaliteProcess.repositoryRoot(Path.of(System.getProperty("user.dir"))));
      return new DynamoDbTestEndpoint(
          container.endpoint(), "us-east-1", emulatorCredentials(), container.description());
    }
    DynaliteProcess process = DynaliteProcess.start();
    return new DynamoDbTestEndpoint(
        process.endpoint(), "us-east-1", emulatorCredentials(), process.description());
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName(
          "org.testcontainers.DockerClientFactory",
          false,
          DynamoDbTestEndpoint.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  private static AwsCredentialsProvider emulatorCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("kvtest", "kvtest"));
  }

  private static boolean isCi() {
    String ci = System.getenv("CI");
    return ci != null && ci.strip().toLowerCase(Locale.ROOT).equals("true");
  }
}
