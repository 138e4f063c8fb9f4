package dev.kv.dynamodb.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * dynalite in a Docker container (Testcontainers), for machines with a Docker engine. Amazon's
 * DynamoDB Local is not used: its licence is not open source. Only touched when Testcontainers is
 * on the class path, so modules reusing the harness without it still get the dynalite process.
 */
final class DynaliteContainer {

  /**
   * A plain Node.js image; dynalite and its dependencies come from the repository's package.json
   * and package-lock.json through {@code npm ci}, the versions the dynalite process runs.
   */
  static final String IMAGE = "node:20-alpine";

  private static final String APP = "/kv";

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
  static DynaliteContainer start(Path repositoryRoot) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withCopyFileToContainer(
                MountableFile.forHostPath(repositoryRoot.resolve("package.json")),
                APP + "/package.json")
            .withCopyFileToContainer(
                MountableFile.forHostPath(repositoryRoot.resolve("package-lock.json")),
                APP + "/package-lock.json")
            .withWorkingDirectory(APP)
            .withCommand(
                "sh",
                "-c",
                "npm ci --no-audit --no-fund && exec node node_modules/dynalite/cli.js --port "
                    + PORT
                    + " --createTableMs 0 --deleteTableMs 0 --updateTableMs 0")
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
