package dev.kv.cli;

import dev.kv.core.KeyValueService;
import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.dynamodb.KvTable;
import dev.kv.lambda.bootstrap.StoreSelection;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where {@code serve} and {@code invoke} keep entries: the composition root for local use, which
 * chooses the store through the function's own {@link StoreSelection}.
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
   * Opens the chosen store; with DynamoDB, checks that the table is there (or creates it with
   * {@code --create-table}) so that a wrong table or endpoint fails now, not on the first request.
   *
   * @param report where to say what was done (a table created)
   * @throws CommandLine.ParameterException for an unknown store, or DynamoDB options without {@code
   *     --store dynamodb}
   * @throws CliFailure when DynamoDB cannot be reached or the table is missing
   */
  public OpenStore open(CommandLine command, Environment environment, PrintWriter report) {
    StoreSelection.Kind kind =
        StoreSelection.kind(store)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        command, "--store must be memory or dynamodb, was '" + store + "'"));
    return switch (kind) {
      case MEMORY -> {
        for (String option : DYNAMODB_ONLY) {
          if (command.getParseResult().hasMatchedOption(option)) {
            throw new CommandLine.ParameterException(
                command, option + " applies to --store dynamodb only");
          }
        }
        yield new OpenStore(
            new KeyValueService(StoreSelection.inMemory()),
            "in memory (entries are gone when kv stops)",
            () -> {});
      }
      case DYNAMODB -> dynamoDb(command, environment, report);
    };
  }

  private OpenStore dynamoDb(CommandLine command, Environment environment, PrintWriter report) {
    DynamoDbStoreConfig config = dynamoDb.config(command, environment);
    String where = dynamoDb.where(environment);
    DynamoDbClient client = config.buildClient();
    try {
      KvTable table = new KvTable(client, config.tableName());
      if (createTable) {
        KvTable.Creation creation = table.create();
        if (creation.created()) {
          report.println("kv: created table '" + config.tableName() + "' at " + where);
        }
        if (creation.timeToLive() == KvTable.TimeToLive.UNSUPPORTED) {
          report.println(
              "kv: this DynamoDB implementation has no time to live: expired entries are hidden,"
                  + " not deleted");
        }
        report.flush();
      } else if (table.describe().isEmpty()) {
        throw new CliFailure(
            "there is no table '"
                + config.tableName()
                + "' at "
                + where
                + ": create it with 'kv table create' (same --table, --endpoint, --region) or"
                + " add --create-table");
      }
    } catch (SdkException e) {
      client.close();
      throw dynamoDb.failure(e, "use table '" + config.tableName() + "'", environment);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    KeyValueService service =
        new KeyValueService(StoreSelection.dynamoDb(client, config.tableName()));
    return new OpenStore(
        service, "DynamoDB table '" + config.tableName() + "' at " + where, client);
  }
}
