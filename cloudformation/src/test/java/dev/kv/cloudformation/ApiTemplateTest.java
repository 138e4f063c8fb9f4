package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.list;
import static dev.kv.cloudformation.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The API stack: routes, proxying to the alias, authorization and deployments. */
class ApiTemplateTest {

  private final Template api = Template.load("api.yml");

  private static final Object ALIAS_ARN =
      Map.of("Fn::ImportValue", Map.of("Fn::Sub", "${NamePrefix}-FunctionAliasArn"));

  @Test
  void routesAreRootKeyGreedyKeyPathAndACatchAllForTheFunctionsOwn404() {
    assertThat(api.properties("KeyResource"))
        .containsEntry("PathPart", "key")
        .containsEntry("ParentId", Map.of("Fn::GetAtt", List.of("RestApi", "RootResourceId")));
    assertThat(api.properties("KeyPathResource"))
        .containsEntry("PathPart", "{key+}")
        .containsEntry("ParentId", Map.of("Ref", "KeyResource"));
    assertThat(api.properties("RootMethod").get("ResourceId"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("RestApi", "RootResourceId")));
    assertThat(api.properties("KeyMethod").get("ResourceId"))
        .isEqualTo(Map.of("Ref", "KeyResource"));
    assertThat(api.properties("KeyPathMethod").get("ResourceId"))
        .isEqualTo(Map.of("Ref", "KeyPathResource"));
    assertThat(api.properties("ProxyResource"))
        .containsEntry("PathPart", "{proxy+}")
        .containsEntry("ParentId", Map.of("Fn::GetAtt", List.of("RestApi", "RootResourceId")));
    assertThat(api.properties("ProxyMethod").get("ResourceId"))
        .isEqualTo(Map.of("Ref", "ProxyResource"));
    assertThat(api.idsOfType("AWS::ApiGateway::Method")).hasSize(4);
  }

  @Test
  void everyMethodIsAnyProxiedToTheAlias() {
    for (String id : api.idsOfType("AWS::ApiGateway::Method")) {
      Map<String, Object> method = api.properties(id);
      assertThat(method.get("HttpMethod")).as(id).isEqualTo("ANY");
      Map<String, Object> integration = map(method.get("Integration"));
      assertThat(integration)
          .as(id)
          .containsEntry("Type", "AWS_PROXY")
          .containsEntry("IntegrationHttpMethod", "POST");
      List<Object> uri = list(map(integration.get("Uri")).get("Fn::Sub"));
      assertThat((String) uri.get(0)).as(id).endsWith("/functions/${AliasArn}/invocations");
      assertThat(map(uri.get(1)).get("AliasArn")).as(id).isEqualTo(ALIAS_ARN);
    }
  }

  @Test
  void bodiesPassThroughAsBinary() {
    assertThat(api.properties("RestApi").get("BinaryMediaTypes")).isEqualTo(List.of("*/*"));
  }

  @Test
  void authorizationIsAwsIamUnlessNoneIsChosenExplicitly() {
    Map<String, Object> parameter = map(api.parameters().get("AuthorizationType"));
    assertThat(parameter.get("Default")).isEqualTo("AWS_IAM");
    assertThat(parameter.get("AllowedValues")).isEqualTo(List.of("AWS_IAM", "NONE"));
    assertThat((String) parameter.get("Description")).contains("anyone on the internet");
    for (String id : api.idsOfType("AWS::ApiGateway::Method")) {
      assertThat(api.properties(id).get("AuthorizationType"))
          .as(id)
          .isEqualTo(Map.of("Ref", "AuthorizationType"));
    }
  }

