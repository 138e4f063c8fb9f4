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
    assertThat(on).doesNotContainKey("pull_request").doesNotContainKey("pull_request_target");
    assertThat(deployGuardFindings(job("build.yml", "deploy"))).isEmpty();
  }

  /** The deploy job's guard: main only, and only for a push or a manual run. */
  static List<String> deployGuardFindings(Map<String, Object> deploy) {
    Object guard = deploy.get("if");
    if (!(guard instanceof String condition)) {
      return List.of("deploy job without an if: guard");
    }
    String compact = condition.replace(" ", "");
    List<String> findings = new java.util.ArrayList<>();
    if (!compact.startsWith("github.ref=='refs/heads/main'&&")) {
      findings.add("deploy guard does not require github.ref == 'refs/heads/main': " + condition);
    }
    if (compact.contains("||") && !compact.contains("&&(")) {
      findings.add("deploy guard can be true without the branch check: " + condition);
    }
    if (!compact.contains("github.event_name=='push'")) {
      findings.add("deploy guard does not check the event: " + condition);
    }
    return findings;
  }

  @Test
  void theDeployGuardCheckCatchesAGuardThatLetsOtherBranchesThrough() {
    assertThat(deployGuardFindings(Map.of())).containsExactly("deploy job without an if: guard");
    assertThat(
            deployGuardFindings(
                Map.of("if", "github.ref == 'refs/heads/main' || github.event_name == 'push'")))
        .anySatisfy(f -> assertThat(f).contains("without the branch check"));
    assertThat(deployGuardFindings(Map.of("if", "github.event_name == 'push'")))
        .anySatisfy(f -> assertThat(f).contains("refs/heads/main"));
  }

  /**
   * The deploy role trusts only build.yml on main (cloudformation/cicd.yml): the workflow the trust
   * policy names must be this one, and its deploy job must run in the environment the role's
   * default names.
   */
  @Test
  void theDeployRolesTrustNamesThisWorkflowOnMain() {
    assertThat(CicdTemplateTest.SUB_WITH_WORKFLOW)
        .contains("/.github/workflows/build.yml@refs/heads/main");
    assertThat(map(job("build.yml", "deploy").get("environment")).get("name"))
        .isEqualTo(Template.load("cicd.yml").parameterDefault("GitHubEnvironment"));
  }

  private static final java.util.regex.Pattern PINNED =
      java.util.regex.Pattern.compile("^[\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v\\d+(\\.\\d+)*$");

  /** Every {@code uses:} line of a workflow that is not pinned to a commit with its version. */
  static List<String> unpinnedActions(String workflowText) {
    return workflowText
        .lines()
        .map(String::strip)
        .map(line -> line.startsWith("- ") ? line.substring(2).strip() : line)
        .filter(line -> line.startsWith("uses:"))
        .map(line -> line.substring("uses:".length()).strip())
        .filter(ref -> !ref.startsWith("./") && !PINNED.matcher(ref).matches())
        .toList();
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void everyActionIsPinnedToAFullCommitShaWithItsVersion(String file) throws IOException {
    String text = Files.readString(WORKFLOWS.resolve(file));
    assertThat(text).contains("uses:");
    assertThat(unpinnedActions(text)).as(file).isEmpty();
  }

  @Test
  void thePinCheckCatchesTagsBranchesAndShortShas() {
    assertThat(
            unpinnedActions(
                """
                steps:
                  - uses: actions/checkout@v6
                  - uses: actions/setup-node@main
                  - uses: actions/setup-java@b6effb0 # v5.7.0
                  - uses: actions/setup-python@ece7cb06caefa5fff74198d8649806c4678c61a1
                  - uses: actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803 # v6.1.0
                """))
        .containsExactly(
            "actions/checkout@v6",
            "actions/setup-node@main",
            "actions/setup-java@b6effb0 # v5.7.0",
            "actions/setup-python@ece7cb06caefa5fff74198d8649806c4678c61a1");
  }

  @Test
  void dependabotKeepsThePinnedActionsCurrent() throws IOException {
    String dependabot = Files.readString(WORKFLOWS.getParent().resolve("dependabot.yml"));
    assertThat(dependabot).contains("package-ecosystem: github-actions");
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
