package dev.kv.cli.archfixture;

import dev.kv.lambda.archfixture.EventMappingPart;

/** Breaks the layering on purpose: a tool using the event mapping instead of the handler. */
public final class ReachesPastTheHandler {
  public static String run(String event) {
    return EventMappingPart.map(event);
  }
}
