package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.list;
import static dev.kv.cloudformation.Template.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The IAM policy statements of a template, each with where it comes from. */
final class PolicyStatements {

  /** What a policy document is attached to; the rules differ between them. */
  enum Kind {
    /** Permissions of an identity: role inline policies, managed policies, boundaries. */
    IDENTITY,
    /** Who may assume a role. */
    TRUST,
    /** A bucket policy. */
    RESOURCE
  }

  /** One statement with the resource and policy it sits in. */
  record Statement(String where, Kind kind, Map<String, Object> body) {
    boolean allows() {
      return "Allow".equals(body.get("Effect"));
    }

    /** Literal action names; a non-literal action is returned as its rendering. */
    List<String> actions() {
      return list(body.get("Action")).stream().map(String::valueOf).toList();
    }

    /** Resources, with both branches of an Fn::If. */
    List<Object> resources() {
      List<Object> out = new ArrayList<>();
      for (Object r : list(body.get("Resource"))) {
        out.addAll(branches(r));
      }
      return out;
    }

    @Override
    public String toString() {
      Object sid = body.get("Sid");
      return where + (sid == null ? "" : " statement " + sid);
    }
  }

  private PolicyStatements() {}

  /** Every statement of every policy document the template declares. */
  static List<Statement> of(Template template) {
    List<Statement> statements = new ArrayList<>();
    template
        .resources()
        .forEach(
            (id, r) -> {
              Map<String, Object> resource = map(r);
              Map<String, Object> properties = map(resource.get("Properties"));
              String type = String.valueOf(resource.get("Type"));
              String where = template.name() + " " + id;
              switch (type) {
                case "AWS::IAM::Role" -> {
                  add(
                      statements,
                      where + " (trust)",
                      Kind.TRUST,
                      properties.get("AssumeRolePolicyDocument"));
                  for (Object policy : list(properties.get("Policies"))) {
                    Map<String, Object> p = map(policy);
                    add(
                        statements,
                        where + " policy " + p.get("PolicyName"),
                        Kind.IDENTITY,
                        p.get("PolicyDocument"));
                  }
                }
                case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::IAM::RolePolicy" ->
                    add(statements, where, Kind.IDENTITY, properties.get("PolicyDocument"));
                case "AWS::S3::BucketPolicy" ->
                    add(statements, where, Kind.RESOURCE, properties.get("PolicyDocument"));
                default -> {}
              }
            });
    return statements;
  }

  /** The statements of one role's inline policies. */
  static List<Statement> ofRole(Template template, String roleId) {
    return of(template).stream()
        .filter(s -> s.kind() == Kind.IDENTITY)
        .filter(s -> s.where().startsWith(template.name() + " " + roleId + " policy "))
        .toList();
  }

  private static void add(List<Statement> out, String where, Kind kind, Object document) {
    if (document == null) {
      return;
    }
    for (Object statement : list(map(document).get("Statement"))) {
      for (Object branch : branches(statement)) {
        if (branch instanceof Map<?, ?>) {
          out.add(new Statement(where, kind, map(branch)));
        }
      }
    }
  }

  /** Both branches of an {@code Fn::If} (recursively), without {@code AWS::NoValue}. */
  static List<Object> branches(Object node) {
    if (node instanceof Map<?, ?> m && m.size() == 1 && m.get("Fn::If") instanceof List<?> args) {
      List<Object> out = new ArrayList<>();
      for (Object branch : args.subList(1, args.size())) {
        out.addAll(branches(branch));
      }
      return out;
    }
    if (node instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"))) {
      return List.of();
    }
    return List.of(node);
  }
}
