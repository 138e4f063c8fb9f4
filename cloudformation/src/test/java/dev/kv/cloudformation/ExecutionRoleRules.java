package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.list;
import static dev.kv.cloudformation.Template.map;

import dev.kv.cloudformation.PolicyStatements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Least privilege for the function's execution role: the DynamoDB calls the adapter makes, on the
 * function's own table only; log events to its own log group only; X-Ray writes; nothing else.
 * Returns findings, like {@link SecurityRules}.
 */
final class ExecutionRoleRules {

  /** Every DynamoDB API the DynamoDB adapter calls on items (kv-dynamodb-adapter). */
  static final Set<String> ADAPTER_ITEM_ACTIONS =
      Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");

  /** The one DynamoDB API the adapter calls on the listing index: no Scan on any request path. */
  static final String INDEX_ACTION = "dynamodb:Query";

  /** The listing index's name (kv-dynamodb-adapter {@code ListingIndex.NAME}). */
  static final String LISTING_INDEX = "KeyOrder";

  /** Every DynamoDB API the DynamoDB adapter calls. */
  static final Set<String> ADAPTER_DYNAMODB_ACTIONS = adapterActions();

  static final Set<String> LOG_ACTIONS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");

  static final Set<String> TRACING_ACTIONS =
      Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");

  private ExecutionRoleRules() {}

  static List<String> check(Template template) {
    List<String> findings = new ArrayList<>();
    for (String functionId : template.idsOfType("AWS::Lambda::Function")) {
      findings.addAll(checkFunction(template, functionId));
    }
    return findings;
  }

  private static List<String> checkFunction(Template template, String functionId) {
    List<String> findings = new ArrayList<>();
    Map<String, Object> function = template.properties(functionId);
    String where = template.name() + " " + functionId;

    String roleId = getAttResource(function.get("Role"), "Arn");
    if (roleId == null || !template.resources().containsKey(roleId)) {
      return List.of(where + ": execution role is not a role of this template (!GetAtt Role.Arn)");
    }
    Object tableRef = map(map(function.get("Environment")).get("Variables")).get("TABLE_NAME");
    String tableId = tableRef instanceof Map<?, ?> m ? String.valueOf(m.get("Ref")) : null;
    Object logGroupRef = map(function.get("LoggingConfig")).get("LogGroup");
    String logGroupId = logGroupRef instanceof Map<?, ?> m ? String.valueOf(m.get("Ref")) : null;

    Map<String, Object> role = template.properties(roleId);
    if (!list(role.get("ManagedPolicyArns")).isEmpty()) {
      findings.add(
          where + " role " + roleId + ": managed policies attached (inline least privilege only)");
    }
    Set<String> granted = new TreeSet<>();
    for (Statement s : PolicyStatements.ofRole(template, roleId)) {
      if (!s.allows()) {
        continue;
      }
      for (String action : s.actions()) {
        granted.add(action);
        if (action.startsWith("dynamodb:")) {
          if (!ADAPTER_DYNAMODB_ACTIONS.contains(action)) {
            findings.add(s + ": grants " + action + ", which the adapter does not call");
          }
          if (action.equals(INDEX_ACTION)) {
            requireIndexOnly(findings, s, tableId);
          } else {
            requireOnly(findings, s, template, tableId, "Arn", "the function's table (TABLE_NAME)");
          }
        } else if (LOG_ACTIONS.contains(action)) {
          requireOnly(findings, s, template, logGroupId, "Arn", "the function's log group");
        } else if (!TRACING_ACTIONS.contains(action)) {
          findings.add(s + ": grants " + action + ", which the function does not need");
        }
      }
    }
    Set<String> missing = new TreeSet<>(ADAPTER_DYNAMODB_ACTIONS);
    missing.removeAll(granted);
    if (!missing.isEmpty()) {
      findings.add(where + " role " + roleId + ": lacks " + missing + ", which the adapter calls");
    }
    return findings.stream().distinct().toList();
  }

  private static Set<String> adapterActions() {
    Set<String> all = new TreeSet<>(ADAPTER_ITEM_ACTIONS);
    all.add(INDEX_ACTION);
    return Set.copyOf(all);
  }

  /** Every resource must be {@code !Sub "${<table>.Arn}/index/KeyOrder"}: the index, no more. */
  private static void requireIndexOnly(List<String> findings, Statement s, String tableId) {
    Map<String, Object> expected =
        Map.of("Fn::Sub", "${" + tableId + ".Arn}/index/" + LISTING_INDEX);
    List<Object> resources = s.resources();
    if (resources.isEmpty()) {
      findings.add(s + ": no resource");
    }
    for (Object resource : resources) {
      if (tableId == null || !expected.equals(resource)) {
        findings.add(
            s
                + ": resource "
                + resource
                + " is not the listing index of the function's table ("
                + expected
                + ")");
      }
    }
  }

  /** Every resource of the statement must be {@code !GetAtt <expectedId>.<attribute>}. */
  private static void requireOnly(
      List<String> findings,
      Statement s,
      Template template,
      String expectedId,
      String attribute,
      String what) {
    List<Object> resources = s.resources();
    if (resources.isEmpty()) {
      findings.add(s + ": no resource");
    }
    for (Object resource : resources) {
      String id = getAttResource(resource, attribute);
      if (expectedId == null || !expectedId.equals(id)) {
        findings.add(
            s
                + ": resource "
                + resource
                + " is not "
                + what
                + " (!GetAtt "
                + expectedId
                + "."
                + attribute
                + ")");
      }
    }
  }

  /** The resource of {@code {Fn::GetAtt: [id, attribute]}}, else null. */
  private static String getAttResource(Object node, String attribute) {
    if (node instanceof Map<?, ?> m
        && m.size() == 1
        && m.get("Fn::GetAtt") instanceof List<?> args
        && args.size() == 2
        && attribute.equals(args.get(1))) {
      return String.valueOf(args.get(0));
    }
    return null;
  }
}
