package dev.kv.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingSeriesTest {

  private static final ColdStartRun PLAIN = new ColdStartRun("kv", "404", 900, 500, 700, -1);
  private static final ColdStartRun PRIMED =
      new ColdStartRun("kv_primed", "404", 900, 800, 810, -1);

  @Test
  void aRouteWithoutRunsInEitherColumnIsRefused() {
    for (FirstRequest missing : FirstRequest.values()) {
      Map<FirstRequest, List<ColdStartRun>> complete = runs(null, PLAIN);
      Map<FirstRequest, List<ColdStartRun>> incomplete = runs(missing, PRIMED);

      assertThatThrownBy(() -> new PrimingSeries(complete, incomplete))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No primed run of " + missing.description());
      assertThatThrownBy(() -> new PrimingSeries(runs(missing, PLAIN), runs(null, PRIMED)))
          .hasMessage("No unprimed run of " + missing.description());
    }
  }

  @Test
  void theFirstRequestIsWhatFollowsTheInit() {
    PrimingSeries series = new PrimingSeries(runs(null, PLAIN), runs(null, PRIMED));

    for (FirstRequest route : FirstRequest.values()) {
      assertThat(series.plainFirstRequest(route).median()).isEqualTo(200e-6);
      assertThat(series.primedFirstRequest(route).median()).isEqualTo(10e-6);
    }
    assertThat(series.plainInit().count()).isEqualTo(FirstRequest.values().length);
    assertThat(series.primedInit().median()).isEqualTo(800e-6);
  }

  private static Map<FirstRequest, List<ColdStartRun>> runs(
      FirstRequest without, ColdStartRun run) {
    Map<FirstRequest, List<ColdStartRun>> runs = new EnumMap<>(FirstRequest.class);
    for (FirstRequest route : FirstRequest.values()) {
      if (route != without) {
        runs.put(route, List.of(run));
      }
    }
    return runs;
  }
}
