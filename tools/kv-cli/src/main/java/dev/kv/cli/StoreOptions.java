package dev.kv.cli;

import dev.kv.core.KeyValueService;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code serve} and {@code invoke} keep entries, and the one place of the command line that
 * builds a store: the composition root for local use.
 */
public final class StoreOptions {

  private static final List<String> DYNAMODB_ONLY =
      List.of("--table", "--endpoint", "--region", "--create-table");

  @Option(
      names = "--store",
      paramLabel = "STORE",
      defaultValue = "memory",
      description =
          "Where entries live: memory (nothing to set up; gone when kv stops) or dynamodb"
              + " (default: ${DEFAULT-VALUE}).")
  String store;

  @Option(
      names = "--create-table",
      description = "With --store dynamodb: create the table first when it does not exist.")
  boolean createTable;

  @Mixin DynamoDbOptions dynamoDb = new DynamoDbOptions();

  /**
   * The service over the chosen store.
   *
   * @throws CommandLine.ParameterException for an unknown store, or DynamoDB options without {@code
   *     --store dynamodb}
   * @throws CliFailure when the store cannot be reached or set up
   */
  public KeyValueService open(CommandLine command, Environment environment) {
    String kind = store.strip().toLowerCase(Locale.ROOT);
    switch (kind) {
      case "memory", "in-memory" -> {
        for (String option : DYNAMODB_ONLY) {
          if (command.getParseResult().hasMatchedOption(option)) {
            throw new CommandLine.ParameterException(
                command, option + " applies to --store dynamodb only");
          }
        }
        return new KeyValueService(new InMemoryKeyValueStore());
      }
      case "dynamodb" -> {
        return dynamoDb(environment);
      }
      default ->
          throw new CommandLine.ParameterException(
              command, "--store must be memory or dynamodb, was '" + store + "'");
    }
  }

  /** A short description of the store for people, e.g. {@code in-memory}. */
  public String describe(Environment environment) {
    if (!store.strip().equalsIgnoreCase("dynamodb")) {
      return "in-memory";
    }
    String where = dynamoDb.endpoint() == null ? "AWS" : dynamoDb.endpoint().toString();
    String region = dynamoDb.region(environment);
    return "DynamoDB table '"
        + dynamoDb.table()
        + "' at "
        + where
        + (region == null ? "" : " (" + region + ")");
  }

  private KeyValueService dynamoDb(Environment environment) {
    throw new CliFailure("this build of kv has no DynamoDB store yet; use --store memory");
  }
}
