package dev.kv.core.archfixture;

import picocli.CommandLine;

/** Breaks the layering on purpose: a core class using a library (and compiled by kv-cli). */
public final class CoreUsingALibrary {
  public static String usage() {
    return new CommandLine(new Object()).getUsageMessage();
  }
}
