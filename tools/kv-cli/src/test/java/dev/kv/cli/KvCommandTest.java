package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help, version, and exit codes for wrong usage. */
class KvCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int kv(String... args) {
    CliRun run = CliRun.kv("", args);
    out.append(run.out());
    err.append(run.err());
    return run.status();
  }

  @org.junit.jupiter.api.Test
  void helpDescribesListingOrderDelimiterConsistencyAndMigration() {
    assertThat(kv("--help")).isEqualTo(Kv.OK);
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("ascending order of their UTF-8 bytes")
        .contains("delimiter groups keys into common prefixes")
        .contains("may lag a write briefly; GET is strongly consistent")
        .contains("'kv table migrate'");
    out.getBuffer().setLength(0);
    assertThat(kv("table", "migrate", "--help")).isEqualTo(Kv.OK);
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("never undoes a concurrent write")
        .contains("Idempotent");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelp(String command) {
    String[] args = (command + " --help").strip().split(" ");

    assertThat(kv(args)).isEqualTo(Kv.OK);
    assertThat(out.toString()).startsWith("Usage: kv").contains("--help").contains("--version");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandPrintsTheVersion(String command) {
    String[] args = (command + " --version").strip().split(" ");

    assertThat(kv(args)).isEqualTo(Kv.OK);
    assertThat(out.toString()).startsWith("kv " + CliVersion.PROJECT + "\n");
    assertThat(CliVersion.PROJECT).isNotEqualTo("unknown").doesNotContain("${");
  }

  /** Every command and subcommand of kv, by the words that name it ("" is kv itself). */
  static Stream<String> commands() {
    return Stream.of(
        "",
        "serve",
        "invoke",
        "table",
        "table create",
        "table describe",
        "table delete",
        "table populate",
        "table migrate",
        "get",
        "put",
        "delete",
        "list",
        "head");
  }

  @Test
  void noCommandIsWrongUsage() {
    assertThat(kv()).isEqualTo(Kv.USAGE);
    assertThat(err.toString())
        .contains("Commands:")
        .contains("serve")
        .contains("invoke")
        .contains("table");
  }

  @Test
  void tableWithoutASubcommandIsWrongUsage() {
    assertThat(kv("table")).isEqualTo(Kv.USAGE);
    assertThat(err.toString()).contains("create").contains("populate");
  }

  @Test
  void unknownCommandSuggestsTheNearestOne() {
    assertThat(kv("serv")).isEqualTo(Kv.USAGE);
    assertThat(err.toString()).contains("kv serve");
  }

  @Test
  void unknownOptionIsWrongUsage() {
    assertThat(kv("serve", "--prot", "1")).isEqualTo(Kv.USAGE);
    assertThat(err.toString()).startsWith("kv: Unknown option");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"--port=-1", "--port=65536", "--port=http", "--threads=0", "--store=redis"})
  void invalidServeOptionsAreWrongUsage(String option) {
    assertThat(kv("serve", option)).isEqualTo(Kv.USAGE);
    assertThat(err.toString()).startsWith("kv: ").contains("kv serve --help");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--table=t",
        "--endpoint=http://localhost:8000",
        "--region=eu-west-1",
        "--create-table"
      })
  void dynamoDbOptionsWithTheMemoryStoreAreWrongUsage(String option) {
    assertThat(kv("serve", option)).isEqualTo(Kv.USAGE);
    assertThat(err.toString()).contains("applies to --store dynamodb only");
  }

  @Test
  void unknownHostIsWrongUsage() {
    assertThat(kv("serve", "--host", "no-such-host.invalid")).isEqualTo(Kv.USAGE);
    assertThat(err.toString()).contains("--host");
  }
}
