package dev.kv.bench;

import dev.kv.bench.coldstart.ClassLoading;
import dev.kv.bench.coldstart.ColdStartHarness;
import dev.kv.bench.coldstart.ColdStartRun;
import dev.kv.bench.coldstart.RuntimeStandIn;
import dev.kv.bench.stats.Summary;
import dev.kv.dynamodb.testing.DynaliteProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Cold starts of two or more builds of the kv function and of the floor, interleaved in one run, to
 * tell a change of kv's cold start from a change of the machine's load: each round starts every
 * build's kv and the floor once, the order rotating from round to round, after one discarded
 * warm-up start of each. The floor runs on the first build's jars. Prints medians (interquartile
 * range) and the ratio to the floor's median, then the classes each loads up to its first response.
 *
 * <pre>
 * java -cp tools/kv-bench/target/kv-bench.jar dev.kv.bench.CompareZips \
 *   --dynalite node_modules/dynalite/cli.js \
 *   --launcher tools/kv-bench/target/kv-bench-0.1.0-SNAPSHOT.jar \
 *   [--runs 15] [--jvm-defaults] [--node node] NAME=UNZIPPED_LIB_DIR NAME=UNZIPPED_LIB_DIR ...
 * </pre>
 *
 * <p>{@code UNZIPPED_LIB_DIR} is the {@code lib} folder of an unzipped {@code kv-lambda.zip}.
 * Without {@code --jvm-defaults} the JVMs run with the Lambda flags.
 */
public final class CompareZips {

  private static final String FLOOR = "floor";

  private CompareZips() {}

  public static void main(String[] args) throws Exception {
    Map<String, Path> builds = new LinkedHashMap<>();
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--jvm-defaults")) {
        options.put("jvm-defaults", "true");
      } else if (args[i].startsWith("--") && i + 1 < args.length) {
        options.put(args[i].substring(2), args[++i]);
      } else if (args[i].indexOf('=') > 0) {
        int eq = args[i].indexOf('=');
        builds.put(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1)));
      } else {
        throw new IllegalArgumentException("Unexpected argument: " + args[i]);
      }
    }
    if (builds.isEmpty() || !options.containsKey("dynalite") || !options.containsKey("launcher")) {
      throw new IllegalArgumentException(
          "Usage: --dynalite CLI --launcher JAR [--runs N] [--jvm-defaults] NAME=LIB_DIR...");
    }
    int rounds = Integer.parseInt(options.getOrDefault("runs", "15"));
    List<String> flags =
        options.containsKey("jvm-defaults") ? List.of() : ColdStartHarness.LAMBDA_FLAGS;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path launcher = Path.of(options.get("launcher"));
    Path log = Files.createTempFile("kv-compare-zips-dynalite", ".log");

    try (DynaliteProcess dynalite =
        DynaliteProcess.startInMemory(
            options.getOrDefault("node", "node"), Path.of(options.get("dynalite")), log)) {
      String table = BenchmarkSuite.createTable(dynalite.endpoint(), "kv-bench");
      Map<String, String> env =
          ColdStartHarness.functionEnvironment(dynalite.endpoint().toString(), table);
      Map<String, ColdStartHarness> harnesses = new LinkedHashMap<>();
      for (Map.Entry<String, Path> build : builds.entrySet()) {
        harnesses.put(
            build.getKey(),
            ColdStartHarness.forDeploymentPackage(java, build.getValue(), launcher, env));
      }
      List<String> labels = new ArrayList<>(builds.keySet());
      labels.add(FLOOR);
      ColdStartHarness floorHarness = harnesses.values().iterator().next();

      Map<String, List<ColdStartRun>> runs = new LinkedHashMap<>();
      for (String label : labels) {
        runs.put(label, new ArrayList<>());
        start(label, harnesses, floorHarness, flags); // warm-up, discarded
      }
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < labels.size(); i++) {
          String label = labels.get((round + i) % labels.size());
          ColdStartRun run = start(label, harnesses, floorHarness, flags);
          runs.get(label).add(run);
          System.err.printf(
              Locale.ROOT,
              "%d/%d %s: %.0f ms launch to response, %.0f ms CPU%n",
              round + 1,
              rounds,
              label,
              run.launchToResponseNanos() / 1e6,
              run.cpuNanos() / 1e6);
        }
      }

      System.out.printf(
          Locale.ROOT,
          "%d rounds, flags %s, load average now %s%n",
          rounds,
          flags.isEmpty() ? "JVM defaults" : String.join(" ", flags),
          String.join(
              " ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
      System.out.println(
          "| build | launch → response | / floor | main → response | / floor | CPU | / floor |"
              + " init | / floor |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      List<ToLongFunction<ColdStartRun>> measures =
          List.of(
              ColdStartRun::launchToResponseNanos,
              ColdStartRun::mainToResponseNanos,
              ColdStartRun::cpuNanos,
              ColdStartRun::initNanos);
      for (String label : labels) {
        StringBuilder row = new StringBuilder("| ").append(label).append(" |");
        for (ToLongFunction<ColdStartRun> measure : measures) {
          Summary own = ColdStartRun.millis(runs.get(label), measure);
          Summary floor = ColdStartRun.millis(runs.get(FLOOR), measure);
          row.append(
              String.format(
                  Locale.ROOT,
                  " %.0f (%.0f–%.0f) | %.3f |",
                  own.median(),
                  own.q1(),
                  own.q3(),
                  own.median() / floor.median()));
        }
        System.out.println(row);
      }

      System.out.println();
      System.out.println("| classes to the first response | total | JDK | jars | kv | generated |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      for (String label : labels) {
        ClassLoading classes =
            label.equals(FLOOR)
                ? floorHarness.classLoading(RuntimeStandIn.Target.FLOOR, flags)
                : harnesses.get(label).classLoading(RuntimeStandIn.Target.KV, flags);
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %d | %d | %d | %d |%n",
            label,
            classes.total(),
            classes.jdk(),
            classes.jars(),
            classes.kv(),
            classes.generated());
      }
    }
  }

  private static ColdStartRun start(
      String label,
      Map<String, ColdStartHarness> harnesses,
      ColdStartHarness floorHarness,
      List<String> flags)
      throws Exception {
    ColdStartRun run =
        label.equals(FLOOR)
            ? floorHarness.run(RuntimeStandIn.Target.FLOOR, flags)
            : harnesses.get(label).run(RuntimeStandIn.Target.KV, flags);
    if (!run.status().equals("404")) {
      throw new IllegalStateException(label + " answered " + run.status() + ", not 404");
    }
    return run;
  }
}
