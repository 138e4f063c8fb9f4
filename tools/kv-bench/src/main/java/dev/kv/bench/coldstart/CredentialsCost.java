package dev.kv.bench.coldstart;

import dev.kv.dynamodb.DynamoDbStoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the store's credentials provider costs in a cold start: in fresh JVMs with Lambda's flags
 * and a Lambda function's environment (keys in the environment, no profile files), the time from
 * building the store's client to its first resolved credentials, with the store's default provider
 * (environment first, the SDK's chain built only when the environment does not answer) and with the
 * SDK's own default chain ({@link DefaultCredentialsProvider}, which builds its providers lazily on
 * first use). The two alternate, so a loaded machine slows both alike; compare the ratio.
 *
 * <p>Usage: {@code java -cp <kv-bench jar> dev.kv.bench.coldstart.CredentialsCost [runs]}.
 */
public final class CredentialsCost {

  private static final List<String> MODES = List.of("store-default", "sdk-default-chain");

  /** Prefix of the probe's result line. */
  private static final String RESULT_PREFIX = "kv-bench-credentials ";

  private CredentialsCost() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("probe")) {
      probe(args[1]);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    Map<String, List<Double>> total = new LinkedHashMap<>();
    Map<String, List<Double>> resolve = new LinkedHashMap<>();
    for (String mode : MODES) {
      total.put(mode, new ArrayList<>());
      resolve.put(mode, new ArrayList<>());
    }
    for (int run = 0; run < runs; run++) {
      for (String mode : run % 2 == 0 ? MODES : List.of(MODES.get(1), MODES.get(0))) {
        double[] micros = fork(mode);
        total.get(mode).add(micros[0]);
        resolve.get(mode).add(micros[1]);
      }
    }
    System.out.printf("%d fresh JVMs each, alternating; medians (ratio to store-default)%n", runs);
    for (String mode : MODES) {
      System.out.printf(
          "%-18s client built + credentials %8.1f ms (%.2f)   first credentials %7.1f ms (%.2f)%n",
          mode,
          median(total.get(mode)) / 1000,
          median(total.get(mode)) / median(total.get(MODES.get(0))),
          median(resolve.get(mode)) / 1000,
          median(resolve.get(mode)) / median(resolve.get(MODES.get(0))));
    }
  }

  private static void probe(String mode) {
    long start = System.nanoTime();
    DynamoDbStoreConfig config =
        DynamoDbStoreConfig.of("kv-table", "us-east-1")
            .withEndpointOverride(URI.create("http://127.0.0.1:9"));
    if (mode.equals("sdk-default-chain")) {
      config = config.withCredentials(DefaultCredentialsProvider.builder().build());
    }
    try (DynamoDbClient client = config.buildClient()) {
      long built = System.nanoTime();
      String id =
          client
              .serviceClientConfiguration()
              .credentialsProvider()
              .resolveIdentity()
              .join()
              .accessKeyId();
      long end = System.nanoTime();
      if (!id.equals(System.getenv("AWS_ACCESS_KEY_ID"))) {
        throw new IllegalStateException("credentials not from the environment");
      }
      System.out.println(RESULT_PREFIX + (end - start) / 1000 + " " + (end - built) / 1000);
    }
  }

  private static double[] fork(String mode) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ColdStartHarness.LAMBDA_FLAGS);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            CredentialsCost.class.getName(),
            "probe",
            mode));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    // The function's environment the cold starts run with, and no profile files to fall back on.
    env.putAll(ColdStartHarness.functionEnvironment("http://127.0.0.1:9", "kv-table"));
    env.put("AWS_CONFIG_FILE", "/nonexistent/kv-bench/config");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/kv-bench/credentials");
    String result =
        ChildJvm.run(builder, RESULT_PREFIX, mode + " probe", Duration.ofSeconds(120)).result();
    String[] fields = result.substring(RESULT_PREFIX.length()).strip().split(" ");
    return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