  /**
   * The stage serves a deployment snapshot; only a new Deployment resource takes a new one. So
   * there is one Deployment per authorization type (switching creates the other), and their logical
   * ids end with a digest of the API's routes (changing a route requires new ids).
   */
  @Test
  void deploymentsAreNewWheneverTheRoutesOrTheAuthorizationChange() {
    List<String> deployments = api.idsOfType("AWS::ApiGateway::Deployment");
    List<Object> authorizationTypes =
        list(map(api.parameters().get("AuthorizationType")).get("AllowedValues"));
    assertThat(deployments).hasSameSizeAs(authorizationTypes);

    Map<String, Object> routes = new TreeMap<>();
    for (String type :
        List.of(
            "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method")) {
      api.idsOfType(type).forEach(id -> routes.put(id, api.resource(id)));
    }
    String digest = Template.digest(routes);
    List<String> conditions = new ArrayList<>();
    for (String id : deployments) {
      assertThat(id)
          .as(
              "routes changed: rename the Deployment resources (and their references) to end with %s",
              digest)
          .endsWith(digest);
      Map<String, Object> deployment = api.resource(id);
      conditions.add((String) deployment.get("Condition"));
      assertThat(list(deployment.get("DependsOn")))
          .containsExactlyInAnyOrderElementsOf(api.idsOfType("AWS::ApiGateway::Method"));
    }
    for (Object type : authorizationTypes) {
      assertThat(conditions)
          .as("a deployment for %s", type)
          .anySatisfy(
              c ->
                  assertThat(map(api.root().get("Conditions")).get(c))
                      .isEqualTo(
                          Map.of("Fn::Equals", List.of(Map.of("Ref", "AuthorizationType"), type))));
    }
    assertThat(Template.referencedNames(api.properties("Stage").get("DeploymentId")))
        .containsAll(deployments);
  }

  @Test
  void routesDependOnNoParameterButTheAuthorizationType() {
    for (String type :
        List.of(
            "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method")) {
      for (String id : api.idsOfType(type)) {
        assertThat(api.referencedParameters(api.resource(id)))
            .as("%s: a parameter here would change the API without a new deployment", id)
            .isSubsetOf("NamePrefix", "AuthorizationType");
      }
    }
  }

  @Test
  void onlyThisApisStageMayInvokeTheAlias() {
    Map<String, Object> permission = api.properties("InvokePermission");
    assertThat(permission)
        .containsEntry("FunctionName", ALIAS_ARN)
        .containsEntry("Principal", "apigateway.amazonaws.com")
        .containsEntry("Action", "lambda:InvokeFunction");
    assertThat(SecurityRules.literal(permission.get("SourceArn")))
        .isEqualTo(
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${RestApi}/${StageName}/*");
  }

  @Test
  void accessLogsAreJsonInTheirOwnLogGroup() {
    Map<String, Object> logs = map(api.properties("Stage").get("AccessLogSetting"));
    assertThat(Template.referencedNames(logs.get("DestinationArn"))).contains("AccessLogGroup");
    String format = (String) logs.get("Format");
    assertThat(format)
        .startsWith("{")
        .endsWith("}")
        .contains("\"requestId\":\"$context.requestId\"");
    assertThat(format).doesNotContain("\n");
    assertThat(api.properties("AccessLogGroup")).containsKey("RetentionInDays");
  }

  @Test
  void outputsTheInvokeUrl() {
    assertThat(SecurityRules.literal(map(api.outputs().get("ApiUrl")).get("Value")))
        .isEqualTo("https://${RestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}");
  }

  /** With NONE the WAF rate rule is on unless turned off; with AWS_IAM off unless turned on. */
  @Test
  void aRateRulePerClientIpGuardsAPublicApiByDefault() {
    assertThat(api.parameterDefault("RateLimitRule")).isEqualTo("auto");
    assertThat(map(api.root().get("Conditions")).get("RateLimited"))
        .isEqualTo(
            Map.of(
                "Fn::Or",
                List.of(
                    Map.of("Fn::Equals", List.of(Map.of("Ref", "RateLimitRule"), "on")),
                    Map.of(
                        "Fn::And",
                        List.of(
                            Map.of("Fn::Equals", List.of(Map.of("Ref", "RateLimitRule"), "auto")),
                            Map.of("Condition", "NoAuth"))))));
    assertThat(api.resource("RateLimitAcl")).containsEntry("Condition", "RateLimited");
    assertThat(api.resource("RateLimitAclAssociation")).containsEntry("Condition", "RateLimited");
    Map<String, Object> rule = map(list(api.properties("RateLimitAcl").get("Rules")).get(0));
    assertThat(map(rule.get("Action"))).containsKey("Block");
    assertThat(map(map(rule.get("Statement")).get("RateBasedStatement")))
        .containsEntry("AggregateKeyType", "IP")
        .containsEntry("Limit", Map.of("Ref", "RateLimitPerIp"));
    assertThat(
            Template.referencedNames(api.properties("RateLimitAclAssociation").get("ResourceArn")))
        .contains("RestApi", "Stage");
  }

  @Test
  void theApiRefusesTlsOlderThan12() {
    assertThat(api.properties("RestApi")).containsEntry("SecurityPolicy", "TLS_1_2");
  }
}
