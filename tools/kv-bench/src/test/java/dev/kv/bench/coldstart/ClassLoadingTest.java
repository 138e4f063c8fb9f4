package dev.kv.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLoadingTest {

  @Test
  void countsEachSourceUpToTheResultLine() {
    List<String> log =
        List.of(
            "[0.010s][info][class,load] java.lang.Object source: shared objects file",
            "[0.020s][info][class,load] java.net.JarURLConnection source: jrt:/java.base",
            "[0.030s][info][class,load] dev.kv.lambda.KvApiHandler source: file:/l/kv.jar",
            "[0.031s][info][class,load] dev.kv.bench.coldstart.RuntimeStandIn source: file:/b.jar",
            "[0.040s][info][class,load] software.amazon.awssdk.utils.Validate source: file:/u.jar",
            "[0.050s][info][class,load] org.joda.time.DateTime source: file:/l/joda.jar",
            "[0.060s][info][class,load] dev.kv.lambda.X$$Lambda$1/0x0000000800c source: dev.kv.lambda.X",
            "{\"level\":\"INFO\",\"message\":\"request\"}",
            "[0.070s][info][class,load] java.lang.invoke.LambdaForm$MH/0x1 source: __JVM_LookupDefineClass__",
            "kv-bench-coldstart target=kv status=404 initNanos=1 firstResponseNanos=2",
            "[0.080s][info][class,load] java.lang.Shutdown source: shared objects file");

    assertThat(ClassLoading.count(log)).isEqualTo(new ClassLoading(8, 2, 1, 4, 2, 1, 1, 1));
  }
}
