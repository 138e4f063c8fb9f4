package dev.kv.bench;

import dev.kv.bench.coldstart.ClassLoading;
import dev.kv.bench.coldstart.ColdStartHarness;
import dev.kv.bench.coldstart.ColdStartSeries;
import dev.kv.bench.coldstart.PrimingSeries;
import dev.kv.bench.coldstart.RuntimeStandIn;
import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.dynamodb.KvTable;
import dev.kv.dynamodb.testing.DynaliteProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs every kv benchmark and writes one Markdown report: cold starts of kv against the floor (both
 * JVM flag sets), classes loaded, artifact size, JMH, DynamoDB request counts and local throughput.
 * {@code tools/kv-bench/run-all.sh} builds what it needs and calls this; see docs/performance.md.
 *
 * <pre>
 * --lambda-lib DIR      the unzipped deployment zip's lib folder (required)
 * --lambda-zip FILE     the deployment zip (required)
 * --launcher FILE       jar or folder with this module's classes, for the child JVMs (required)
 * --dynalite FILE       dynalite's cli.js (required)
 * --runtime-jar FILE    aws-lambda-java-serialization, for the series through the runtime's
 *                       serializer (optional)
 * --node CMD            Node.js (default: node)
 * --java CMD            java for the cold starts (default: this JVM's)
 * --runs N              cold starts per target and flag set (default: 15)
 * --kv CMD              the kv launcher, for the throughput run (optional)
 * --wrk CMD             wrk, for the throughput run (optional)
 * --request-counts FILE DynamoDbRequestCountIT's printed table (optional)
 * --work DIR            for logs and raw results (default: tools/kv-bench/target/bench)
 * --out FILE            the report (default: docs/benchmarks.md)
 * --quick               a smoke run: 3 rounds, short JMH, short load
 * --skip-jmh            no JMH
 * </pre>
 */
public final class BenchmarkSuite {

  private BenchmarkSuite() {}

  /** Runs the suite; exits non-zero when any part fails. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    boolean quick = options.containsKey("quick");
    Path work = Path.of(options.getOrDefault("work", "tools/kv-bench/target/bench"));
    Files.createDirectories(work);
    Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
    int rounds = Integer.parseInt(options.getOrDefault("runs", quick ? "3" : "15"));
    Path java =
        Path.of(
            options.getOrDefault(
                "java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    Instant started = Instant.now();
    String loadBefore = loadAverage();

    List<ColdStartSeries> series = new ArrayList<>();
    PrimingSeries priming;
    ClassLoading kvClasses;
    ClassLoading floorClasses;
    try (DynaliteProcess dynalite =
        DynaliteProcess.startInMemory(
            options.getOrDefault("node", "node"),
            Path.of(required(options, "dynalite")),
            work.resolve("dynalite.log"))) {
      String table = createTable(dynalite.endpoint(), "kv-bench");
      ColdStartHarness harness =
          ColdStartHarness.forDeploymentPackage(
              java,
              Path.of(required(options, "lambda-lib")),
              Path.of(required(options, "launcher")),
              ColdStartHarness.functionEnvironment(dynalite.endpoint().toString(), table));
      for (Map.Entry<String, List<String>> flags : BenchmarkReport.flagSets()) {
        series.add(
            ColdStartSeries.run(
                harness, flags.getKey(), flags.getValue(), rounds, System.out::println));
      }
      if (options.containsKey("runtime-jar")) {
        series.add(
            ColdStartSeries.run(
                harness.withRuntimeSerialization(List.of(Path.of(options.get("runtime-jar")))),
                BenchmarkReport.RUNTIME_SERIALIZATION,
                ColdStartHarness.LAMBDA_FLAGS,
                rounds,
                System.out::println));
      }
      priming =
          PrimingSeries.run(
              harness, ColdStartHarness.LAMBDA_FLAGS, Math.max(3, rounds / 2), System.out::println);
      kvClasses = harness.classLoading(RuntimeStandIn.Target.KV, ColdStartHarness.LAMBDA_FLAGS);
      floorClasses =
          harness.classLoading(RuntimeStandIn.Target.FLOOR, ColdStartHarness.LAMBDA_FLAGS);
    }
    ArtifactSize artifact = ArtifactSize.of(Path.of(required(options, "lambda-zip")));

    List<JmhSuite.Row> jmh = List.of();
    String jmhSettings = "";
    if (!options.containsKey("skip-jmh")) {
      System.out.println("JMH: log in " + work.resolve("jmh.log"));
      jmh = JmhSuite.run(quick, work.resolve("jmh.log"), work.resolve("jmh.json"));
      jmhSettings =
          quick
              ? "Quick smoke settings: 1 fork, 1 × 1 s warm-up, 2 × 1 s measurement (`SampleTime`)."
              : "2 forks, each 3 × 2 s warm-up and 5 × 2 s measurement (`SampleTime`).";
    }

    List<LoadTest.Row> load = List.of();
    String loadNote;
    int connections = 64;
    int wrkThreads = 1;
    Duration loadTime = Duration.ofSeconds(quick ? 3 : 15);
    if (options.containsKey("kv") && options.containsKey("wrk")) {
      load =
          new LoadTest(options.get("wrk"), connections, wrkThreads, loadTime, work)
              .run(options.get("kv"));
      loadNote =
          String.format(
              Locale.ROOT,
              "`kv serve --store memory --quiet` on 127.0.0.1, loaded by wrk (%d thread, %d"
                  + " connections, %d s after a %d s warm-up run) on the same 2 cores: the load"
                  + " generator and the server share the CPU, so these are lower bounds.",
              wrkThreads,
              connections,
              loadTime.toSeconds(),
              Math.max(1, loadTime.toSeconds() / 3));
    } else {
      loadNote =
          "Not measured: "
              + (options.containsKey("kv") ? "wrk is not installed" : "`kv serve` is not available")
              + " (run-all.sh passes `--kv tools/kv` and `--wrk` when both exist).";
    }

    Optional<String> counts = Optional.empty();
    if (options.containsKey("request-counts")) {
      Path file = Path.of(options.get("request-counts"));
      if (Files.isRegularFile(file)) {
        counts = Optional.of(Files.readString(file, StandardCharsets.UTF_8));
      }
    }

    Instant finished = Instant.now();
    String header = header(started, finished, loadBefore, loadAverage(), java, rounds, quick);
    BenchmarkReport report =
        new BenchmarkReport(
            header,
            series,
            priming,
            kvClasses,
            floorClasses,
            artifact,
            jmh,
            jmhSettings,
            counts,
            load,
            loadNote);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report.toMarkdown(), StandardCharsets.UTF_8);
    System.out.println("Wrote " + out);
  }

  /**
   * Creates kv's table on {@code endpoint} (as {@code kv table create} would); returns its name.
   */
  static String createTable(URI endpoint, String name) {
    DynamoDbStoreConfig config =
        DynamoDbStoreConfig.of(name, "eu-west-1")
            .withEndpointOverride(endpoint)
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("kvbench", "kvbench")));
    try (DynamoDbClient client = config.buildClient()) {
      new KvTable(client, name).create();
    }
    return name;
  }

  private static String header(
      Instant started,
      Instant finished,
      String loadBefore,
      String loadAfter,
      Path java,
      int rounds,
      boolean quick)
      throws IOException, InterruptedException {
    DateTimeFormatter time =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    StringBuilder h = new StringBuilder();
    h.append("Written by `tools/kv-bench/run-all.sh")
        .append(quick ? " --quick" : "")
        .append("`; do not edit by hand. How to read and reproduce it: ")
        .append("[performance.md](performance.md).\n\n");
    MarkdownTable table = new MarkdownTable("run", "");
    table.row(
        "when",
        time.format(started)
            + " to "
            + time.format(finished)
            + " ("
            + Duration.between(started, finished).truncatedTo(ChronoUnit.SECONDS).toMinutes()
            + " min)");
    table.row(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + ", shared with other builds");
    table.row("load average (1, 5, 15 min)", "before: " + loadBefore + "; after: " + loadAfter);
    table.row("cold-start JVM", javaVersion(java));
    table.row(
        "JMH JVM",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    table.row("cold starts", rounds + " per target and flag set" + (quick ? " (quick run)" : ""));
    h.append(table);
    return h.toString();
  }

  private static String javaVersion(Path java) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    String name = "";
    String version = "";
    for (String line : output.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("java.vm.name = ")) {
        name = trimmed.substring("java.vm.name = ".length());
      } else if (trimmed.startsWith("java.runtime.version = ")) {
        version = trimmed.substring("java.runtime.version = ".length());
      }
    }
    return (name + " " + version).strip();
  }

  private static String loadAverage() {
    try {
      String[] fields =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      if (name.equals("quick") || name.equals("skip-jmh")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
