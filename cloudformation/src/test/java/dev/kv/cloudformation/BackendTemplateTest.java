package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.list;
import static dev.kv.cloudformation.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The backend stack: the table's shape and the function's configuration and versioning. */
class BackendTemplateTest {

  private final Template backend = Template.load("backend.yml");

  @Test
  void tableHasTheOriginalKeyAndTheTtlAttribute() {
    Map<String, Object> table = backend.properties("Table");
    assertThat(table.get("KeySchema"))
        .isEqualTo(List.of(Map.of("AttributeName", "Key", "KeyType", "HASH")));
    assertThat(table.get("AttributeDefinitions"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "Key", "AttributeType", "S"),
                Map.of("AttributeName", "KeyShard", "AttributeType", "N")));
    assertThat(table.get("TimeToLiveSpecification"))
        .isEqualTo(Map.of("AttributeName", "ExpiresAt", "Enabled", true));
  }

  @Test
  void tableHasTheListingIndexAndTheFunctionMayOnlyQueryIt() {
    List<Object> indexes = list(backend.properties("Table").get("GlobalSecondaryIndexes"));
    assertThat(indexes).hasSize(1);
    Map<String, Object> index = map(indexes.get(0));
    assertThat(index.get("IndexName")).isEqualTo("KeyOrder");
    assertThat(index.get("KeySchema"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "KeyShard", "KeyType", "HASH"),
                Map.of("AttributeName", "Key", "KeyType", "RANGE")));
    assertThat(index.get("Projection"))
        .isEqualTo(Map.of("ProjectionType", "INCLUDE", "NonKeyAttributes", List.of("ExpiresAt")));

    List<PolicyStatements.Statement> statements = PolicyStatements.ofRole(backend, "ExecutionRole");
    assertThat(statements.stream().flatMap(s -> s.actions().stream()))
        .contains("dynamodb:Query")
        .doesNotContain("dynamodb:Scan");
    assertThat(statements)
        .filteredOn(s -> s.actions().contains("dynamodb:Query"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.resources())
                    .containsExactly(Map.of("Fn::Sub", "${Table.Arn}/index/KeyOrder")));
  }

  @Test
  void tableIsOnDemandUnlessProvisionedIsChosen() {
    assertThat(backend.properties("Table").get("BillingMode"))
        .isEqualTo(Map.of("Ref", "BillingMode"));
    assertThat(backend.parameterDefault("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat(map(backend.parameters().get("BillingMode")).get("AllowedValues"))
        .isEqualTo(List.of("PAY_PER_REQUEST", "PROVISIONED"));
  }

  @Test
  void functionRunsTheHandlerOnJava21WithSnapStartAndJsonLogs() {
    Map<String, Object> function = backend.properties("Function");
    assertThat(function)
        .containsEntry("Runtime", "java21")
        .containsEntry("Handler", "dev.kv.lambda.KvApiHandler::handleRequest")
        .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
        .containsEntry("MemorySize", Map.of("Ref", "MemorySize"))
        .containsEntry("Timeout", Map.of("Ref", "Timeout"))
        .containsEntry("TracingConfig", Map.of("Mode", Map.of("Ref", "TracingMode")));
    Map<String, Object> logging = map(function.get("LoggingConfig"));
    assertThat(logging)
        .containsEntry("LogFormat", "JSON")
        .containsEntry("LogGroup", Map.of("Ref", "FunctionLogGroup"));
    assertThat(backend.properties("FunctionLogGroup"))
        .containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
    Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));
    assertThat(variables)
        .containsEntry("TABLE_NAME", Map.of("Ref", "Table"))
        .containsEntry("KV_STORE", "dynamodb")
        .doesNotContainKey("KV_DYNAMODB_ENDPOINT");
  }

  @Test
  void memoryAndTimeoutHaveSaneDefaultsWithinApiGatewaysLimit() {
    assertThat((Integer) backend.parameterDefault("MemorySize")).isBetween(512, 2048);
    assertThat((Integer) backend.parameterDefault("Timeout")).isBetween(5, 29);
    assertThat(map(backend.parameters().get("Timeout")).get("MaxValue")).isEqualTo(29);
  }

  @Test
  void codeComesFromAContentAddressedKeyInTheArtifactBucket() {
    Map<String, Object> code = map(backend.properties("Function").get("Code"));
    assertThat(code.get("S3Key")).isEqualTo(Map.of("Ref", "CodeS3Key"));
    assertThat(code.get("S3Bucket"))
        .isEqualTo(
            Map.of("Fn::ImportValue", Map.of("Fn::Sub", "${NamePrefix}-ArtifactBucketName")));
    Map<String, Object> key = map(backend.parameters().get("CodeS3Key"));
    assertThat(key).doesNotContainKey("Default");
    assertThat("kv-lambda/" + "ab".repeat(32) + ".zip").matches((String) key.get("AllowedPattern"));
    assertThat("kv-lambda/latest.zip").doesNotMatch((String) key.get("AllowedPattern"));
  }

  @Test
  void apiGatewayCallsAnAliasOfThePublishedVersion() {
    assertThat(backend.properties("FunctionAlias"))
        .containsEntry("FunctionName", Map.of("Ref", "Function"))
        .containsEntry(
            "FunctionVersion", Map.of("Fn::GetAtt", List.of("FunctionVersion", "Version")));
    assertThat(backend.properties("FunctionVersion"))
        .containsEntry("FunctionName", Map.of("Ref", "Function"))
        .containsEntry("CodeSha256", Map.of("Ref", "CodeSha256"));
    assertThat(map(backend.outputs().get("FunctionAliasArn")).get("Value"))
        .isEqualTo(Map.of("Ref", "FunctionAlias"));
  }

  /**
   * A version is published only when the Version resource is replaced, i.e. when its Description or
   * CodeSha256 changes. So the Description must change whenever the function's configuration does:
   * it names every parameter the function uses and a digest of the Function resource.
   */
  @Test
  void versionDescriptionChangesWithEveryFunctionParameter() {
    Set<String> used = new TreeSet<>(backend.referencedParameters(backend.resource("Function")));
    used.removeAll(Set.of("NamePrefix", "CodeS3Key")); // fixed per stack / follows CodeSha256
    Object description = backend.properties("FunctionVersion").get("Description");
    assertThat(backend.referencedParameters(description)).containsAll(used);
  }

  @Test
  void versionDescriptionCarriesTheDigestOfTheFunctionResource() {
    String expected = "fn-config=" + Template.digest(backend.resource("Function"));
    String description =
        SecurityRules.literal(backend.properties("FunctionVersion").get("Description"));
    assertThat(description)
        .as(
            "Function changed: set %s in FunctionVersion's Description so a new version is published",
            expected)
        .endsWith(expected);
  }

  @Test
  void executionRoleCarriesTheBoundaryAndLivesUnderThePathTheDeployRoleMayManage() {
    Map<String, Object> role = backend.properties("ExecutionRole");
    assertThat(role.get("PermissionsBoundary"))
        .isEqualTo(
            Map.of(
                "Fn::ImportValue", Map.of("Fn::Sub", "${NamePrefix}-AppPermissionsBoundaryArn")));
    assertThat(role.get("Path")).isEqualTo(Map.of("Fn::Sub", "/kv/${NamePrefix}/"));
  }

  @Test
  void tracingPermissionsExistOnlyWhenTracingIsOn() {
    List<Object> statements =
        list(
            map(map(list(backend.properties("ExecutionRole").get("Policies")).get(0))
                    .get("PolicyDocument"))
                .get("Statement"));
    Object tracing = statements.get(statements.size() - 1);
    assertThat(map(tracing).get("Fn::If")).asList().first().isEqualTo("Tracing");
  }

  /** The bill is bounded: on-demand throughput caps by default, reserved concurrency on request. */
  @Test
  void onDemandThroughputIsCappedAndConcurrencyCanBe() {
    Template backend = Template.load("backend.yml");
    Map<String, Object> table = backend.properties("Table");
    assertThat(table.get("OnDemandThroughput"))
        .isEqualTo(
            Map.of(
                "Fn::If",
                List.of(
                    "Provisioned",
                    Map.of("Ref", "AWS::NoValue"),
                    Map.of(
                        "MaxReadRequestUnits", Map.of("Ref", "MaxReadRequestUnits"),
                        "MaxWriteRequestUnits", Map.of("Ref", "MaxWriteRequestUnits")))));
    assertThat(backend.parameterDefault("MaxReadRequestUnits")).isEqualTo(1000);
    assertThat(backend.parameterDefault("MaxWriteRequestUnits")).isEqualTo(1000);
    assertThat(backend.parameterDefault("ReservedConcurrency")).isEqualTo(0);
    assertThat(backend.properties("Function").get("ReservedConcurrentExecutions"))
        .isEqualTo(
            Map.of(
                "Fn::If",
                List.of(
                    "HasReservedConcurrency",
                    Map.of("Ref", "ReservedConcurrency"),
                    Map.of("Ref", "AWS::NoValue"))));
  }
}
