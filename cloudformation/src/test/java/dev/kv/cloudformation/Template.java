package dev.kv.cloudformation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed CloudFormation template with the look-ups the checks need. */
record Template(String name, Map<String, Object> root) {

  /** The directory of the templates: the module's base directory. */
  static final Path DIRECTORY = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath();

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

  /** Loads {@code cloudformation/<file>}. */
  static Template load(String file) {
    return new Template(file, CloudFormationYaml.read(DIRECTORY.resolve(file)));
  }

  /** Loads a test fixture from {@code src/test/resources/fixtures}. */
  static Template fixture(String file) {
    return new Template(
        file,
        CloudFormationYaml.read(DIRECTORY.resolve("src/test/resources/fixtures").resolve(file)));
  }

  /** Parses template text (for tests that build a template inline). */
  static Template of(String name, String yaml) {
    return new Template(name, CloudFormationYaml.parse(yaml));
  }

  Map<String, Object> resources() {
    return map(root.get("Resources"));
  }

  Map<String, Object> parameters() {
    return map(root.get("Parameters"));
  }

  Map<String, Object> outputs() {
    return map(root.get("Outputs"));
  }

  Map<String, Object> resource(String logicalId) {
    Object resource = resources().get(logicalId);
    if (resource == null) {
      throw new AssertionError(name + " has no resource " + logicalId);
    }
    return map(resource);
  }

  Map<String, Object> properties(String logicalId) {
    return map(resource(logicalId).get("Properties"));
  }

  /** Logical ids of the resources of one type, in template order. */
  List<String> idsOfType(String type) {
    List<String> ids = new ArrayList<>();
    resources()
        .forEach(
            (id, r) -> {
              if (type.equals(map(r).get("Type"))) {
                ids.add(id);
              }
            });
    return ids;
  }

  /** The only resource of a type; fails if there is none or several. */
  String onlyIdOfType(String type) {
    List<String> ids = idsOfType(type);
    if (ids.size() != 1) {
      throw new AssertionError(name + ": expected one " + type + ", found " + ids);
    }
    return ids.get(0);
  }

  Object parameterDefault(String parameter) {
    return map(parameters().get(parameter)).get("Default");
  }

  /**
   * Names referred to anywhere inside a node: {@code Ref} targets, {@code Fn::GetAtt} resources and
   * {@code ${...}} variables of {@code Fn::Sub} (attributes stripped).
   */
  static Set<String> referencedNames(Object node) {
    Set<String> names = new LinkedHashSet<>();
    collectReferences(node, names);
    return names;
  }

  /** The parameters of this template referred to inside a node. */
  Set<String> referencedParameters(Object node) {
    Set<String> names = referencedNames(node);
    names.retainAll(parameters().keySet());
    return names;
  }

  private static void collectReferences(Object node, Set<String> names) {
    if (node instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.get("Ref") instanceof String target) {
        names.add(target);
        return;
      }
      if (m.size() == 1 && m.get("Fn::GetAtt") instanceof List<?> args && !args.isEmpty()) {
        names.add(String.valueOf(args.get(0)));
        return;
      }
      Object sub = m.size() == 1 ? m.get("Fn::Sub") : null;
      if (sub instanceof String text) {
        collectSubVariables(text, names);
        return;
      }
      if (sub instanceof List<?> args && !args.isEmpty() && args.get(0) instanceof String text) {
        collectSubVariables(text, names);
        if (args.size() > 1) {
          Map<?, ?> variables = map(args.get(1));
          names.removeAll(variables.keySet());
          variables.values().forEach(v -> collectReferences(v, names));
        }
        return;
      }
      m.values().forEach(v -> collectReferences(v, names));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collectReferences(v, names));
    }
  }

  private static void collectSubVariables(String text, Set<String> names) {
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      String variable = matcher.group(1);
      int dot = variable.indexOf('.');
      names.add(dot < 0 ? variable : variable.substring(0, dot));
    }
  }

  /**
   * A short digest of a node's content (8 hex digits of SHA-256 over a rendering with sorted keys),
   * used to tie a resource's logical id or description to the content it snapshots.
   */
  static String digest(Object node) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(node).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(Object node) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach((k, v) -> out.append(quote(k)).append(':').append(canonical(v)).append(','));
      return out.append('}').toString();
    }
    if (node instanceof List<?> l) {
      StringBuilder out = new StringBuilder("[");
      l.forEach(v -> out.append(canonical(v)).append(','));
      return out.append(']').toString();
    }
    return node == null ? "null" : quote(String.valueOf(node));
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The node as a map (empty if absent); fails on anything else. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    if (node == null) {
      return new LinkedHashMap<>();
    }
    if (node instanceof Map<?, ?>) {
      return (Map<String, Object>) node;
    }
    throw new AssertionError("expected a mapping, found " + node);
  }

  /** The node as a list: a single value becomes a one-element list, absent an empty one. */
  static List<Object> list(Object node) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return List.of(node);
  }
}
