package dev.kv.cloudformation;

import static dev.kv.cloudformation.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.lambda.http.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API stack routes exactly the function's route table ({@link Route}), both ways: a route the
 * function serves but API Gateway does not route never reaches it, and a route API Gateway declares
 * that the function does not know is a path that only ever answers 404. The catch-all {@code
 * /{proxy+}} is the one extra method: it sends unknown paths to the function for its own 404.
 */
class ApiRoutesMatchTheRouteTableTest {

  static final String CATCH_ALL = "/{proxy+}";

  private static final Set<String> ROUTE_TABLE =
      Arrays.stream(Route.values()).map(Route::template).collect(Collectors.toSet());

  @Test
  void theApiStackRoutesExactlyTheRouteTable() {
    assertThat(mismatches(Template.load("api.yml"), ROUTE_TABLE)).isEmpty();
    assertThat(methodPaths(Template.load("api.yml"))).contains(CATCH_ALL);
  }

  @Test
  void aRouteTheTemplateLacksIsReported() {
    Template withoutListing =
        Template.of(
            "without-listing",
            ROOT_METHOD + KEY_RESOURCE + KEY_PATH_RESOURCE + method("KeyPathMethod", "KeyPath"));
    assertThat(mismatches(withoutListing, ROUTE_TABLE))
        .containsExactly("route /key of the route table has no method in the template");
  }

  @Test
  void aTemplateRouteTheFunctionDoesNotServeIsReported() {
    Template withExtra =
        Template.of(
            "with-extra",
            ROOT_METHOD
                + KEY_RESOURCE
                + KEY_PATH_RESOURCE
                + method("KeyMethod", "Key")
                + method("KeyPathMethod", "KeyPath")
                + """
                  Admin:
                    Type: AWS::ApiGateway::Resource
                    Properties:
                      ParentId: !GetAtt RestApi.RootResourceId
                      PathPart: admin
                """
                + method("AdminMethod", "Admin"));
    assertThat(mismatches(withExtra, ROUTE_TABLE))
        .containsExactly("template method at /admin serves no route of the route table");
  }

  /** What differs between the template's methods (less the catch-all) and the route table. */
  static List<String> mismatches(Template template, Set<String> routeTable) {
    Set<String> declared = methodPaths(template);
    declared.remove(CATCH_ALL);
    List<String> problems = new ArrayList<>();
    for (String route : new TreeSet<>(routeTable)) {
      if (!declared.contains(route)) {
        problems.add("route " + route + " of the route table has no method in the template");
      }
    }
    for (String path : declared) {
      if (!routeTable.contains(path)) {
        problems.add("template method at " + path + " serves no route of the route table");
      }
    }
    return problems;
  }

  /** The path of every AWS::ApiGateway::Method, built from its resource's chain of PathParts. */
  static Set<String> methodPaths(Template template) {
    Set<String> paths = new TreeSet<>();
    for (String id : template.idsOfType("AWS::ApiGateway::Method")) {
      paths.add(pathOf(template, template.properties(id).get("ResourceId")));
    }
    return paths;
  }

  private static String pathOf(Template template, Object resourceId) {
    Map<String, Object> reference = map(resourceId);
    if (reference.containsKey("Fn::GetAtt")) {
      assertThat(reference.get("Fn::GetAtt")).isEqualTo(List.of("RestApi", "RootResourceId"));
      return "/";
    }
    Map<String, Object> resource = template.properties((String) reference.get("Ref"));
    String parent = pathOf(template, resource.get("ParentId"));
    return (parent.equals("/") ? "" : parent) + "/" + resource.get("PathPart");
  }

  private static final String ROOT_METHOD =
      """
      Resources:
        RootMethod:
          Type: AWS::ApiGateway::Method
          Properties:
            HttpMethod: ANY
            ResourceId: !GetAtt RestApi.RootResourceId
      """;

  private static final String KEY_RESOURCE =
      """
        Key:
          Type: AWS::ApiGateway::Resource
          Properties:
            ParentId: !GetAtt RestApi.RootResourceId
            PathPart: key
      """;

  private static final String KEY_PATH_RESOURCE =
      """
        KeyPath:
          Type: AWS::ApiGateway::Resource
          Properties:
            ParentId: !Ref Key
            PathPart: "{key+}"
      """;

  private static String method(String id, String resource) {
    return """
          %s:
            Type: AWS::ApiGateway::Method
            Properties:
              HttpMethod: ANY
              ResourceId: !Ref %s
        """
        .formatted(id, resource);
  }
}
