package dev.kv.cli.archfixture.cycle.a;

import dev.kv.cli.archfixture.cycle.b.Second;

/** Breaks the layering on purpose: one half of a package cycle. */
public final class First {
  public static int next(int n) {
    return n <= 0 ? 0 : Second.next(n - 1);
  }
}
