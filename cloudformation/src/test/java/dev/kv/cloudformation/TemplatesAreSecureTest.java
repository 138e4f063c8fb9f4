package dev.kv.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real templates pass every rule, and every template of the module is checked. */
class TemplatesAreSecureTest {

  static final List<String> TEMPLATES = List.of("cicd.yml", "backend.yml", "api.yml");

  static Stream<String> templates() {
    return TEMPLATES.stream();
  }

  @Test
  void everyTemplateOfTheModuleIsChecked() throws IOException {
    try (Stream<Path> files = Files.list(Template.DIRECTORY)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")))
          .containsExactlyInAnyOrderElementsOf(TEMPLATES);
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void templateBreaksNoSecurityRule(String file) {
    assertThat(SecurityRules.check(Template.load(file))).isEmpty();
  }

  @Test
  void functionExecutionRoleIsLeastPrivilege() {
    Template backend = Template.load("backend.yml");
    assertThat(backend.idsOfType("AWS::Lambda::Function")).hasSize(1);
    assertThat(ExecutionRoleRules.check(backend)).isEmpty();
  }

  @Test
  void theRulesHaveSomethingToCheckInTheRealTemplates() {
    // Guards against a rule passing because a resource was renamed or moved away.
    assertThat(Template.load("backend.yml").idsOfType("AWS::DynamoDB::Table")).hasSize(1);
    assertThat(Template.load("cicd.yml").idsOfType("AWS::S3::Bucket")).hasSize(1);
    assertThat(Template.load("cicd.yml").idsOfType("AWS::S3::BucketPolicy")).hasSize(1);
    assertThat(Template.load("api.yml").idsOfType("AWS::ApiGateway::Stage")).hasSize(1);
    assertThat(Template.load("api.yml").idsOfType("AWS::ApiGateway::Method")).hasSize(3);
    assertThat(Template.load("api.yml").idsOfType("AWS::Lambda::Permission")).hasSize(1);
    assertThat(Template.load("api.yml").idsOfType("AWS::Logs::LogGroup")).hasSize(1);
    assertThat(Template.load("backend.yml").idsOfType("AWS::Logs::LogGroup")).hasSize(1);
    assertThat(PolicyStatements.of(Template.load("cicd.yml"))).hasSizeGreaterThan(10);
  }
}
