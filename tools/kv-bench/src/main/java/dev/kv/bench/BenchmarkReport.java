package dev.kv.bench;

import dev.kv.bench.coldstart.ClassLoading;
import dev.kv.bench.coldstart.ColdStartHarness;
import dev.kv.bench.coldstart.ColdStartSeries;
import dev.kv.bench.coldstart.FirstRequest;
import dev.kv.bench.coldstart.PrimingSeries;
import dev.kv.bench.stats.Summary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown report of one run of the suite: cold start against the floor, classes loaded,
 * artifact size, warm per-request cost, DynamoDB requests per operation and local throughput.
 *
 * @param header what ran where and when (free text, Markdown)
 * @param coldStarts one series per JVM flag set
 * @param priming kv with and without SnapStart priming, each kind of first request, Lambda flags
 * @param kvClasses classes the kv cold start loads
 * @param floorClasses classes the floor cold start loads
 * @param artifact the deployment zip
 * @param jmh the JMH rows, empty when skipped
 * @param jmhSettings how JMH ran, for the report
 * @param requestCounts the request-count test's table as printed, or empty
 * @param load the throughput rows, empty when not measured
 * @param loadNote how the throughput was measured, or why not
 */
record BenchmarkReport(
    String header,
    List<ColdStartSeries> coldStarts,
    PrimingSeries priming,
    ClassLoading kvClasses,
    ClassLoading floorClasses,
    ArtifactSize artifact,
    List<JmhSuite.Row> jmh,
    String jmhSettings,
    Optional<String> requestCounts,
    List<LoadTest.Row> load,
    String loadNote) {

  /** Name of the cold-start series whose events go through the runtime's serializer. */
  static final String RUNTIME_SERIALIZATION = "Lambda, through the runtime's serializer";

  /** Handler benchmarks and the bare store call each is compared with. */
  private static final Map<String, String> BARE =
      Map.of(
          "handlerGetHit", "storeGetHit",
          "handlerGetMiss", "storeGetMiss",
          "handlerGetHitJson", "storeGetHit",
          "handlerGetMissJson", "storeGetMiss",
          "handlerPut1KiB", "storePut1KiB",
          "handlerPut64KiB", "storePut64KiB",
          "handlerList10", "storeList10");

  /** A line of the request-count test's table: operation, count, request names. */
  private static final Pattern COUNT_LINE =
      Pattern.compile("^\\s*(.+?)\\s{2,}(\\d+)\\s+\\[(.*)\\]\\s*$");

  private static final List<String> HANDLER_ORDER =
      List.of(
          "handlerGetHit",
          "handlerGetMiss",
          "handlerGetHitJson",
          "handlerGetMissJson",
          "handlerPut1KiB",
          "handlerPut64KiB",
          "handlerList10");

  String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# kv benchmarks\n\n");
    md.append(header).append('\n');
    coldStart(md);
    priming(md);
    classes(md);
    artifact(md);
    jmh(md);
    requestCounts(md);
    load(md);
    return md.toString();
  }

  private void coldStart(StringBuilder md) {
    md.append("## Cold start: fresh JVM to first response\n\n");
    md.append(
        "Each run is a new JVM with the deployment zip's jars on the class path, the environment"
            + " Lambda gives a function, and dynalite on loopback as DynamoDB. **kv** loads"
            + " `dev.kv.lambda.KvApiHandler` by name, calls its no-arg constructor and hands it a"
            + " `GET /key/kv-bench/absent` API Gateway event (404). The **floor** does the least"
            + " any Java function reading DynamoDB does: it builds a `DynamoDbClient` the recommended"
            + " way (explicit region, environment credentials, url-connection client) and sends the"
            + " same strongly consistent GetItem. Runs alternate kv/floor (order swapped every round)"
            + " after one discarded warm-up pair.\n\n");
    md.append(
        "*launch → response*: from just before the parent launches the JVM until it reads the"
            + " result line (JVM start-up included). *main → response*: measured inside the JVM."
            + " *CPU time*: user + system time of the whole JVM (all threads, JIT and GC"
            + " included) up to the response, in 10 ms ticks; it shows the work done and suffers"
            + " far less than wall time from other load on the machine. *init*: the handler's"
            + " constructor. Milliseconds: **median** (interquartile range; min–max).\n\n");
    MarkdownTable table =
        new MarkdownTable("JVM flags", "measure", "kv", "floor", "kv / floor (medians)");
    for (ColdStartSeries series : coldStarts) {
      String flags =
          series.flagsName()
              + (series.jvmFlags().isEmpty()
                  ? ""
                  : " `" + String.join(" ", series.jvmFlags()) + "`")
              + ", "
              + series.kv().size()
              + "+"
              + series.floor().size()
              + " JVMs";
      table.row(
          flags,
          "launch → response",
          summary(series.kvLaunchToResponse()),
          summary(series.floorLaunchToResponse()),
          ratio(series.kvLaunchToResponse(), series.floorLaunchToResponse(), true));
      table.row(
          "",
          "main → response",
          summary(series.kvInMain()),
          summary(series.floorInMain()),
          ratio(series.kvInMain(), series.floorInMain(), false));
      table.row(
          "",
          "CPU time to response",
          summary(series.kvCpu()),
          summary(series.floorCpu()),
          ratio(series.kvCpu(), series.floorCpu(), false));
      table.row(
          "",
          "init (constructor)",
          summary(series.kvInit()),
          summary(series.floorInit()),
          ratio(series.kvInit(), series.floorInit(), false));
    }
    md.append(table).append('\n');
    md.append(
        "*"
            + RUNTIME_SERIALIZATION
            + "*: the event arrives as JSON, as from Lambda's runtime API. For a typed handler the"
            + " runtime's own serializer (`aws-lambda-java-serialization`, Jackson inside) builds"
            + " its input and output serializers, reads the event and writes the response: the"
            + " floor, a handler of strings (the cheapest typed input), pays that. kv has a"
            + " `handleRequest(InputStream, OutputStream, Context)` overload, which the runtime"
            + " prefers, and reads and writes the proxy JSON itself. The other series build the"
            + " event in code and call the typed method.\n\n");
    md.append(
        "Target: kv ≤ 1.15 × floor (launch → response). The ratio of medians of interleaved runs"
            + " is the figure to compare; absolute times depend on the machine and its load.\n\n");
  }

  void priming(StringBuilder md) {
    md.append("## SnapStart priming: the first request\n\n");
    md.append(
        "kv as deployed against kv whose `beforeCheckpoint` (what SnapStart runs before the"
            + " snapshot) ran before the first event, in fresh JVMs with the Lambda flags. Every"
            + " JVM handles one request, so each row is the first request of its JVMs: a read and a"
            + " delete of an absent key (one GetItem, one DeleteItem; 404), a write without"
            + " precondition (one UpdateItem; 201 or 204) and a listing of a prefix without keys"
            + " (one Query per shard of the listing index; 200). The event arrives as JSON through"
            + " the stream entry point, as from the Lambda runtime. Each round runs every route"
            + " unprimed and primed, the routes' order rotating and each route's order of the two"
            + " alternating. Priming sends a GET, a PUT and a DELETE whose `If-Match` cannot hold,"
            + " a listing and `GET /`: the first PUT after priming is a write priming never made."
            + " With SnapStart the init below happens once, before the snapshot; a restored"
            + " function starts from its end. Restore itself is not measured here.\n\n");
    MarkdownTable table = new MarkdownTable("ms", "kv", "kv, primed", "primed / kv");
    for (FirstRequest route : FirstRequest.values()) {
      table.row(
          "first request `"
              + route.description()
              + "` ("
              + priming.plain().get(route).size()
              + "+"
              + priming.primed().get(route).size()
              + " JVMs)",
          summary(priming.plainFirstRequest(route)),
          summary(priming.primedFirstRequest(route)),
          ratio(priming.primedFirstRequest(route), priming.plainFirstRequest(route), true));
    }
    table.row(
        "init (constructor, and priming), all routes",
        summary(priming.plainInit()),
        summary(priming.primedInit()),
        ratio(priming.primedInit(), priming.plainInit(), false));
    md.append(table).append('\n');
  }

  private void classes(StringBuilder md) {
    md.append("## Classes loaded up to the first response\n\n");
    md.append(
        "One more cold start of each with `-Xlog:class+load` and the Lambda flags, counting every"
            + " class loaded before the result line.\n\n");
    MarkdownTable table = new MarkdownTable("classes", "kv", "floor", "kv − floor");
    ClassLoading kv = kvClasses;
    ClassLoading floor = floorClasses;
    table.row("total", n(kv.total()), n(floor.total()), diff(kv.total(), floor.total()));
    table.row("JDK", n(kv.jdk()), n(floor.jdk()), diff(kv.jdk(), floor.jdk()));
    table.row(
        "… of which from the CDS archive",
        n(kv.fromCds()),
        n(floor.fromCds()),
        diff(kv.fromCds(), floor.fromCds()));
    table.row("from the zip's jars", n(kv.jars()), n(floor.jars()), diff(kv.jars(), floor.jars()));
    table.row("… AWS SDK", n(kv.awsSdk()), n(floor.awsSdk()), diff(kv.awsSdk(), floor.awsSdk()));
    table.row("… kv", n(kv.kv()), n(floor.kv()), diff(kv.kv(), floor.kv()));
    table.row(
        "… Lambda events and core, joda-time",
        n(kv.lambdaLibraries()),
        n(floor.lambdaLibraries()),
        diff(kv.lambdaLibraries(), floor.lambdaLibraries()));
    table.row(
        "generated (lambdas, method handles, reflection)",
        n(kv.generated()),
        n(floor.generated()),
        diff(kv.generated(), floor.generated()));
    md.append(table).append('\n');
  }

  private void artifact(StringBuilder md) {
    md.append("## Deployment artifact\n\n");
    MarkdownTable table = new MarkdownTable("", "kv", "floor", "kv / floor");
    table.row(
        "zip size",
        mb(artifact.zipBytes()) + " (" + artifact.jars() + " jars)",
        mb(artifact.floorBytes()) + " (" + artifact.floorJars() + " jars)",
        String.format(Locale.ROOT, "%.2f", (double) artifact.zipBytes() / artifact.floorBytes()));
    md.append(table).append('\n');
    md.append(
        "The floor's zip is the same zip without the jars only kv needs: "
            + String.join(", ", artifact.kvOnly().stream().map(j -> "`" + j + "`").toList())
            + ".\n\n");
  }

  private void jmh(StringBuilder md) {
    md.append("## Warm per-request cost (JMH)\n\n");
    if (jmh.isEmpty()) {
      md.append("Not run.\n\n");
      return;
    }
    md.append(
        "`HandlerBenchmark`: one request through the whole handler (proxy event in, response"
            + " event out, request log line built and dropped) on the in-memory store, next to the"
            + " bare `InMemoryKeyValueStore` call it makes. "
            + jmhSettings
            + " Times in µs per call; allocation from `-prof gc` (`gc.alloc.rate.norm`).\n\n");
    MarkdownTable table =
        new MarkdownTable(
            "operation",
            "handler p50",
            "store p50",
            "handler overhead p50",
            "handler p99",
            "store p99",
            "handler B/op",
            "store B/op");
    for (String handler : HANDLER_ORDER) {
      Optional<JmhSuite.Row> h = row(handler);
      Optional<JmhSuite.Row> s = row(BARE.get(handler));
      if (h.isEmpty() || s.isEmpty()) {
        continue;
      }
      table.row(
          handler,
          micros(h.get().p50()),
          micros(s.get().p50()),
          "**" + micros(h.get().p50() - s.get().p50()) + "**",
          micros(h.get().p99()),
          micros(s.get().p99()),
          bytes(h.get().allocatedBytes()),
          bytes(s.get().allocatedBytes()));
    }
    md.append(table).append('\n');
    md.append(
        "Target: handler overhead ≤ 5 µs per GET at p50. The `…Json` rows are what Lambda runs:"
            + " the event JSON (a real API Gateway event with its dozen CloudFront headers) read"
            + " and the response JSON written by kv, work the runtime's serializer did before.\n\n");
  }

  private Optional<JmhSuite.Row> row(String name) {
    return jmh.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  private void requestCounts(StringBuilder md) {
    md.append("## DynamoDB requests per API operation\n\n");
    md.append(
        "Counted by `kv-dynamodb-adapter/src/test/java/dev/kv/dynamodb/DynamoDbRequestCountIT.java`"
            + " (an `ExecutionInterceptor` sees every HTTP attempt, retries included; the test"
            + " asserts exactly one request for each get, put and delete).\n\n");
    if (requestCounts.isEmpty()) {
      md.append("Not run this time.\n\n");
      return;
    }
    MarkdownTable table = new MarkdownTable("operation", "DynamoDB requests", "which");
    for (String line : requestCounts.get().split("\n")) {
      Matcher row = COUNT_LINE.matcher(line);
      if (row.matches()) {
        table.row(row.group(1), row.group(2), row.group(3));
      }
    }
    md.append(table).append('\n');
    md.append(
        "The two-request rows are the documented exceptions: a plain PUT over an item that has"
            + " expired but is not yet removed by DynamoDB's TTL (rare), and a 412 report against an"
            + " emulator that omits the item from the condition failure (never against DynamoDB)."
            + " See docs/design-decisions.md.\n\n");
  }

  private void load(StringBuilder md) {
    md.append("## Local server throughput (`kv serve`, in-memory)\n\n");
    md.append(loadNote).append("\n\n");
    if (load.isEmpty()) {
      return;
    }
    MarkdownTable table =
        new MarkdownTable("load", "requests/s", "p50 ms", "p99 ms", "requests", "errors");
    for (LoadTest.Row row : load) {
      table.row(
          row.name(),
          String.format(Locale.ROOT, "%,.0f", row.requestsPerSecond()),
          String.format(Locale.ROOT, "%.2f", row.p50Millis()),
          String.format(Locale.ROOT, "%.2f", row.p99Millis()),
          String.format(Locale.ROOT, "%,d", row.requests()),
          Long.toString(row.errors()));
    }
    md.append(table).append('\n');
  }

  static String summary(Summary s) {
    return String.format(
        Locale.ROOT,
        "**%.0f** (%.0f–%.0f; %.0f–%.0f)",
        s.median(),
        s.q1(),
        s.q3(),
        s.min(),
        s.max());
  }

  private static String ratio(Summary kv, Summary floor, boolean bold) {
    String ratio = String.format(Locale.ROOT, "%.2f", kv.median() / floor.median());
    return bold ? "**" + ratio + "**" : ratio;
  }

  private static String n(int count) {
    return Integer.toString(count);
  }

  private static String diff(int a, int b) {
    return String.format(Locale.ROOT, "%+d", a - b);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1_000_000.0);
  }

  private static String micros(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.3f" : "%.1f", value);
  }

  private static String bytes(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
  }

  /** The default flag set names, in report order. */
  static List<Map.Entry<String, List<String>>> flagSets() {
    return List.of(
        Map.entry("Lambda", ColdStartHarness.LAMBDA_FLAGS), Map.entry("JVM defaults", List.of()));
  }
}
