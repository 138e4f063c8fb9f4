package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.list;
import static dev.kv.cloudformation.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cloudformation.PolicyStatements.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CI/CD stack: the artifact bucket, the OIDC deploy role and the deployment roles. */
class CicdTemplateTest {

  private final Template cicd = Template.load("cicd.yml");

  /** What the trust policy requires of the sub claim, by GitHubOidcSubject. */
  static final String SUB_WITH_WORKFLOW =
      "repo:${GitHubRepository}:environment:${GitHubEnvironment}"
          + ":job_workflow_ref:${GitHubRepository}/.github/workflows/build.yml@refs/heads/main";

  @Test
  void deployRoleTrustsOnlyOneRepositoryAndEnvironmentThroughOidc() {
    List<Statement> trust =
        PolicyStatements.of(cicd).stream()
            .filter(s -> s.where().equals("cicd.yml GitHubDeployRole (trust)"))
            .toList();
    assertThat(trust).hasSize(1);
    Map<String, Object> statement = trust.get(0).body();
    assertThat(statement.get("Action")).isEqualTo("sts:AssumeRoleWithWebIdentity");
    assertThat(map(statement.get("Principal"))).containsOnlyKeys("Federated");
    Map<String, Object> equals = map(map(statement.get("Condition")).get("StringEquals"));
    assertThat(equals)
        .containsEntry("token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
        .containsEntry(
            "token.actions.githubusercontent.com:sub",
            Map.of(
                "Fn::If",
                List.of(
                    "PinWorkflow",
                    Map.of("Fn::Sub", SUB_WITH_WORKFLOW),
                    Map.of(
                        "Fn::Sub", "repo:${GitHubRepository}:environment:${GitHubEnvironment}"))));
    assertThat(map(statement.get("Condition"))).containsOnlyKeys("StringEquals");
  }

  /**
   * The tightest subject is the default: the environment, the workflow file and the branch main
   * (GitHub puts job_workflow_ref into sub once the repository's subject template includes it).
   */
  @Test
  void deployRoleTrustsOnlyBuildYmlOnMainByDefault() {
    assertThat(cicd.parameterDefault("GitHubOidcSubject")).isEqualTo("environment-and-workflow");
    assertThat(map(cicd.root().get("Conditions")).get("PinWorkflow"))
        .isEqualTo(
            Map.of(
                "Fn::Equals",
                List.of(Map.of("Ref", "GitHubOidcSubject"), "environment-and-workflow")));
    assertThat(SUB_WITH_WORKFLOW)
        .endsWith("@refs/heads/main")
        .contains("/.github/workflows/build.yml@");
    assertThat(WorkflowsTest.WORKFLOWS.resolve("build.yml")).exists();
  }

  @Test
  void deployRoleCanDeployOnlyThroughCloudFormationsExecutionRole() {
    List<Statement> deploy = PolicyStatements.ofRole(cicd, "GitHubDeployRole");
    assertThat(deploy).isNotEmpty();
    List<String> actions = deploy.stream().flatMap(s -> s.actions().stream()).toList();
    assertThat(actions)
        .noneMatch(a -> a.startsWith("iam:") && !a.equals("iam:PassRole"))
        .noneMatch(
            a ->
                a.startsWith("dynamodb:") || a.startsWith("lambda:") || a.startsWith("apigateway:"))
        .noneMatch(
            a -> a.equals("cloudformation:DeleteStack") || a.equals("cloudformation:UpdateStack"));
    Statement passRole =
        deploy.stream().filter(s -> s.actions().contains("iam:PassRole")).findFirst().orElseThrow();
    assertThat(passRole.resources())
        .containsExactly(Map.of("Fn::GetAtt", List.of("CloudFormationExecutionRole", "Arn")));
    assertThat(map(map(passRole.body().get("Condition")).get("StringEquals")))
        .containsEntry("iam:PassedToService", "cloudformation.amazonaws.com");
  }

  @Test
  void deployRoleMayChangeOnlyTheBackendAndApiStacks() {
    for (Statement s : PolicyStatements.ofRole(cicd, "GitHubDeployRole")) {
      if (s.actions().stream()
          .anyMatch(
              a -> a.startsWith("cloudformation:") && !a.startsWith("cloudformation:Describe"))) {
        assertThat(s.resources())
            .map(SecurityRules::literal)
            .allMatch(
                r ->
                    r.contains(":stack/${NamePrefix}-backend/")
                        || r.contains(":stack/${NamePrefix}-api/"));
      }
    }
  }

  @Test
  void executionRoleCreatesOnlyRolesThatCarryTheBoundaryUnderTheAppPath() {
    for (Statement s : PolicyStatements.ofRole(cicd, "CloudFormationExecutionRole")) {
      for (String action : s.actions()) {
        if (!action.startsWith("iam:")) {
          continue;
        }
        assertThat(s.resources())
            .as(action)
            .map(SecurityRules::literal)
            .containsOnly("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/kv/${NamePrefix}/*");
        if (List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy")
            .contains(action)) {
          assertThat(map(map(s.body().get("Condition")).get("StringEquals")))
              .as(action)
              .containsEntry("iam:PermissionsBoundary", Map.of("Ref", "AppPermissionsBoundary"));
        }
        assertThat(action).isNotIn("iam:DeleteRolePermissionsBoundary", "iam:CreatePolicyVersion");
      }
    }
  }

  @Test
  void executionRoleCannotDeleteTheTable() {
    assertThat(PolicyStatements.ofRole(cicd, "CloudFormationExecutionRole"))
        .flatMap(Statement::actions)
        .doesNotContain("dynamodb:DeleteTable")
        .contains("dynamodb:CreateTable", "lambda:PublishVersion", "apigateway:POST");
  }

  @Test
  void artifactsExpire() {
    List<Object> rules =
        list(map(cicd.properties("ArtifactBucket").get("LifecycleConfiguration")).get("Rules"));
    assertThat(rules)
        .anySatisfy(
            rule -> {
              assertThat(map(rule))
                  .containsEntry("ExpirationInDays", Map.of("Ref", "ArtifactRetentionDays"));
              assertThat(map(rule)).containsKey("NoncurrentVersionExpiration");
            });
  }

  @Test
  void stacksShareValuesThroughExportsNamedAfterThePrefix() {
    for (String output :
        List.of(
            "ArtifactBucketName", "CloudFormationExecutionRoleArn", "AppPermissionsBoundaryArn")) {
      assertThat(map(map(cicd.outputs().get(output)).get("Export")).get("Name"))
          .isEqualTo(Map.of("Fn::Sub", "${NamePrefix}-" + output));
    }
  }
}
