package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.list;
import static dev.kv.cloudformation.Template.map;

import dev.kv.cloudformation.PolicyStatements.Kind;
import dev.kv.cloudformation.PolicyStatements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Security properties every template must have. Each check returns findings (empty when the
 * template is fine) rather than asserting, so that tests run it both on the real templates
 * (expecting none) and on bad fixtures (expecting the one finding each is built to trigger).
 */
final class SecurityRules {

  /** Actions AWS only authorizes on {@code "Resource": "*"} (X-Ray has no resource ARNs). */
  static final Set<String> ACTIONS_THAT_REQUIRE_STAR =
      Set.of(
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets");

  /**
   * Resource patterns that cover every resource of a type, and the only actions allowed on them:
   * DescribeLogGroups is authorized on the account's {@code log-group:*}; REST API ids (and so
   * their ARNs and tag ARNs) are assigned by API Gateway at creation, after the policy exists.
   */
  static final Map<String, Set<String>> TYPE_WIDE_RESOURCES_AWS_REQUIRES =
      Map.of(
          "log-group:*", Set.of("logs:DescribeLogGroups"),
          "/restapis/*", apiGatewayMethods(),
          "/tags/*", apiGatewayMethods());

  /** AWS managed policies a template may attach, each for a reason AWS imposes. */
  static final Set<String> ALLOWED_AWS_MANAGED_POLICIES =
      Set.of(
          // API Gateway's account-wide logging role: the policy AWS documents for it.
          "service-role/AmazonAPIGatewayPushToCloudWatchLogs");

  private static final Pattern TYPE_WIDE = Pattern.compile("^\\*$|^/?[A-Za-z0-9-]+[/:]\\*$");

  private SecurityRules() {}

  /** All findings of all rules. */
  static List<String> check(Template template) {
    List<String> findings = new ArrayList<>();
    findings.addAll(iamPolicies(template));
    findings.addAll(managedPolicies(template));
    findings.addAll(noLongLivedCredentials(template));
    findings.addAll(tables(template));
    findings.addAll(buckets(template));
    findings.addAll(stages(template));
    findings.addAll(methods(template));
    findings.addAll(lambdaPermissions(template));
    findings.addAll(functionUrls(template));
    findings.addAll(logGroups(template));
    findings.addAll(deploymentIsolation(template));
    findings.addAll(accessLogsKept(template));
    findings.addAll(restApis(template));
    return findings;
  }

  /** TLS security policies that refuse TLS 1.0 and 1.1. */
  static final Set<String> TLS_1_2_OR_LATER =
      Set.of("TLS_1_2", "SecurityPolicy_TLS13_1_3_2025_09", "SecurityPolicy_TLS13_1_2_2021_06");

  /**
   * A deployment's roles reach only that deployment: no name pattern that other prefixes also match
   * ({@code ${NamePrefix}-*} lets prefix kv reach kv-prod), REST APIs (whose ids are not known in
   * advance) only by this deployment's tag, and Lambda resource policies only for API Gateway (else
   * a template could open the function to any account).
   */
  static List<String> deploymentIsolation(Template template) {
    List<String> findings = new ArrayList<>();
    for (Statement s : PolicyStatements.of(template)) {
      if (!s.allows() || s.kind() != Kind.IDENTITY) {
        continue;
      }
      for (Object resource : s.resources()) {
        String text = literal(resource);
        if (text == null) {
          continue;
        }
        if (text.contains("${NamePrefix}-*") || text.contains("${NamePrefix}*")) {
          findings.add(
              s
                  + ": "
                  + text
                  + " also matches other deployments' names (prefix kv matches kv-prod)");
        }
        if (withoutPseudoParameters(text).matches(".*:apigateway:[^:]*::/(restapis|tags)/\\*.*")
            && !hasConditionKey(s, "aws:ResourceTag/kv:prefix")) {
          findings.add(s + ": " + text + " reaches every REST API (no aws:ResourceTag condition)");
        }
        if (text.endsWith("::/restapis")
            && s.actions().contains("apigateway:POST")
            && !hasConditionKey(s, "aws:RequestTag/kv:prefix")) {
          findings.add(s + ": creates REST APIs without this deployment's tag (aws:RequestTag)");
        }
      }
      if (s.actions().contains("lambda:AddPermission")
          && !"apigateway.amazonaws.com"
              .equals(
                  map(map(s.body().get("Condition")).get("StringEquals"))
                      .get("lambda:Principal"))) {
        findings.add(
            s + ": lambda:AddPermission for any principal (condition lambda:Principal missing)");
      }
    }
    return findings;
  }

  /** The API's access log survives the stack, and no deployment role may delete it. */
  static List<String> accessLogsKept(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::Logs::LogGroup")) {
      String name = literal(template.properties(id).get("LogGroupName"));
      Map<String, Object> resource = template.resource(id);
      if (name != null
          && name.startsWith("/aws/apigateway/")
          && (!"Retain".equals(resource.get("DeletionPolicy"))
              || !"Retain".equals(resource.get("UpdateReplacePolicy")))) {
        findings.add(
            template.name()
                + " "
                + id
                + ": access log group not retained (DeletionPolicy and UpdateReplacePolicy: Retain)");
      }
    }
    for (Statement s : PolicyStatements.of(template)) {
      if (!s.allows() || s.kind() != Kind.IDENTITY) {
        continue;
      }
      boolean deletes =
          s.actions().contains("logs:DeleteLogGroup")
              || s.actions().contains("logs:DeleteRetentionPolicy");
      if (deletes
          && s.resources().stream()
              .map(SecurityRules::literal)
              .anyMatch(r -> r != null && r.contains(":log-group:/aws/apigateway/"))) {
        findings.add(s + ": may delete the API access log group (or lift its retention)");
      }
    }
    return findings;
  }

