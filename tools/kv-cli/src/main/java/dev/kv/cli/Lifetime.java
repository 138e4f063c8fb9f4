package dev.kv.cli;

import java.util.concurrent.CountDownLatch;

/** How {@code kv serve} waits, once its server is up, until it is to stop. */
@FunctionalInterface
public interface Lifetime {

  /**
   * Until SIGINT or SIGTERM. The JVM ends once its shutdown hooks have run, so the hook itself
   * stops the server (letting running requests finish) rather than the waiting thread.
   */
  Lifetime UNTIL_SIGNALLED =
      (server, stop) -> {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      stop.run();
                      stopped.countDown();
                    },
                    "kv-shutdown"));
        stopped.await();
      };

  /**
   * Blocks until {@code server} is to stop. {@code stop} closes the server and reports it; the
   * caller runs it after this returns, and an implementation that may not return in time runs it
   * itself (running it twice is harmless).
   */
  void await(LocalApiServer server, Runnable stop) throws InterruptedException;
}
