package dev.kv.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The {@code kv} command line: the entry point, its subcommands and its exit codes (0 done, 1
 * failed or not found, 2 wrong usage, 3 precondition failed, 4 the API or the network failed).
 */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description =
        "The kv key-value store: use any kv API (get, put, delete, list, head), run the API on"
            + " this machine, invoke the function, manage the DynamoDB table.",
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Listing (GET /key?prefix=P&delimiter=D&limit=N&cursor=C): keys in ascending order of"
          + " their UTF-8 bytes in every store; a delimiter groups keys into common prefixes"
          + " ('prefixes'). On DynamoDB a listing reads the index KeyOrder and may lag a write"
          + " briefly; GET is strongly consistent. Items written by the original service are"
          + " listed once 'kv table migrate' has run over the table.",
      "",
      "The client commands talk to --url URL, else $KV_URL, else http://127.0.0.1:8080 (kv"
          + " serve); --stack PREFIX uses the API deployed by tools/deploy. Requests to"
          + " *.execute-api.REGION.amazonaws.com (or with --sigv4) are signed with SigV4 using"
          + " the AWS SDK's default credentials.",
      "",
      "Exit status: 0 done; 1 not found (get, head, delete) or failed (serve, invoke, table);"
          + " 2 wrong usage; 3 precondition failed (--if-match, --create-only; the current"
          + " version is printed); 4 the API or the network failed (the problem's code, detail"
          + " and requestId are printed), --stack's outputs could not be read, or no AWS"
          + " credentials were found to sign with.",
      "Run 'kv COMMAND --help' for the options of a command."
    })
public final class Kv implements Callable<Integer> {

  /** Exit status of a command that did its work. */
  public static final int OK = CommandLine.ExitCode.OK;

  /** Exit status of a command that failed. */
  public static final int FAILED = CommandLine.ExitCode.SOFTWARE;

  /** Exit status of a command line that is wrong. */
  public static final int USAGE = CommandLine.ExitCode.USAGE;

  /** Exit status of get, head or delete when the key has no entry. */
  public static final int NOT_FOUND = 1;

  /** Exit status of a write whose If-Match / If-None-Match precondition failed. */
  public static final int PRECONDITION_FAILED = 3;

  /** Exit status when the API answered with an error or could not be reached. */
  public static final int API_FAILED = 4;

  /** Held so that its level sticks (java.util.logging keeps loggers weakly). */
  private static final java.util.logging.Logger TABLE_ADMIN_LOG =
      java.util.logging.Logger.getLogger("dev.kv.dynamodb.KvTable");

  @Spec CommandLine.Model.CommandSpec spec;

  /** Runs {@code kv} with {@code args} in this process and exits with its status. */
  public static void main(String[] args) {
    // One line per log record, should a library log through java.util.logging.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "kv: %4$s: %5$s%6$s%n");
    }
    // The table commands report the time-to-live setting themselves.
    TABLE_ADMIN_LOG.setLevel(java.util.logging.Level.SEVERE);
    System.exit(commandLine(Environment.system()).execute(args));
  }

  /** The {@code kv} command line with its subcommands, in {@code environment}. */
  public static CommandLine commandLine(Environment environment) {
    CommandLine kv = new CommandLine(new Kv());
    for (Object client : ClientCommands.all(environment)) {
      kv.addSubcommand(client);
    }
    kv.addSubcommand(new ServeCommand(environment));
    kv.addSubcommand(new InvokeCommand(environment));
    kv.addSubcommand(TableCommand.commandLine(environment));
    kv.setExecutionExceptionHandler(Kv::failed);
    kv.setParameterExceptionHandler(Kv::misused);
    return kv;
  }

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    command.usage(command.getErr());
    return USAGE;
  }

  private static int failed(
      Exception error, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (error instanceof ApiClient.ApiFailure) {
      err.println("kv: " + error.getMessage());
      err.flush();
      return API_FAILED;
    }
    if (error instanceof CliFailure) {
      err.println("kv: " + error.getMessage());
    } else {
      err.println("kv: unexpected failure: " + error);
      error.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }

  private static int misused(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("kv: " + error.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(error, err)) {
      err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
    err.flush();
    return USAGE;
  }
}
