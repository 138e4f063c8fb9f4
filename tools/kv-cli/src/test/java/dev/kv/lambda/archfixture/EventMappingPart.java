package dev.kv.lambda.archfixture;

/** Stands for a part of the event mapping in dev.kv.lambda that is not the entry point. */
public final class EventMappingPart {
  public static String map(String event) {
    return event;
  }
}
