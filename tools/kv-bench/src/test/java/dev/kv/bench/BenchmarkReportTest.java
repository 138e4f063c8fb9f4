package dev.kv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.bench.coldstart.ColdStartRun;
import dev.kv.bench.coldstart.FirstRequest;
import dev.kv.bench.coldstart.PrimingSeries;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

  private static final long MS = 1_000_000;

  @Test
  void thePrimingTableHasTheFirstRequestOfEveryRouteInBothColumnsAndTheInit() {
    // Per route, first requests of 100, 200, 300 and 400 ms unprimed and a tenth of that primed;
    // init 500 ms unprimed, 1000 ms primed.
    Map<FirstRequest, List<ColdStartRun>> plain = new EnumMap<>(FirstRequest.class);
    Map<FirstRequest, List<ColdStartRun>> primed = new EnumMap<>(FirstRequest.class);
    for (FirstRequest route : FirstRequest.values()) {
      long first = 100 * (route.ordinal() + 1) * MS;
      plain.put(route, List.of(run("kv", 500 * MS, first), run("kv", 500 * MS, first)));
      primed.put(
          route,
          List.of(
              run("kv_primed", 1000 * MS, first / 10), run("kv_primed", 1000 * MS, first / 10)));
    }
    StringBuilder md = new StringBuilder();

    report(new PrimingSeries(plain, primed)).priming(md);

    List<String> rows = tableRows(md.toString());
    assertThat(rows)
        .containsExactly(
            "| first request `GET /key/kv-bench/absent` (2+2 JVMs) | **100** (100–100; 100–100) |"
                + " **10** (10–10; 10–10) | **0.10** |",
            "| first request `PUT /key/kv-bench/written` (2+2 JVMs) | **200** (200–200; 200–200) |"
                + " **20** (20–20; 20–20) | **0.10** |",
            "| first request `DELETE /key/kv-bench/absent` (2+2 JVMs) | **300** (300–300;"
                + " 300–300) | **30** (30–30; 30–30) | **0.10** |",
            "| first request `GET /key?prefix=kv-bench/absent/` (2+2 JVMs) | **400** (400–400;"
                + " 400–400) | **40** (40–40; 40–40) | **0.10** |",
            "| init (constructor, and priming), all routes | **500** (500–500; 500–500) | **1000**"
                + " (1000–1000; 1000–1000) | 2.00 |");
  }

  @Test
  void thePrimingTableTakesEachRoutesOwnRuns() {
    Map<FirstRequest, List<ColdStartRun>> plain = new EnumMap<>(FirstRequest.class);
    Map<FirstRequest, List<ColdStartRun>> primed = new EnumMap<>(FirstRequest.class);
    for (FirstRequest route : FirstRequest.values()) {
      List<ColdStartRun> runs = new ArrayList<>();
      for (int i = 0; i <= route.ordinal(); i++) {
        runs.add(run("kv", 500 * MS, 50 * MS));
      }
      plain.put(route, runs);
      primed.put(route, List.of(run("kv_primed", 900 * MS, 5 * MS)));
    }
    StringBuilder md = new StringBuilder();

    report(new PrimingSeries(plain, primed)).priming(md);

    assertThat(md.toString())
        .contains("`GET /key/kv-bench/absent` (1+1 JVMs)")
        .contains("`PUT /key/kv-bench/written` (2+1 JVMs)")
        .contains("`DELETE /key/kv-bench/absent` (3+1 JVMs)")
        .contains("`GET /key?prefix=kv-bench/absent/` (4+1 JVMs)");
  }

  private static BenchmarkReport report(PrimingSeries priming) {
    return new BenchmarkReport(
        "",
        List.of(),
        priming,
        null,
        null,
        null,
        List.of(),
        "",
        java.util.Optional.empty(),
        List.of(),
        "");
  }

  private static ColdStartRun run(String target, long init, long firstRequest) {
    return new ColdStartRun(
        target, "404", init + firstRequest + 100 * MS, init, init + firstRequest, -1);
  }

  /** The table's rows after its header and separator. */
  private static List<String> tableRows(String markdown) {
    List<String> lines = markdown.lines().filter(l -> l.startsWith("|")).toList();
    assertThat(lines.get(0)).isEqualTo("| ms | kv | kv, primed | primed / kv |");
    return lines.subList(2, lines.size());
  }
}
