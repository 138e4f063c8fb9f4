package dev.kv.bench.coldstart;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Launches fresh JVMs that run {@link RuntimeStandIn} with the deployment zip's jars on the class
 * path and the environment Lambda gives a function (region, credentials, table), pointed at a
 * DynamoDB endpoint on loopback.
 */
public final class ColdStartHarness {

  /** The flags of the deployed function (JAVA_TOOL_OPTIONS in cloudformation/backend.yml). */
  public static final List<String> LAMBDA_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  /** A key no run ever writes: every cold start reads an absent item. */
  public static final String ABSENT_KEY = "kv-bench/absent";

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

  private final Path java;
  private final List<String> classPath;
  private final Map<String, String> environment;
  private final boolean runtimeSerialization;

  /**
   * A harness whose child JVMs run with {@code classPath}.
   *
   * @param java the {@code java} executable
   * @param classPath the class path of the child JVMs, in order; it must hold this package's
   *     classes (the runtime stand-in and the floor handler) and the function's
   * @param environment the function's environment, see {@link #functionEnvironment}
   */
  public ColdStartHarness(Path java, List<Path> classPath, Map<String, String> environment) {
    this(java, absolute(classPath), environment, false);
  }

  private ColdStartHarness(
      Path java,
      List<String> classPath,
      Map<String, String> environment,
      boolean runtimeSerialization) {
    this.java = java;
    this.classPath = List.copyOf(classPath);
    this.environment = Map.copyOf(environment);
    this.runtimeSerialization = runtimeSerialization;
  }

  /**
   * This harness with the event passed through the Lambda runtime's serializer, as the runtime does
   * for typed handlers ({@link RuntimeSerialization}); {@code runtimeJars} (the runtime's
   * serialisation library) join the class path right after the first entry.
   */
  public ColdStartHarness withRuntimeSerialization(List<Path> runtimeJars) {
    List<String> entries = new ArrayList<>(classPath);
    entries.addAll(1, absolute(runtimeJars));
    return new ColdStartHarness(java, entries, environment, true);
  }

  private static List<String> absolute(List<Path> paths) {
    List<String> entries = new ArrayList<>();
    for (Path entry : paths) {
      entries.add(entry.toAbsolutePath().toString());
    }
    return entries;
  }

  /**
   * A harness for the jars of an unzipped deployment package: {@code launcher} (the jar or folder
   * holding this package's classes) first, then every jar of the package's {@code lib} folder in
   * name order, as the Lambda runtime puts them on its class path.
   */
  public static ColdStartHarness forDeploymentPackage(
      Path java, Path lambdaLib, Path launcher, Map<String, String> environment)
      throws IOException {
    List<Path> entries = new ArrayList<>();
    entries.add(launcher);
    try (Stream<Path> jars = Files.list(lambdaLib)) {
      jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(entries::add);
    }
    if (entries.size() < 2) {
      throw new IllegalArgumentException("No jars in " + lambdaLib);
    }
    return new ColdStartHarness(java, entries, environment);
  }

  /**
   * What Lambda sets for a Java function that kv and the floor read, pointed at {@code endpoint}:
   * region, credentials (the emulator accepts any), table and store.
   */
  public static Map<String, String> functionEnvironment(String endpoint, String table) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_DEFAULT_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDKVBENCHCOLDSTART");
    env.put("AWS_SECRET_ACCESS_KEY", "kv-bench-secret");
    env.put("AWS_SESSION_TOKEN", "kv-bench-session");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "kv-bench");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("TABLE_NAME", table);
    env.put("KV_STORE", "dynamodb");
    env.put("KV_DYNAMODB_ENDPOINT", endpoint);
    return env;
  }

  /** One cold start of {@code target} with {@code jvmFlags}. */
  public ColdStartRun run(RuntimeStandIn.Target target, List<String> jvmFlags)
      throws IOException, InterruptedException {
    return run(target, jvmFlags, List.of("cpu"));
  }

  /**
   * One cold start of kv ({@code target} {@link RuntimeStandIn.Target#KV} or {@link
   * RuntimeStandIn.Target#KV_PRIMED}) whose first request is {@code first}, handed over as JSON
   * through the stream entry point the runtime calls.
   */
  public ColdStartRun run(RuntimeStandIn.Target target, List<String> jvmFlags, FirstRequest first)
      throws IOException, InterruptedException {
    if (target == RuntimeStandIn.Target.FLOOR) {
      throw new IllegalArgumentException("The floor only reads: it has no " + first);
    }
    return run(target, jvmFlags, List.of("cpu", "first=" + first.label()));
  }

  private ColdStartRun run(
      RuntimeStandIn.Target target, List<String> jvmFlags, List<String> options)
      throws IOException, InterruptedException {
    ProcessBuilder builder = builder(target, jvmFlags, List.of());
    builder.command().addAll(options);
    ChildJvm.Output output =
        ChildJvm.run(builder, RuntimeStandIn.RESULT_PREFIX, description(target), RUN_TIMEOUT);
    return ColdStartRun.parse(output.result(), output.launchToResultNanos());
  }

  /** The classes one cold start of {@code target} loads up to its first response. */
  public ClassLoading classLoading(RuntimeStandIn.Target target, List<String> jvmFlags)
      throws IOException, InterruptedException {
    ProcessBuilder builder = builder(target, jvmFlags, List.of("-Xlog:class+load=info:stdout"));
    return ClassLoading.count(
        ChildJvm.run(builder, RuntimeStandIn.RESULT_PREFIX, description(target), RUN_TIMEOUT)
            .lines());
  }

  /** The command line of a cold start, for the report. */
  public List<String> command(RuntimeStandIn.Target target, List<String> jvmFlags) {
    return command(target, jvmFlags, List.of());
  }

  private ProcessBuilder builder(
      RuntimeStandIn.Target target, List<String> jvmFlags, List<String> extra) {
    ProcessBuilder builder = new ProcessBuilder(command(target, jvmFlags, extra));
    Map<String, String> env = builder.environment();
    String path = env.get("PATH");
    env.clear();
    if (path != null) {
      env.put("PATH", path);
    }
    env.putAll(environment);
    return builder;
  }

  private List<String> command(
      RuntimeStandIn.Target target, List<String> jvmFlags, List<String> extra) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmFlags);
    command.addAll(extra);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(RuntimeStandIn.class.getName());
    command.add(target.label());
    command.add(ABSENT_KEY);
    if (runtimeSerialization) {
      command.add("runtime-serialization");
    }
    return command;
  }

  private static String description(RuntimeStandIn.Target target) {
    return "The " + target.label() + " cold start";
  }
}
