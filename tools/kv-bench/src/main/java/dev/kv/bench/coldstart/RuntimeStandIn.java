package dev.kv.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The child side of the cold-start harness: does in a fresh JVM what the Lambda Java runtime does
 * on a cold start, and nothing else. It loads the handler class by name, calls its no-arg
 * constructor (the function's init), hands it one event and prints, on one line, how long that took
 * from {@code main}. The parent measures the same from process launch.
 *
 * <p>Arguments: {@code kv KEY} (the kv handler, a {@code GET /key/KEY} API Gateway event), {@code
 * kv_primed KEY} (the same after SnapStart priming) or {@code floor KEY} ({@link FloorHandler}, the
 * key itself), then optionally {@code cpu} to report the CPU time the process had used by the first
 * response (Linux; all threads, JIT and GC included), {@code runtime-serialization} to pass the
 * event through the runtime's serializer ({@link RuntimeSerialization}), or {@code first=ROUTE} to
 * send kv, instead of the GET built in code, one {@link FirstRequest} as JSON through its stream
 * entry point, as the runtime does. A machine shared with other work stretches wall times; CPU time
 * much less.
 */
public final class RuntimeStandIn {

  /** Prefix of the result line the parent looks for. */
  public static final String RESULT_PREFIX = "kv-bench-coldstart ";

  /** The handler class the runtime loads for the kv function (as in cloudformation/backend.yml). */
  public static final String KV_HANDLER = "dev.kv.lambda.KvApiHandler";

  private RuntimeStandIn() {}

  /** Runs one cold start and prints the result line. */
  public static void main(String[] args) throws Exception {
    long mainStart = System.nanoTime();
    Target target = Target.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    String key = args[1];
    boolean cpu = false;
    boolean runtimeSerialization = false;
    String first = null;
    for (int i = 2; i < args.length; i++) {
      cpu |= args[i].equals("cpu");
      runtimeSerialization |= args[i].equals("runtime-serialization");
      if (args[i].startsWith("first=")) {
        first = args[i].substring("first=".length());
      }
    }
    Class<?> type = Class.forName(target.handlerClass());
    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> handler =
        (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
    if (target == Target.KV_PRIMED) {
      ProxyEventFixture.prime(handler);
    }
    long initDone = System.nanoTime();
    String status;
    if (first != null) {
      status =
          ProxyEventFixture.streamStatus(
              handler, FirstRequest.valueOf(first.toUpperCase(java.util.Locale.ROOT)).json());
    } else if (runtimeSerialization) {
      status =
          target == Target.FLOOR
              ? RuntimeSerialization.invokeFloor(handler, key)
              : RuntimeSerialization.invokeKv(handler);
    } else if (target == Target.FLOOR) {
      status = String.valueOf(handler.handleRequest(key, null));
    } else {
      status = ProxyEventFixture.status(handler.handleRequest(ProxyEventFixture.getKey(key), null));
    }
    long responded = System.nanoTime();
    long cpuNanos = cpu ? processCpuNanos() : -1;
    // A StringBuilder, not '+': the first '+' would bootstrap an invokedynamic call site, and
    // the class-count run counts everything loaded before this line is printed.
    StringBuilder line = new StringBuilder(RESULT_PREFIX);
    line.append("target=").append(target.label());
    line.append(" status=").append(status);
    line.append(" initNanos=").append(initDone - mainStart);
    line.append(" firstResponseNanos=").append(responded - mainStart);
    line.append(" cpuNanos=").append(cpuNanos);
    System.out.println(line);
    System.out.flush();
    // The runtime would now wait for the next event; the measurement is over.
    System.exit(0);
  }

  /** User and system CPU time of this process so far, from /proc/self/stat; -1 elsewhere. */
  private static long processCpuNanos() {
    try {
      String stat =
          new String(
              java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")),
              java.nio.charset.StandardCharsets.US_ASCII);
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** USER_HZ of Linux on every common architecture. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  /** What a cold start runs: the kv function, or the floor it is compared with. */
  public enum Target {
    /** The kv handler, as deployed. */
    KV(KV_HANDLER),
    /**
     * The kv handler, then its SnapStart priming ({@code beforeCheckpoint}) before the event: what
     * the first request after a restore finds loaded, restore costs aside. Its init includes the
     * priming.
     */
    KV_PRIMED(KV_HANDLER),
    /** The least a Java function reading one DynamoDB item can do: {@link FloorHandler}. */
    FLOOR("dev.kv.bench.coldstart.FloorHandler");

    private final String handlerClass;

    Target(String handlerClass) {
      this.handlerClass = handlerClass;
    }

    String handlerClass() {
      return handlerClass;
    }

    /** The name on the command line and in reports. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
