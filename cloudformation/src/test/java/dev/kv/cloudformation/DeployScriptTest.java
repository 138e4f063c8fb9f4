package dev.kv.cloudformation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/deploy} stops early and says why when AWS answers badly: the AWS CLI is replaced by
 * {@code src/test/resources/fake-aws/aws}, which answers as {@code FAKE_AWS_MODE} says.
 */
class DeployScriptTest {

  private static final Path SCRIPT = Template.DIRECTORY.resolveSibling("tools").resolve("deploy");
  private static final Path FAKE_AWS = Template.DIRECTORY.resolve("src/test/resources/fake-aws");

  @TempDir Path temp;

  private record Run(int exit, String err) {}

  private Run deploy(String mode, String... extra) throws Exception {
    Path artifact = Files.writeString(temp.resolve("kv-lambda.zip"), "not really a zip");
    FAKE_AWS.resolve("aws").toFile().setExecutable(true);
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "bash",
                SCRIPT.toString(),
                "--region",
                "eu-west-1",
                "--prefix",
                "kv-test",
                "--artifact",
                artifact.toString(),
                "--no-smoke-test"));
    command.addAll(List.of(extra));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(temp.resolve("out").toFile());
    builder.redirectError(temp.resolve("err").toFile());
    builder.environment().put("PATH", FAKE_AWS + ":" + System.getenv("PATH"));
    builder.environment().put("FAKE_AWS_MODE", mode);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), Files.readString(temp.resolve("err"), UTF_8));
  }

  @Test
  void missingCredentialsAreReportedFirstAndClearly() throws Exception {
    Run run = deploy("no-credentials", "--skip-cicd");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("no usable AWS credentials")
        .contains("Unable to locate credentials")
        .doesNotContain("does not exist");
  }

  @Test
  void aFailureToReadAStackIsNotTakenForAMissingStack() throws Exception {
    Run run = deploy("access-denied", "--skip-cicd");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("cannot read the status of stack kv-test-cicd")
        .contains("AccessDenied")
        .doesNotContain("does not exist; run once");
  }

  @Test
  void onlyDoesNotExistMeansAbsent() throws Exception {
    Run run = deploy("absent", "--skip-cicd");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("--skip-cicd: stack kv-test-cicd does not exist");
  }

  @Test
  void anEmptyExecutionRoleArnStopsTheDeployment() throws Exception {
    Run run = deploy("no-role", "--skip-cicd");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("has no CloudFormationExecutionRoleArn output");
  }
}
