package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.list;
import static dev.kv.cloudformation.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The GitHub workflows: minimal permissions, no stored AWS keys, deploy through OIDC. */
class WorkflowsTest {

  static final Path WORKFLOWS = Template.DIRECTORY.resolveSibling(".github").resolve("workflows");

  static Stream<String> workflows() throws IOException {
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  private static Map<String, Object> read(String file) {
    return CloudFormationYaml.read(WORKFLOWS.resolve(file));
  }

  private static Map<String, Object> job(String file, String job) {
    return map(map(read(file).get("jobs")).get(job));
  }

  @Test
  void theWorkflowsExist() throws IOException {
    assertThat(workflows())
        .containsExactly("build.yml", "check.yml", "infra-check.yml", "release.yml");
  }

  @Test
  void releaseRunsOnVersionTagsAndOnlyItsGitHubReleaseJobMayWrite() {
    Map<String, Object> release = read("release.yml");
    assertThat(map(map(onKey(release)).get("push")).get("tags")).isEqualTo(List.of("v*"));
    map(release.get("jobs"))
        .forEach(
            (name, job) -> {
              Object contents = map(map(job).get("permissions")).get("contents");
              assertThat(contents)
                  .as("release.yml job " + name)
                  .isEqualTo(name.equals("github-release") ? "write" : "read");
            });
  }

  @Test
  void releaseTakesTheCentralTokenAndTheSigningKeyFromSecrets() throws IOException {
    Map<String, Object> publish = job("release.yml", "publish");
    List<Object> steps = list(publish.get("steps"));
    assertThat(steps)
        .anySatisfy(
            step -> {
              assertThat(map(map(step).get("env")))
                  .containsEntry("CENTRAL_TOKEN_USERNAME", "${{ secrets.CENTRAL_TOKEN_USERNAME }}")
                  .containsEntry("CENTRAL_TOKEN_PASSWORD", "${{ secrets.CENTRAL_TOKEN_PASSWORD }}")
                  .containsEntry("MAVEN_GPG_PASSPHRASE", "${{ secrets.GPG_PASSPHRASE }}");
              assertThat((String) map(step).get("run")).contains("-P release").contains("deploy");
            });
    assertThat(Files.readString(WORKFLOWS.resolve("release.yml")))
        .doesNotContain("BEGIN PGP")
        .contains("gpg-private-key: ${{ secrets.GPG_PRIVATE_KEY }}");
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void permissionsAreReadOnlyByDefaultAndSetPerJob(String file) {
    Map<String, Object> workflow = read(file);
    assertThat(workflow.get("permissions")).as(file).isEqualTo(Map.of("contents", "read"));
    map(workflow.get("jobs"))
        .forEach(
            (name, job) ->
                assertThat(map(job)).as(file + " job " + name).containsKey("permissions"));
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void noWorkflowUsesLongLivedAwsKeys(String file) throws IOException {
    String text = Files.readString(WORKFLOWS.resolve(file));
    assertThat(text)
        .doesNotContain("aws-access-key-id", "aws-secret-access-key", "AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void onlyTheDeployJobMayRequestAnOidcToken() throws IOException {
    for (String file : workflows().toList()) {
      map(read(file).get("jobs"))
          .forEach(
              (name, job) -> {
                Object idToken = map(map(job).get("permissions")).get("id-token");
                if (!(file.equals("build.yml") && name.equals("deploy"))) {
                  assertThat(idToken).as(file + " job " + name).isNull();
                }
              });
    }
  }

  @Test
  void deployAssumesTheRoleInAnEnvironmentAndRunsToolsDeploy() {
    Map<String, Object> deploy = job("build.yml", "deploy");
    assertThat(map(deploy.get("permissions")))
        .containsEntry("id-token", "write")
        .containsEntry("contents", "read");
    assertThat(map(deploy.get("environment"))).containsEntry("name", "production");
    List<Object> steps = list(deploy.get("steps"));
    assertThat(steps)
        .anySatisfy(
            step -> {
              assertThat((String) map(step).get("uses"))
                  .startsWith("aws-actions/configure-aws-credentials@");
              assertThat(map(map(step).get("with"))).containsKey("role-to-assume");
            });
    assertThat(steps)
        .anySatisfy(
            step ->
                assertThat((String) map(step).get("run"))
                    .contains("tools/deploy")
                    .contains("--skip-cicd"));
  }

  @Test
  void deployRunsOnlyOnMain() {
    Map<String, Object> on = map(onKey(read("build.yml")));
    assertThat(map(on.get("push")).get("branches")).isEqualTo(List.of("main"));
    assertThat(on).doesNotContainKey("pull_request");
  }

  @Test
  void checkBuildsOnJava17And21WithCfnLintAndNode() {
    Map<String, Object> build = job("check.yml", "build");
    assertThat(map(map(build.get("strategy")).get("matrix")).get("java"))
        .isEqualTo(List.of("17", "21"));
    List<Object> steps = list(build.get("steps"));
    assertThat(steps)
        .anySatisfy(
            step -> assertThat((String) map(step).get("uses")).startsWith("actions/setup-node@"));
    assertThat(steps)
        .anySatisfy(
            step ->
                assertThat((String) map(step).get("run"))
                    .contains("pip install -r cloudformation/lint/requirements.txt"));
    assertThat(steps)
        .anySatisfy(
            step -> assertThat((String) map(step).get("run")).isEqualTo("./mvnw -B verify"));
  }

  /** YAML 1.1 reads the key {@code on} as the boolean true. */
  private static Object onKey(Map<String, Object> workflow) {
    Map<?, ?> raw = workflow;
    return raw.containsKey("on") ? raw.get("on") : raw.get(Boolean.TRUE);
  }
}
