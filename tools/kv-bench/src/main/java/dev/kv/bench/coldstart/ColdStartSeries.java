package dev.kv.bench.coldstart;

import dev.kv.bench.stats.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cold starts of kv and of the floor with one set of JVM flags, interleaved so that machine noise
 * hits both alike: a discarded warm-up pair (file cache, the emulator's own warm-up), then rounds
 * of one kv and one floor start, the order alternating from round to round.
 *
 * @param flagsName a name for the flag set, for the report
 * @param jvmFlags the flags
 * @param kv the kv runs
 * @param floor the floor runs
 */
public record ColdStartSeries(
    String flagsName, List<String> jvmFlags, List<ColdStartRun> kv, List<ColdStartRun> floor) {

  /** Runs {@code rounds} rounds; {@code progress} hears about each run. */
  public static ColdStartSeries run(
      ColdStartHarness harness,
      String flagsName,
      List<String> jvmFlags,
      int rounds,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    harness.run(RuntimeStandIn.Target.KV, jvmFlags);
    harness.run(RuntimeStandIn.Target.FLOOR, jvmFlags);
    List<ColdStartRun> kv = new ArrayList<>();
    List<ColdStartRun> floor = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      boolean kvFirst = round % 2 == 0;
      for (RuntimeStandIn.Target target :
          kvFirst
              ? List.of(RuntimeStandIn.Target.KV, RuntimeStandIn.Target.FLOOR)
              : List.of(RuntimeStandIn.Target.FLOOR, RuntimeStandIn.Target.KV)) {
        ColdStartRun run = harness.run(target, jvmFlags);
        if (!run.status().equals("404")) {
          throw new IllegalStateException(
              target.label() + " answered " + run.status() + " for an absent key, not 404");
        }
        (target == RuntimeStandIn.Target.KV ? kv : floor).add(run);
        progress.accept(
            String.format(
                "cold start %s %d/%d %s: %.1f ms launch-to-response, %.1f ms in main, %.0f ms CPU",
                flagsName,
                round + 1,
                rounds,
                target.label(),
                run.launchToResponseNanos() / 1e6,
                run.mainToResponseNanos() / 1e6,
                run.cpuNanos() / 1e6));
      }
    }
    return new ColdStartSeries(
        flagsName, List.copyOf(jvmFlags), List.copyOf(kv), List.copyOf(floor));
  }

  /** kv's launch-to-response times in milliseconds. */
  public Summary kvLaunchToResponse() {
    return ColdStartRun.millis(kv, ColdStartRun::launchToResponseNanos);
  }

  /** The floor's launch-to-response times in milliseconds. */
  public Summary floorLaunchToResponse() {
    return ColdStartRun.millis(floor, ColdStartRun::launchToResponseNanos);
  }

  /** kv's main-to-response times in milliseconds. */
  public Summary kvInMain() {
    return ColdStartRun.millis(kv, ColdStartRun::mainToResponseNanos);
  }

  /** The floor's main-to-response times in milliseconds. */
  public Summary floorInMain() {
    return ColdStartRun.millis(floor, ColdStartRun::mainToResponseNanos);
  }

  /** kv's CPU time to the first response in milliseconds (10 ms resolution). */
  public Summary kvCpu() {
    return ColdStartRun.millis(kv, ColdStartRun::cpuNanos);
  }

  /** The floor's CPU time to the first response in milliseconds (10 ms resolution). */
  public Summary floorCpu() {
    return ColdStartRun.millis(floor, ColdStartRun::cpuNanos);
  }

  /** kv's init (the handler's constructor) in milliseconds. */
  public Summary kvInit() {
    return ColdStartRun.millis(kv, ColdStartRun::initNanos);
  }

  /** The floor's init in milliseconds. */
  public Summary floorInit() {
    return ColdStartRun.millis(floor, ColdStartRun::initNanos);
  }
}