  /** REST APIs refuse TLS older than 1.2. */
  static List<String> restApis(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::ApiGateway::RestApi")) {
      Object policy = template.properties(id).get("SecurityPolicy");
      if (policy == null || !TLS_1_2_OR_LATER.contains(policy)) {
        findings.add(
            template.name()
                + " "
                + id
                + ": REST API accepts TLS 1.0 (SecurityPolicy "
                + policy
                + ")");
      }
    }
    return findings;
  }

  private static boolean hasConditionKey(Statement s, String key) {
    return map(s.body().get("Condition")).values().stream()
        .anyMatch(operator -> operator instanceof Map<?, ?> m && m.containsKey(key));
  }

  /** No wildcard actions, no "*" resource beyond what AWS requires, no public grants. */
  static List<String> iamPolicies(Template template) {
    List<String> findings = new ArrayList<>();
    for (Statement s : PolicyStatements.of(template)) {
      if (!s.allows()) {
        continue;
      }
      Object principal = s.body().get("Principal");
      if (s.kind() != Kind.IDENTITY) {
        if (isEveryone(principal)) {
          findings.add(s + ": allows everyone (Principal *)");
        }
        continue;
      }
      if (s.body().containsKey("NotAction")) {
        findings.add(s + ": Allow with NotAction grants everything else (wildcard action)");
      }
      if (s.body().containsKey("NotResource")) {
        findings.add(
            s + ": Allow with NotResource grants every other resource (wildcard resource)");
      }
      List<String> actions = s.actions();
      for (String action : actions) {
        if (action.contains("*")) {
          findings.add(s + ": wildcard action " + action);
        } else if (!action.matches("[a-z0-9-]+:[A-Za-z0-9]+")) {
          findings.add(s + ": action is not a literal service:Action: " + action);
        }
      }
      for (Object resource : s.resources()) {
        String text = literal(resource);
        if (text == null) {
          continue; // Ref / GetAtt / ImportValue: one specific resource
        }
        if (text.equals("*")) {
          if (!ACTIONS_THAT_REQUIRE_STAR.containsAll(actions)) {
            findings.add(s + ": wildcard resource * for " + actions);
          }
          continue;
        }
        String[] arn = withoutPseudoParameters(text).split(":", 6);
        if (arn.length == 6 && arn[0].equals("arn")) {
          if (arn[3].equals("*") || arn[4].equals("*")) {
            findings.add(s + ": wildcard region or account in " + text);
          }
          String resourcePart = arn[5];
          if (TYPE_WIDE.matcher(resourcePart).matches()) {
            Set<String> allowed =
                TYPE_WIDE_RESOURCES_AWS_REQUIRES.getOrDefault(resourcePart, Set.of());
            if (!allowed.containsAll(actions)) {
              findings.add(s + ": wildcard resource (every " + resourcePart + ") for " + actions);
            }
          }
        }
      }
    }
    return findings;
  }

  /** Only AWS managed policies that AWS requires. */
  static List<String> managedPolicies(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::IAM::Role")) {
      for (Object arn : list(template.properties(id).get("ManagedPolicyArns"))) {
        String text = literal(arn);
        if (text != null && text.contains(":iam::aws:policy/")) {
          String name = text.substring(text.indexOf(":iam::aws:policy/") + 17);
          if (!ALLOWED_AWS_MANAGED_POLICIES.contains(name)) {
            findings.add(template.name() + " " + id + ": AWS managed policy " + name);
          }
        }
      }
    }
    return findings;
  }

  /** Deployments use roles (OIDC), never IAM users with access keys. */
  static List<String> noLongLivedCredentials(Template template) {
    List<String> findings = new ArrayList<>();
    for (String type : List.of("AWS::IAM::User", "AWS::IAM::AccessKey", "AWS::IAM::Group")) {
      for (String id : template.idsOfType(type)) {
        findings.add(
            template.name() + " " + id + ": " + type + " (use roles, not long-lived keys)");
      }
    }
    return findings;
  }

  /** Tables: encrypted at rest, recoverable, and hard to delete by accident. */
  static List<String> tables(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::DynamoDB::Table")) {
      String where = template.name() + " " + id;
      Map<String, Object> resource = template.resource(id);
      Map<String, Object> p = template.properties(id);
      if (!isTrue(map(p.get("SSESpecification")).get("SSEEnabled"))) {
        findings.add(
            where + ": table without server-side encryption (SSESpecification.SSEEnabled)");
      }
      if (!isTrue(
          map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))) {
        findings.add(where + ": table without point-in-time recovery");
      }
      if (!isTrue(p.get("DeletionProtectionEnabled"))) {
        findings.add(where + ": table without deletion protection");
      }
      if (!"Retain".equals(resource.get("DeletionPolicy"))
          || !"Retain".equals(resource.get("UpdateReplacePolicy"))) {
        findings.add(
            where + ": table not retained (DeletionPolicy and UpdateReplacePolicy: Retain)");
      }
    }
    return findings;
  }

  /** Buckets: encrypted, never public, TLS only, versioned. */
  static List<String> buckets(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::S3::Bucket")) {
      String where = template.name() + " " + id;
      Map<String, Object> p = template.properties(id);
      List<Object> encryption =
          list(map(p.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"));
      boolean encrypted =
          encryption.stream()
              .map(rule -> map(map(rule).get("ServerSideEncryptionByDefault")).get("SSEAlgorithm"))
              .anyMatch(algorithm -> algorithm != null);
      if (!encrypted) {
        findings.add(where + ": bucket without default encryption");
      }
      Map<String, Object> block = map(p.get("PublicAccessBlockConfiguration"));
      for (String flag :
          List.of(
              "BlockPublicAcls",
              "BlockPublicPolicy",
              "IgnorePublicAcls",
              "RestrictPublicBuckets")) {
        if (!isTrue(block.get(flag))) {
          findings.add(where + ": public access not blocked (" + flag + ")");
        }
      }
      if (!"Enabled".equals(map(p.get("VersioningConfiguration")).get("Status"))) {
        findings.add(where + ": bucket not versioned");
      }
      if (!deniesInsecureTransport(template, id)) {
        findings.add(
            where + ": no bucket policy denying requests without TLS (aws:SecureTransport)");
      }
    }
    return findings;
  }

  private static boolean deniesInsecureTransport(Template template, String bucketId) {
    for (String policyId : template.idsOfType("AWS::S3::BucketPolicy")) {
      Map<String, Object> p = template.properties(policyId);
      if (!Template.referencedNames(p.get("Bucket")).contains(bucketId)) {
        continue;
      }
      for (Object s : list(map(p.get("PolicyDocument")).get("Statement"))) {
        Map<String, Object> statement = map(s);
        Object secure = map(map(statement.get("Condition")).get("Bool")).get("aws:SecureTransport");
        if ("Deny".equals(statement.get("Effect"))
            && isEveryone(statement.get("Principal"))
            && (Boolean.FALSE.equals(secure) || "false".equals(secure))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Stages: throttled on every method, with access logs. */
  static List<String> stages(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::ApiGateway::Stage")) {
      String where = template.name() + " " + id;
      Map<String, Object> p = template.properties(id);
      boolean throttled = false;
      for (Object setting : list(p.get("MethodSettings"))) {
        Map<String, Object> s = map(setting);
        if ("/*".equals(s.get("ResourcePath"))
            && "*".equals(s.get("HttpMethod"))
            && isPositive(template, s.get("ThrottlingRateLimit"))
            && isPositive(template, s.get("ThrottlingBurstLimit"))) {
          throttled = true;
        }
      }
      if (!throttled) {
        findings.add(
            where + ": stage not throttled (MethodSettings /* * with rate and burst limits)");
      }
      for (Object setting : list(p.get("MethodSettings"))) {
        Map<String, Object> s = map(setting);
        for (String limit : List.of("ThrottlingRateLimit", "ThrottlingBurstLimit")) {
          if (s.containsKey(limit) && !isPositive(template, s.get(limit))) {
            findings.add(
                where
                    + ": "
                    + limit
                    + " of "
                    + s.get("HttpMethod")
                    + " "
                    + s.get("ResourcePath")
                    + " lifts the stage's throttling ("
                    + s.get(limit)
                    + ")");
          }
        }
      }
      if (map(p.get("AccessLogSetting")).get("DestinationArn") == null) {
        findings.add(where + ": stage without access logs");
      }
    }
    return findings;
  }

  /** Methods: authorization is AWS_IAM unless NONE is chosen explicitly by parameter. */
  static List<String> methods(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::ApiGateway::Method")) {
      String where = template.name() + " " + id;
      Object authorization = template.properties(id).get("AuthorizationType");
      if (authorization instanceof Map<?, ?> m && m.get("Ref") instanceof String parameter) {
        Object fallback = template.parameterDefault(parameter);
        if (!"AWS_IAM".equals(fallback)) {
          findings.add(
              where + ": authorization parameter " + parameter + " defaults to " + fallback);
        }
      } else if (!"AWS_IAM".equals(authorization)) {
        findings.add(where + ": authorization is " + authorization + ", not AWS_IAM");
      }
    }
    return findings;
  }

  /** Lambda permissions name the one API (or other source) that may invoke. */
  static List<String> lambdaPermissions(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::Lambda::Permission")) {
      Map<String, Object> p = template.properties(id);
      Object source = p.get("SourceArn");
      boolean scoped =
          source != null
              && Template.referencedNames(source).stream()
                  .anyMatch(
                      name ->
                          template.resources().containsKey(name)
                              && "AWS::ApiGateway::RestApi"
                                  .equals(template.resource(name).get("Type")));
      if (!scoped) {
        findings.add(
            template.name() + " " + id + ": Lambda permission not scoped to this API's ARN");
      }
      if (!"apigateway.amazonaws.com".equals(p.get("Principal"))) {
        findings.add(
            template.name()
                + " "
                + id
                + ": Lambda permission for principal "
                + p.get("Principal")
                + ", not apigateway.amazonaws.com");
      }
    }
    return findings;
  }

  /**
   * No function URLs: API Gateway is the only way in, so its authorization and throttling always
   * apply.
   */
  static List<String> functionUrls(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::Lambda::Url")) {
      findings.add(
          template.name()
              + " "
              + id
              + ": function URL (AuthType "
              + template.properties(id).get("AuthType")
              + ") bypasses the API's authorization and throttling");
    }
    return findings;
  }

  /** Log groups keep their events for a bounded time: request logs are not kept forever. */
  static List<String> logGroups(Template template) {
    List<String> findings = new ArrayList<>();
    for (String id : template.idsOfType("AWS::Logs::LogGroup")) {
      if (template.properties(id).get("RetentionInDays") == null) {
        findings.add(template.name() + " " + id + ": log group kept forever (no RetentionInDays)");
      }
    }
    return findings;
  }

  /** A plain string, or the text of an Fn::Sub; null for other intrinsic functions. */
  static String literal(Object node) {
    if (node instanceof String s) {
      return s;
    }
    if (node instanceof Map<?, ?> m && m.size() == 1) {
      Object sub = m.get("Fn::Sub");
      if (sub instanceof String s) {
        return s;
      }
      if (sub instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s) {
        return s;
      }
    }
    return null;
  }

  /** ARN text with the pseudo parameters (which contain colons) replaced by sample values. */
  private static String withoutPseudoParameters(String text) {
    return text.replace("${AWS::Partition}", "aws")
        .replace("${AWS::Region}", "region")
        .replace("${AWS::AccountId}", "account")
        .replace("${AWS::URLSuffix}", "amazonaws.com");
  }

  private static boolean isEveryone(Object principal) {
    return "*".equals(principal)
        || (principal instanceof Map<?, ?> m && list(m.get("AWS")).contains("*"));
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  private static boolean isPositive(Template template, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue() > 0;
    }
    if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String parameter) {
      Map<String, Object> definition = map(template.parameters().get(parameter));
      return "Number".equals(definition.get("Type"))
          && definition.get("MinValue") instanceof Number min
          && min.doubleValue() > 0;
    }
    return false;
  }

  private static Set<String> apiGatewayMethods() {
    return Set.of(
        "apigateway:GET",
        "apigateway:POST",
        "apigateway:PUT",
        "apigateway:PATCH",
        "apigateway:DELETE");
  }
}
