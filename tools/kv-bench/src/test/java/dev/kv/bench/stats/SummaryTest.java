package dev.kv.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void quartilesInterpolateBetweenRanks() {
    Summary summary = Summary.of(List.of(5, 1, 4, 2, 3));

    assertThat(summary.count()).isEqualTo(5);
    assertThat(summary.min()).isEqualTo(1);
    assertThat(summary.q1()).isEqualTo(2);
    assertThat(summary.median()).isEqualTo(3);
    assertThat(summary.q3()).isEqualTo(4);
    assertThat(summary.max()).isEqualTo(5);
    assertThat(summary.iqr()).isEqualTo(2);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Summary.of(List.of(10.0, 40.0, 20.0, 30.0)).median()).isEqualTo(25.0);
  }

  @Test
  void oneValueIsEveryStatistic() {
    Summary summary = Summary.of(List.of(7L));

    assertThat(List.of(summary.min(), summary.q1(), summary.median(), summary.q3(), summary.max()))
        .containsOnly(7.0);
  }

  @Test
  void noValuesIsRejected() {
    assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
