package dev.kv.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColdStartRunTest {

  @Test
  void readsTheChildsResultLine() {
    ColdStartRun run =
        ColdStartRun.parse(
            "kv-bench-coldstart target=kv status=404 initNanos=300 firstResponseNanos=500"
                + " cpuNanos=700",
            900);

    assertThat(run).isEqualTo(new ColdStartRun("kv", "404", 900, 300, 500, 700));
  }

  @Test
  void aLineWithoutTheTimesIsRejected() {
    assertThatThrownBy(() -> ColdStartRun.parse("kv-bench-coldstart target=kv status=404", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initNanos");
  }

  @Test
  void anyOtherLineIsRejected() {
    assertThatThrownBy(() -> ColdStartRun.parse("{\"level\":\"INFO\"}", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
