package dev.kv.bench.coldstart;

import dev.kv.bench.stats.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What SnapStart priming buys the first request of each kind: fresh JVMs of kv as deployed and of
 * kv primed ({@code beforeCheckpoint}) before its first event, one JVM per {@link FirstRequest} and
 * column, so that every request measured is the first its JVM handles. The event arrives as JSON
 * through the stream entry point, as from the Lambda runtime. Runs are interleaved: every round
 * runs each route once unprimed and once primed, the routes' order rotating from round to round and
 * each route's primed/unprimed order alternating. Restore costs are not part of it; the first
 * request's time is.
 *
 * @param plain kv runs without priming, by first request
 * @param primed kv runs with priming before the first event, by first request
 */
public record PrimingSeries(
    Map<FirstRequest, List<ColdStartRun>> plain, Map<FirstRequest, List<ColdStartRun>> primed) {

  /**
   * A series with runs of every route in both columns.
   *
   * @throws IllegalArgumentException when a route has no runs in either column
   */
  public PrimingSeries {
    plain = complete(plain, "unprimed");
    primed = complete(primed, "primed");
  }

  private static Map<FirstRequest, List<ColdStartRun>> complete(
      Map<FirstRequest, List<ColdStartRun>> runs, String column) {
    Map<FirstRequest, List<ColdStartRun>> copy = new EnumMap<>(FirstRequest.class);
    for (FirstRequest route : FirstRequest.values()) {
      List<ColdStartRun> list = runs.get(route);
      if (list == null || list.isEmpty()) {
        throw new IllegalArgumentException("No " + column + " run of " + route.description());
      }
      copy.put(route, List.copyOf(list));
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** Runs {@code rounds} rounds with {@code jvmFlags}; {@code progress} hears about each run. */
  public static PrimingSeries run(
      ColdStartHarness harness, List<String> jvmFlags, int rounds, Consumer<String> progress)
      throws IOException, InterruptedException {
    Map<FirstRequest, List<ColdStartRun>> plain = new EnumMap<>(FirstRequest.class);
    Map<FirstRequest, List<ColdStartRun>> primed = new EnumMap<>(FirstRequest.class);
    FirstRequest[] routes = FirstRequest.values();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < routes.length; i++) {
        FirstRequest route = routes[(round + i) % routes.length];
        for (RuntimeStandIn.Target target :
            (round + route.ordinal()) % 2 == 0
                ? List.of(RuntimeStandIn.Target.KV, RuntimeStandIn.Target.KV_PRIMED)
                : List.of(RuntimeStandIn.Target.KV_PRIMED, RuntimeStandIn.Target.KV)) {
          ColdStartRun run = harness.run(target, jvmFlags, route);
          if (!route.expectedStatuses().contains(run.status())) {
            throw new IllegalStateException(
                target.label()
                    + " answered "
                    + run.status()
                    + " to "
                    + route.description()
                    + ", not "
                    + route.expectedStatuses());
          }
          (target == RuntimeStandIn.Target.KV ? plain : primed)
              .computeIfAbsent(route, r -> new ArrayList<>())
              .add(run);
          progress.accept(
              String.format(
                  "priming %d/%d %s, first request %s: %.1f ms",
                  round + 1,
                  rounds,
                  target.label(),
                  route.description(),
                  firstRequestNanos(run) / 1e6));
        }
      }
    }
    return new PrimingSeries(plain, primed);
  }

  /** The first request of an unprimed function, ms. */
  public Summary plainFirstRequest(FirstRequest route) {
    return ColdStartRun.millis(plain.get(route), PrimingSeries::firstRequestNanos);
  }

  /** The first request after priming, ms. */
  public Summary primedFirstRequest(FirstRequest route) {
    return ColdStartRun.millis(primed.get(route), PrimingSeries::firstRequestNanos);
  }

  /** Init without priming, over the runs of every route, ms. */
  public Summary plainInit() {
    return ColdStartRun.millis(all(plain), ColdStartRun::initNanos);
  }

  /** Init with priming (what the snapshot takes longer to make), over every route's runs, ms. */
  public Summary primedInit() {
    return ColdStartRun.millis(all(primed), ColdStartRun::initNanos);
  }

  private static long firstRequestNanos(ColdStartRun run) {
    return run.mainToResponseNanos() - run.initNanos();
  }

  private static List<ColdStartRun> all(Map<FirstRequest, List<ColdStartRun>> runs) {
    List<ColdStartRun> all = new ArrayList<>();
    runs.values().forEach(all::addAll);
    return all;
  }
}
