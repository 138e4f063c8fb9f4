package dev.kv.dynamodb.testing;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * dynalite in a Docker container (Testcontainers), for machines with a Docker engine. Amazon's
 * DynamoDB Local is not used: its licence is not open source. Only touched when Testcontainers is
 * on the class path, so modules reusing the harness without it still get the dynalite process.
 */
final class DynaliteContainer {

  /**
   * A plain Node.js image; dynalite comes from the npm registry at the version package.json pins.
   */
  static final String IMAGE = "node:20-alpine";

  static final String DYNALITE = "dynalite@4.0.0";

  private static final int PORT = 8000;

  private final GenericContainer<?> container;

  private DynaliteContainer(GenericContainer<?> container) {
    this.container = container;
  }

  /** Whether Testcontainers finds a Docker engine. */
  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /** Starts the container and waits until dynalite listens; stopped when the JVM exits. */
  static DynaliteContainer start() {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withCommand(
                "npx",
                "--yes",
                DYNALITE,
                "--port",
                Integer.toString(PORT),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0")
            .withExposedPorts(PORT)
            .waitingFor(
                Wait.forLogMessage("(?s).*Dynalite listening.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(3)));
    container.start();
    DynaliteContainer started = new DynaliteContainer(container);
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "dynalite-container-stop"));
    return started;
  }

  URI endpoint() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
  }

  String description() {
    return "dynalite in a Docker container (" + IMAGE + ") at " + endpoint();
  }
}
