package dev.kv.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The project version. From the jar's manifest ({@code Implementation-Version}), which the class
 * loader has already read when it defined this package, so a cold start pays no resource lookup;
 * from a resource Maven writes when the classes run outside the jar (tests, an IDE).
 */
final class Version {

  static final String PROJECT = read();

  private Version() {}

  private static String read() {
    Package thisPackage = Version.class.getPackage();
    String fromManifest = thisPackage == null ? null : thisPackage.getImplementationVersion();
    if (fromManifest != null && !fromManifest.isBlank()) {
      return fromManifest;
    }
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
