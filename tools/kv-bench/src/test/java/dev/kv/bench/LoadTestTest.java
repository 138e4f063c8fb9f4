package dev.kv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadTestTest {

  private static final String REPORT =
      String.join(
          "\n",
          "Running 15s test @ http://127.0.0.1:41234/key/bench/hit",
          "  1 threads and 64 connections",
          "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
          "    Latency     2.10ms    1.20ms  40.00ms   90.00%",
          "    Req/Sec    30.12k     2.00k   35.00k    70.00%",
          "  Latency Distribution",
          "     50%  812.00us",
          "     75%    1.50ms",
          "     90%    3.00ms",
          "     99%    6.25ms",
          "  451234 requests in 15.00s, 500.00MB read",
          "  Socket errors: connect 0, read 2, write 0, timeout 1",
          "  Non-2xx or 3xx responses: 3",
          "Requests/sec:  30082.27",
          "Transfer/sec:     33.33MB",
          "");

  @Test
  void readsRateLatenciesAndErrorsFromWrkReport() {
    LoadTest.Row row = LoadTest.parse("GET", REPORT);

    assertThat(row.name()).isEqualTo("GET");
    assertThat(row.requestsPerSecond()).isEqualTo(30082.27);
    assertThat(row.p50Millis()).isEqualTo(0.812);
    assertThat(row.p99Millis()).isEqualTo(6.25);
    assertThat(row.requests()).isEqualTo(451234);
    assertThat(row.errors()).isEqualTo(6);
  }

  @Test
  void outputThatIsNoWrkReportIsRejected() {
    assertThatThrownBy(() -> LoadTest.parse("GET", "unable to connect"))
        .isInstanceOf(IllegalStateException.class);
  }
}
