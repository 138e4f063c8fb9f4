package dev.kv.bench.coldstart;

import dev.kv.bench.stats.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * What SnapStart priming buys the first request: fresh JVMs of kv as deployed and of kv primed
 * ({@code beforeCheckpoint}) before its first event, interleaved. Restore costs are not part of it;
 * the first request's time is.
 *
 * @param plain kv runs without priming
 * @param primed kv runs with priming before the first event
 */
public record PrimingSeries(List<ColdStartRun> plain, List<ColdStartRun> primed) {

  /** Runs {@code rounds} rounds with {@code jvmFlags}; {@code progress} hears about each run. */
  public static PrimingSeries run(
      ColdStartHarness harness, List<String> jvmFlags, int rounds, Consumer<String> progress)
      throws IOException, InterruptedException {
    List<ColdStartRun> plain = new ArrayList<>();
    List<ColdStartRun> primed = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (RuntimeStandIn.Target target :
          round % 2 == 0
              ? List.of(RuntimeStandIn.Target.KV, RuntimeStandIn.Target.KV_PRIMED)
              : List.of(RuntimeStandIn.Target.KV_PRIMED, RuntimeStandIn.Target.KV)) {
        ColdStartRun run = harness.run(target, jvmFlags);
        (target == RuntimeStandIn.Target.KV ? plain : primed).add(run);
        progress.accept(
            String.format(
                "priming %d/%d %s: first request %.1f ms",
                round + 1,
                rounds,
                target.label(),
                (run.mainToResponseNanos() - run.initNanos()) / 1e6));
      }
    }
    return new PrimingSeries(List.copyOf(plain), List.copyOf(primed));
  }

  /** The first request of an unprimed function, ms. */
  public Summary plainFirstRequest() {
    return millis(plain, r -> r.mainToResponseNanos() - r.initNanos());
  }

  /** The first request after priming, ms. */
  public Summary primedFirstRequest() {
    return millis(primed, r -> r.mainToResponseNanos() - r.initNanos());
  }

  /** Init without priming, ms. */
  public Summary plainInit() {
    return millis(plain, ColdStartRun::initNanos);
  }

  /** Init with priming (what the snapshot takes longer to make), ms. */
  public Summary primedInit() {
    return millis(primed, ColdStartRun::initNanos);
  }

  private static Summary millis(List<ColdStartRun> runs, ToLongFunction<ColdStartRun> metric) {
    List<Double> values = new ArrayList<>();
    for (ColdStartRun run : runs) {
      values.add(metric.applyAsLong(run) / 1e6);
    }
    return Summary.of(values);
  }
}
