package dev.kv.cli;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.kv.lambda.KvApiHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kv invoke}: one proxy event through the handler's stream entry point, the one Lambda
 * calls, like {@code sam local invoke}.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    description = {
      "Runs one API Gateway REST proxy event through the function's handler and prints the"
          + " response event as JSON. The equivalent of `sam local invoke`, without Docker.",
      "",
      "The handler's log line goes to standard error, so standard output is the response alone."
    })
public final class InvokeCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-e", "--event"},
      paramLabel = "FILE",
      required = true,
      description = "The event JSON file, or - for standard input.")
  String event;

  @Mixin StoreOptions store = new StoreOptions();

  /** An invoke command in {@code environment}. */
  public InvokeCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    String source = event.equals("-") ? "standard input" : event;
    byte[] eventBytes = read();
    try {
      // Checked first so that a file that is not an event fails the command, with the line and
      // column; the handler then reads the same bytes itself, as the deployed function does.
      EventJson.readRequest(new String(eventBytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new CliFailure("cannot use the event from " + source + ": " + e.getMessage(), e);
    }
    PrintWriter err = command.getErr();
    APIGatewayProxyResponseEvent response;
    try (OpenStore opened = store.open(command, environment, err)) {
      KvApiHandler handler =
          new KvApiHandler(
              opened.service(),
              line -> {
                err.println(line);
                err.flush();
              });
      ByteArrayOutputStream responseJson = new ByteArrayOutputStream();
      try {
        // The stream entry point: the bytes Lambda would send, through kv's own event reader.
        handler.handleRequest(new ByteArrayInputStream(eventBytes), responseJson, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in-memory streams: cannot happen
      }
      response = EventJson.readResponse(responseJson.toString(StandardCharsets.UTF_8));
    }
    PrintWriter out = command.getOut();
    out.println(EventJson.writeResponse(response));
    out.flush();
    return 0;
  }

  private byte[] read() {
    try {
      if (event.equals("-")) {
        InputStream in = environment.stdin();
        return in.readAllBytes();
      }
      return Files.readAllBytes(Path.of(event));
    } catch (NoSuchFileException e) {
      throw new CliFailure("cannot read the event: no file " + event);
    } catch (IOException e) {
      throw new CliFailure("cannot read the event from " + event + ": " + e.getMessage(), e);
    }
  }
}
