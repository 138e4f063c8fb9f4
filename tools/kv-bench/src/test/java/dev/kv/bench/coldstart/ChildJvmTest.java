package dev.kv.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

  /** The child: prints its arguments, one a line, then exits with the status given first. */
  public static final class Echo {
    public static void main(String[] args) {
      for (int i = 1; i < args.length; i++) {
        System.out.println(args[i]);
      }
      System.exit(Integer.parseInt(args[0]));
    }
  }

  @Test
  void theFirstLineWithThePrefixIsTheResultAndEveryLineIsKept() throws Exception {
    ChildJvm.Output output =
        ChildJvm.run(echo("0", "starting", "result: 1", "result: 2"), "result: ", "echo", TIMEOUT);

    assertThat(output.result()).isEqualTo("result: 1");
    assertThat(output.lines()).containsExactly("starting", "result: 1", "result: 2");
    assertThat(output.launchToResultNanos()).isPositive();
  }

  @Test
  void noResultLineFails() {
    assertThatThrownBy(() -> ChildJvm.run(echo("0", "nothing here"), "result: ", "echo", TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("echo printed no result")
        .hasMessageContaining("nothing here");
  }

  @Test
  void aFailedChildFailsEvenWithAResult() {
    assertThatThrownBy(() -> ChildJvm.run(echo("3", "result: 1"), "result: ", "echo", TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("echo failed (3)")
        .hasMessageContaining("result: 1");
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static ProcessBuilder echo(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Echo.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
