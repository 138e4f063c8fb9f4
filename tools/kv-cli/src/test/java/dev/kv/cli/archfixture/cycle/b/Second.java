package dev.kv.cli.archfixture.cycle.b;

import dev.kv.cli.archfixture.cycle.a.First;

/** Breaks the layering on purpose: the other half of a package cycle. */
public final class Second {
  public static int next(int n) {
    return n <= 0 ? 0 : First.next(n - 1);
  }
}
