package dev.kv.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, written into the build's resources by Maven. */
final class Version {

  static final String PROJECT = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("kv.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
