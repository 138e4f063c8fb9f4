package dev.kv.cli;

import dev.kv.lambda.KvApiHandler;
import picocli.CommandLine;

/** The version {@code --version} prints: the project version, as the API reports it. */
public final class CliVersion implements CommandLine.IVersionProvider {

  /** The project version, or {@code unknown} outside a Maven build. */
  public static final String PROJECT = KvApiHandler.version();

  @Override
  public String[] getVersion() {
    return new String[] {
      "kv " + PROJECT,
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
