package dev.kv.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

  @Test
  void shortFormIntrinsicsBecomeTheirLongForm() {
    Map<String, Object> root =
        CloudFormationYaml.parse(
            """
            A: !Ref Table
            B: !GetAtt Table.StreamSpecification.StreamArn
            C: !Sub "arn:${AWS::Partition}:s3:::${Bucket}"
            D: !If [IsProd, !Ref A, !Ref AWS::NoValue]
            E: !ImportValue { "Fn::Sub": "${NamePrefix}-X" }
            F: !Condition IsProd
            """);
    assertThat(root)
        .containsEntry("A", Map.of("Ref", "Table"))
        .containsEntry("B", Map.of("Fn::GetAtt", List.of("Table", "StreamSpecification.StreamArn")))
        .containsEntry("C", Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::${Bucket}"))
        .containsEntry(
            "D",
            Map.of("Fn::If", List.of("IsProd", Map.of("Ref", "A"), Map.of("Ref", "AWS::NoValue"))))
        .containsEntry("E", Map.of("Fn::ImportValue", Map.of("Fn::Sub", "${NamePrefix}-X")))
        .containsEntry("F", Map.of("Condition", "IsProd"));
  }

  @Test
  void referencesAreFoundInRefsGetAttsAndSubs() {
    Object node =
        CloudFormationYaml.parse(
                """
                X:
                  - !Ref Memory
                  - !GetAtt Role.Arn
                  - !Sub "${Timeout} ${Table.Arn} ${AWS::Region} ${!Literal}"
                  - !Sub ["${Local}/${Bucket}", { Local: !Ref Code }]
                """)
            .get("X");
    assertThat(Template.referencedNames(node))
        .containsExactlyInAnyOrder(
            "Memory", "Role", "Timeout", "Table", "AWS::Region", "Bucket", "Code");
  }

  @Test
  void digestIgnoresKeyOrderButNotContent() {
    Object a = CloudFormationYaml.parse("{P: {x: 1, y: !Ref Z}}");
    Object b = CloudFormationYaml.parse("{P: {y: !Ref Z, x: 1}}");
    Object c = CloudFormationYaml.parse("{P: {y: !Ref Z, x: 2}}");
    assertThat(Template.digest(a)).isEqualTo(Template.digest(b)).isNotEqualTo(Template.digest(c));
  }
}
