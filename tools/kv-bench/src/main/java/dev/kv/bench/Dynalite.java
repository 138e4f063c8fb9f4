package dev.kv.bench;

import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.dynamodb.KvTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite, the open-source DynamoDB implementation the tests use, as a child process on a free
 * loopback port, with kv's table created. Stopped by {@link #close()}.
 */
final class Dynalite implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final URI endpoint;

  private Dynalite(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts {@code node cli} and waits until it accepts connections. */
  static Dynalite start(String node, Path cli, Path log) throws IOException, InterruptedException {
    int port = freeLoopbackPort();
    Process process =
        new ProcessBuilder(
                node,
                cli.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Dynalite dynalite = new Dynalite(process, URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!accepts(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        dynalite.close();
        throw new IllegalStateException("dynalite did not start; see " + log);
      }
      Thread.sleep(100);
    }
    return dynalite;
  }

  /** Where it listens. */
  URI endpoint() {
    return endpoint;
  }

  /** Creates kv's table (as {@code kv table create} would) and returns its name. */
  String createTable(String name) {
    DynamoDbStoreConfig config =
        DynamoDbStoreConfig.of(name, "eu-west-1")
            .withEndpointOverride(endpoint)
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("kvbench", "kvbench")));
    try (DynamoDbClient client = config.buildClient()) {
      new KvTable(client, name).create();
    }
    return name;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
