package dev.kv.cli;

import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.dynamodb.KvTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code kv table}: creates, describes, deletes and fills the DynamoDB table, in place of the
 * original project's AWS CLI scripts.
 */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description = {
      "Creates, describes, deletes, fills or migrates the DynamoDB table, on AWS (default"
          + " credential chain) or on any DynamoDB-compatible endpoint. No AWS CLI needed.",
    },
    commandListHeading = "%nCommands:%n")
public final class TableCommand implements Callable<Integer> {

  /**
   * The original service's sample items: what its populate script wrote, so a newcomer has data.
   */
  static final Map<String, String> SAMPLE_ENTRIES = samples();

  private static final String SAMPLE_CONTENT_TYPE = "text/plain; charset=utf-8";

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Kv.USAGE;
  }

  /** The table command with its subcommands, in {@code environment}. */
  static CommandLine commandLine(Environment environment) {
    CommandLine table = new CommandLine(new TableCommand());
    table.addSubcommand(new Create(environment));
    table.addSubcommand(new Describe(environment));
    table.addSubcommand(new Delete(environment));
    table.addSubcommand(new Populate(environment));
    table.addSubcommand(new Migrate(environment));
    return table;
  }

  /** What every table subcommand shares: its options, and a client for the length of the work. */
  private abstract static class TableAction implements Callable<Integer> {

    final Environment environment;

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin DynamoDbOptions options = new DynamoDbOptions();

    TableAction(Environment environment) {
      this.environment = environment;
    }

    /** The client and the table the work is about. */
    record Target(DynamoDbClient client, KvTable table) {}

    /** Runs {@code work} with a client that is closed afterwards; {@code action} names it. */
    int withTable(String action, Function<Target, Integer> work) {
      DynamoDbStoreConfig config = options.config(spec.commandLine(), environment);
      try (DynamoDbClient client = config.buildClient()) {
        int status = work.apply(new Target(client, new KvTable(client, config.tableName())));
        out().flush();
        return status;
      } catch (SdkException e) {
        throw options.failure(e, action + " table '" + options.table() + "'", environment);
      } catch (IllegalStateException e) {
        throw new CliFailure(
            "cannot " + action + " table '" + options.table() + "': " + e.getMessage(), e);
      }
    }

    String where() {
      return options.where(environment);
    }

    CliFailure missing() {
      return new CliFailure(
          "there is no table '"
              + options.table()
              + "' at "
              + where()
              + " (create it with 'kv table create')");
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }
  }

  /** {@code kv table create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      description = {
        "Creates the table unless it exists: on-demand capacity, partition key 'Key' (string),"
            + " the listing index 'KeyOrder' (partition key 'KeyShard', sort key 'Key'),"
            + " time to live on 'ExpiresAt'. Waits until it is active."
      })
  static final class Create extends TableAction {

    Create(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      return withTable(
          "create",
          target -> {
            KvTable.Creation creation = target.table().create();
            out()
                .println(
                    (creation.created() ? "Created table '" : "Table '")
                        + options.table()
                        + (creation.created() ? "' at " : "' already exists at ")
                        + where());
            out().println("Time to live on ExpiresAt: " + timeToLive(creation.timeToLive()));
            return Kv.OK;
          });
    }
  }

  /** {@code kv table describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      description = {"Shows the table's status, approximate size and settings."})
  static final class Describe extends TableAction {

    Describe(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      return withTable(
          "describe",
          target -> {
            KvTable.Status status = target.table().describe().orElseThrow(this::missing);
            PrintWriter out = out();
            out.printf(Locale.ROOT, "table         %s%n", status.tableName());
            out.printf(Locale.ROOT, "where         %s%n", where());
            out.printf(Locale.ROOT, "status        %s%n", status.status());
            out.printf(Locale.ROOT, "items         %d (approximate)%n", status.itemCount());
            out.printf(Locale.ROOT, "size          %d bytes (approximate)%n", status.sizeBytes());
            out.printf(Locale.ROOT, "billing       %s%n", status.billingMode());
            out.printf(Locale.ROOT, "time to live  %s%n", timeToLive(status.timeToLive()));
            out.printf(
                Locale.ROOT,
                "listing index %s %s%s%n",
                KvTable.listingIndexName(),
                status.listingIndex(),
                status.listingIndex().equals("MISSING") ? " (run 'kv table migrate')" : "");
            return Kv.OK;
          });
    }
  }

  /** {@code kv table delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      description = {
        "Deletes the table and every entry in it, after asking for confirmation.",
        "DynamoDB refuses to delete a table with deletion protection (the deployed stack's)."
      })
  static final class Delete extends TableAction {

    @Option(
        names = {"-y", "--yes"},
        description = "Delete without asking.")
    boolean yes;

    Delete(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      if (!yes && !confirmed()) {
        err().println("kv: not deleted");
        err().flush();
        return Kv.FAILED;
      }
      return withTable(
          "delete",
          target -> {
            if (!target.table().delete()) {
              throw missing();
            }
            out().println("Deleted table '" + options.table() + "' at " + where());
            return Kv.OK;
          });
    }

    private boolean confirmed() {
      PrintWriter err = err();
      err.print(
          "Delete table '"
              + options.table()
              + "' at "
              + where()
              + " and every entry in it? [y/N] ");
      err.flush();
      try {
        String answer =
            new BufferedReader(new InputStreamReader(environment.stdin(), StandardCharsets.UTF_8))
                .readLine();
        if (answer == null) {
          err.println();
          return false;
        }
        String normalized = answer.strip().toLowerCase(Locale.ROOT);
        return normalized.equals("y") || normalized.equals("yes");
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** {@code kv table populate}. */
  @Command(
      name = "populate",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      description = {
        "Writes the original service's three sample entries (keys a, b and c) into the table,"
            + " replacing entries with those keys, so there is data to try the API on."
      })
  static final class Populate extends TableAction {

    Populate(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      return withTable(
          "populate",
          target -> {
            if (target.table().describe().isEmpty()) {
              throw missing();
            }
            KeyValueService kv =
                new KeyValueService(new DynamoDbKeyValueStore(target.client(), options.table()));
            PrintWriter out = out();
            SAMPLE_ENTRIES.forEach(
                (key, value) -> {
                  kv.put(Key.of(key), value.getBytes(StandardCharsets.UTF_8), SAMPLE_CONTENT_TYPE);
                  out.println("  " + key + " = " + value);
                });
            out.println(
                "Wrote "
                    + SAMPLE_ENTRIES.size()
                    + " sample entries to table '"
                    + options.table()
                    + "' at "
                    + where());
            return Kv.OK;
          });
    }
  }

  /** {@code kv table migrate}. */
  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      description = {
        "Makes a table made by the original service or an earlier kv listable: adds the listing"
            + " index 'KeyOrder' if the table lacks it, and gives every item without the"
            + " attribute 'KeyShard' that attribute (derived from its key).",
        "Each item is one conditional update that sets only 'KeyShard', so it is safe while the"
            + " API serves traffic and never undoes a concurrent write. Idempotent: run it again"
            + " after an interruption and it resumes, skipping items done already. Prints"
            + " progress. Until an item is migrated, GET, PUT and DELETE serve it as before;"
            + " listings show it once migrated (and once DynamoDB has built the index)."
      })
  static final class Migrate extends TableAction {

    Migrate(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      return withTable(
          "migrate",
          target -> {
            if (target.table().describe().isEmpty()) {
              throw missing();
            }
            PrintWriter out = out();
            out.println("Migrating table '" + options.table() + "' at " + where());
            out.flush();
            KvTable.Migration migration =
                target
                    .table()
                    .migrate(
                        p -> {
                          out.printf(
                              Locale.ROOT,
                              "  %d items read, %d updated, %d left as they were%s%n",
                              p.scanned(),
                              p.updated(),
                              p.skipped(),
                              p.finished() ? " (done)" : "");
                          out.flush();
                        });
            if (migration.indexRefusal() != null) {
              out.println(
                  "DynamoDB refused to add the listing index "
                      + KvTable.listingIndexName()
                      + ": "
                      + migration.indexRefusal());
            }
            if (migration.indexAdded()) {
              out.println("Asked DynamoDB to add the listing index " + KvTable.listingIndexName());
            }
            out.println(
                "Listing index "
                    + KvTable.listingIndexName()
                    + ": "
                    + migration.indexStatus()
                    + (migration.indexStatus().equals("MISSING")
                        ? " (this DynamoDB implementation did not add it; create the table with"
                            + " 'kv table create' and copy the items)"
                        : ""));
            return migration.indexStatus().equals("MISSING") ? Kv.FAILED : Kv.OK;
          });
    }
  }

  private static String timeToLive(KvTable.TimeToLive timeToLive) {
    return timeToLive == KvTable.TimeToLive.UNSUPPORTED
        ? "not supported by this DynamoDB implementation (expired entries are hidden, not deleted)"
        : timeToLive.name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> samples() {
    Map<String, String> samples = new LinkedHashMap<>();
    samples.put("a", "ahsfkahkfahfsla");
    samples.put("b", "klsudhfgakjhaasf");
    samples.put("c", "akljsndakjsndkja");
    return Collections.unmodifiableMap(samples);
  }
}
