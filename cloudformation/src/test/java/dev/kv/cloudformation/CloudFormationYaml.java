package dev.kv.cloudformation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation YAML into plain maps, lists and scalars, turning short-form intrinsic
 * functions into their long form: {@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B}
 * becomes {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} becomes {@code {Fn::Sub: s}}, and so on.
 */
final class CloudFormationYaml {

  private CloudFormationYaml() {}

  /** Parses a template file; the root is a map. */
  static Map<String, Object> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses template text; the root is a map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml) {
    Object root = new Yaml(new IntrinsicConstructor()).load(yaml);
    if (!(root instanceof Map)) {
      throw new IllegalArgumentException("a template is a YAML mapping");
    }
    return (Map<String, Object>) root;
  }

  /** Safe construction plus one fallback for every tag SnakeYAML does not know. */
  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(null, new ConstructIntrinsic());
    }

    private final class ConstructIntrinsic extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        String tag = node.getTag().getValue();
        if (!tag.startsWith("!") || tag.length() < 2) {
          throw new IllegalArgumentException("unexpected YAML tag " + tag);
        }
        String name = tag.substring(1);
        Object value;
        if (node instanceof ScalarNode scalar) {
          value = scalar.getValue();
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else if (node instanceof MappingNode mapping) {
          value = constructMapping(mapping);
        } else {
          throw new IllegalArgumentException("unexpected node " + node);
        }
        Map<String, Object> function = new LinkedHashMap<>();
        switch (name) {
          case "Ref", "Condition" -> function.put(name, value);
          case "GetAtt" -> function.put("Fn::GetAtt", getAttArguments(value));
          default -> function.put("Fn::" + name, value);
        }
        return function;
      }
    }

    private static Object getAttArguments(Object value) {
      if (value instanceof String dotted) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
          throw new IllegalArgumentException("!GetAtt needs Resource.Attribute: " + dotted);
        }
        return List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
      }
      return value;
    }
  }
}
