package dev.kv.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link HandlerBenchmark} with the GC profiler and reads out percentiles and allocation. */
final class JmhSuite {

  /**
   * One benchmark's figures.
   *
   * @param name the benchmark method
   * @param p50 median time per call, µs
   * @param p90 90th percentile, µs
   * @param p99 99th percentile, µs
   * @param mean mean, µs
   * @param samples how many calls were timed
   * @param allocatedBytes bytes allocated per call ({@code gc.alloc.rate.norm}), or NaN
   */
  record Row(
      String name,
      double p50,
      double p90,
      double p99,
      double mean,
      long samples,
      double allocatedBytes) {}

  private JmhSuite() {}

  /**
   * Runs the benchmarks; {@code quick} trades precision for a short smoke run (one fork, short
   * iterations). The JMH log goes to {@code log}, the raw results as JSON to {@code json}.
   */
  static List<Row> run(boolean quick, Path log, Path json) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(HandlerBenchmark.class.getName() + "\\.")
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .output(log.toString())
            .result(json.toString())
            .resultFormat(ResultFormatType.JSON);
    if (quick) {
      options
          .forks(1)
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(2)
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    List<Row> rows = new ArrayList<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      Result<?> primary = result.getPrimaryResult();
      double allocated = Double.NaN;
      for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
        if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
          allocated = secondary.getValue().getScore();
        }
      }
      rows.add(
          new Row(
              benchmark.substring(benchmark.lastIndexOf('.') + 1),
              primary.getStatistics().getPercentile(50),
              primary.getStatistics().getPercentile(90),
              primary.getStatistics().getPercentile(99),
              primary.getStatistics().getMean(),
              primary.getStatistics().getN(),
              allocated));
    }
    return rows;
  }
}
