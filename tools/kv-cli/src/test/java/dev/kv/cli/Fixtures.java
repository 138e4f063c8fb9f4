package dev.kv.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Lambda adapter's real API Gateway REST proxy events, copied into the test classpath. */
final class Fixtures {

  private Fixtures() {}

  /** The path of {@code events/NAME}. */
  static Path event(String name) {
    URL url = Fixtures.class.getClassLoader().getResource("events/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture events/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of {@code events/NAME}. */
  static String eventText(String name) {
    try {
      return Files.readString(event(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of all event fixtures. */
  static List<String> eventNames() {
    try (Stream<Path> files = Files.list(event("get-entry.json").getParent())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
