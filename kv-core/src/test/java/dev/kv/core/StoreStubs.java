package dev.kv.core;

import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.util.function.Supplier;
import org.mockito.stubbing.Answer;

/**
 * Store stand-ins for tests of what sits in front of a store (the handler, the local server): a
 * stub is what those tests need, so Mockito's, written once here and shared through kv-core's
 * test-jar.
 */
public final class StoreStubs {

  private StoreStubs() {}

  /** A store named {@code name} whose every operation answers with {@code every}. */
  public static KeyValueStore answering(String name, Answer<?> every) {
    KeyValueStore store = mock(KeyValueStore.class, withSettings().stubOnly().defaultAnswer(every));
    doReturn(name).when(store).name();
    return store;
  }

  /** A store whose every operation throws what {@code failure} supplies. */
  public static KeyValueStore failing(Supplier<? extends RuntimeException> failure) {
    return answering(
        "failing",
        call -> {
          throw failure.get();
        });
  }
}
