package dev.kv.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version {@code --version} prints: the project version Maven wrote into the jar. */
public final class CliVersion implements CommandLine.IVersionProvider {

  /** The project version, or {@code unknown} outside a Maven build. */
  public static final String PROJECT = read();

  @Override
  public String[] getVersion() {
    return new String[] {
      "kv " + PROJECT,
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }

  private static String read() {
    try (InputStream in = CliVersion.class.getResourceAsStream("kv-cli.properties")) {
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
