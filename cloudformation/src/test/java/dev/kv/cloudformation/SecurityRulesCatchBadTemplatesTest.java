package dev.kv.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checks can fail: each fixture in {@code src/test/resources/fixtures} breaks one rule, and the
 * rules must report exactly that (and nothing else, so a fixture cannot pass by accident of another
 * finding).
 */
class SecurityRulesCatchBadTemplatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          role-wildcard-action.yaml          | wildcard action dynamodb:*
          role-star-resource.yaml            | wildcard resource * for [s3:GetObject]
          role-every-table.yaml              | wildcard resource (every table/*)
          role-any-account.yaml              | wildcard region or account
          role-not-action.yaml               | Allow with NotAction
          role-admin-policy.yaml             | AWS managed policy AdministratorAccess
          iam-user.yaml                      | AWS::IAM::User
          table-unencrypted.yaml             | table without server-side encryption
          table-not-retained.yaml            | table not retained
          bucket-unencrypted.yaml            | bucket without default encryption
          bucket-public-policy-allowed.yaml  | public access not blocked (BlockPublicPolicy)
          bucket-without-tls-only.yaml       | no bucket policy denying requests without TLS
          bucket-public-read.yaml            | allows everyone
          stage-unthrottled.yaml             | stage not throttled
          method-open-by-default.yaml        | defaults to NONE
          permission-any-source.yaml         | not scoped to this API's ARN
          permission-any-principal.yaml      | Lambda permission for principal *
          stage-throttling-lifted.yaml       | ThrottlingRateLimit of PUT /~1key~1{key+} lifts
          function-url.yaml                  | function URL (AuthType NONE) bypasses
          log-group-forever.yaml             | log group kept forever
          role-prefix-matches-other-deployments.yaml | also matches other deployments
          role-every-rest-api.yaml           | reaches every REST API (no aws:ResourceTag
          role-untagged-rest-api.yaml        | creates REST APIs without this deployment
          role-add-permission-any-principal.yaml | lambda:AddPermission for any principal
          role-deletes-access-log.yaml       | may delete the API access log group
          access-log-not-retained.yaml       | access log group not retained
          rest-api-tls-1-0.yaml              | REST API accepts TLS 1.0
          """)
  void securityRulesReportTheOneViolationOfEachBadFixture(String fixture, String expected) {
    assertThat(SecurityRules.check(Template.fixture(fixture)))
        .singleElement()
        .asString()
        .contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          function-extra-action.yaml   | grants dynamodb:Scan, which the adapter does not call
          function-query-on-table.yaml | is not the listing index of the function's table
          function-every-table.yaml    | is not the function's table
          function-other-table.yaml    | is not the function's table
          function-any-log-group.yaml  | is not the function's log group
          function-missing-action.yaml | lacks [dynamodb:Query]
          """)
  void executionRoleRulesReportTheOneViolationOfEachBadFixture(String fixture, String expected) {
    assertThat(ExecutionRoleRules.check(Template.fixture(fixture)))
        .singleElement()
        .asString()
        .contains(expected);
  }

  @Test
  void executionRoleRulesAcceptTheLeastPrivilegeShape() {
    assertThat(ExecutionRoleRules.check(Template.fixture("function-least-privilege.yaml")))
        .isEmpty();
  }

  /** The exceptions AWS imposes stay exceptions for exactly those actions. */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "logs:DeleteLogGroup, arn:aws:logs:eu-west-1:123456789012:log-group:*",
    "dynamodb:Scan, arn:aws:apigateway:eu-west-1::/restapis/*",
    "s3:GetObject, '*'",
  })
  void allowancesForWhatAwsRequiresDoNotExtendToOtherActions(String action, String resource) {
    Template template =
        Template.of(
            "inline.yaml",
            """
            Resources:
              Policy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [xray:PutTraceSegments, logs:DescribeLogGroups, apigateway:GET, %s]
                        Resource: "%s"
                        Condition:
                          StringEquals: { "aws:ResourceTag/kv:prefix": kv }
            """
                .formatted(action, resource));
    assertThat(SecurityRules.check(template))
        .singleElement()
        .asString()
        .contains("wildcard resource")
        .contains(action);
  }

  @Test
  void theWildcardTableFixtureIsAlsoCaughtByTheGeneralRules() {
    assertThat(SecurityRules.check(Template.fixture("function-every-table.yaml")))
        .anySatisfy(finding -> assertThat(finding).contains("every table/*"));
  }
}
