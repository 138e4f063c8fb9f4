package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Where the client commands send requests, and when they sign them. */
class ClientOptionsTest {

  @Command(name = "probe")
  static final class Probe {
    @Mixin ClientOptions options = new ClientOptions();
  }

  private static ApiClient client(Map<String, String> variables, String... args) {
    Probe probe = new Probe();
    CommandLine command = new CommandLine(probe);
    command.parseArgs(args);
    Environment environment =
        new Environment(
            new ByteArrayInputStream(new byte[0]),
            variables,
            (server, stop) -> {
              throw new AssertionError();
            });
    return probe.options.client(command, environment);
  }

  @Test
  void defaultIsWhereKvServeListensByDefault() {
    ApiClient client = client(Map.of());

    assertThat(client.base()).hasToString("http://127.0.0.1:8080");
    assertThat(client.signed()).isFalse();
  }

  @Test
  void kvUrlBeatsTheDefaultAndUrlBeatsKvUrl() {
    assertThat(client(Map.of("KV_URL", "http://localhost:9000/")).base())
        .hasToString("http://localhost:9000");
    assertThat(
            client(Map.of("KV_URL", "http://localhost:9000"), "--url", "http://[::1]:7000/stage")
                .base())
        .hasToString("http://[::1]:7000/stage");
  }

  @Test
  void executeApiHostsAreSignedWithTheirRegion() {
    Map<String, String> keys =
        Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");

    ApiClient deployed =
        client(keys, "--url", "https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod");

    assertThat(deployed.signed()).isTrue();
    assertThat(client(keys, "--url", "http://127.0.0.1:1", "--sigv4", "--region", "us-east-1"))
        .extracting(ApiClient::signed)
        .isEqualTo(true);
    assertThat(client(keys, "--url", "https://example.com").signed()).isFalse();
  }

  @Test
  void signingWithoutARegionIsWrongUsage() {
    assertThatThrownBy(() -> client(Map.of(), "--url", "http://127.0.0.1:1", "--sigv4"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--region");
  }

  @Test
  void urlAndStackTogetherAreWrongUsage() {
    assertThatThrownBy(() -> client(Map.of(), "--url", "http://x", "--stack", "kv-prod"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }
}
