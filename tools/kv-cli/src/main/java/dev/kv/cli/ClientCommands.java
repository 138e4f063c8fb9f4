package dev.kv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kv get}, {@code put}, {@code delete}, {@code list} and {@code head}: a client of any kv
 * API (kv serve, or a deployment), with exit statuses a script can rely on.
 */
final class ClientCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientCommands() {}

  /** The client commands, for {@code kv}. */
  static Object[] all(Environment environment) {
    return new Object[] {
      new Get(environment),
      new Head(environment),
      new Put(environment),
      new Delete(environment),
      new ListKeys(environment)
    };
  }

  /** What every client command shares: where the API is, and how answers become exit codes. */
  abstract static class Base implements Callable<Integer> {

    final Environment environment;

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin ClientOptions target = new ClientOptions();

    Base(Environment environment) {
      this.environment = environment;
    }

    ApiClient client() {
      return target.client(spec.commandLine(), environment);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    /** Says why {@code reply} is not what the command wanted, and the exit status for it. */
    int failed(ApiClient.Reply reply, String key) {
      PrintWriter err = err();
      switch (reply.status()) {
        case 404 -> {
          err.println("kv: not found: " + key);
          err.flush();
          return Kv.NOT_FOUND;
        }
        case 412 -> {
          String etag = reply.header("ETag");
          err.println(
              "kv: precondition failed: "
                  + (etag == null
                      ? "the key does not exist"
                      : "current version is " + EntityTag.version(etag)));
          err.flush();
          return Kv.PRECONDITION_FAILED;
        }
        default -> {
          err.println("kv: " + describe(reply));
          err.flush();
          return Kv.API_FAILED;
        }
      }
    }
  }

  /** {@code kv get KEY}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      sortOptions = false,
      description = {
        "Writes the value of KEY to standard output, byte for byte (or to --output).",
        "Exit status: 0 done, 1 not found, 4 the API or the network failed, 2 wrong usage."
      })
  static final class Get extends Base {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the value to FILE instead of standard output.")
    Path output;

    @Option(
        names = "--meta",
        description = "Print the version, content type and expiry instead of the value.")
    boolean meta;

    Get(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() throws IOException {
      if (meta) {
        return Head.printMeta(this, key);
      }
      ApiClient.Reply reply = client().send("GET", keyPath(key), Map.of(), null);
      if (reply.status() != 200) {
        return failed(reply, key);
      }
      if (output != null) {
        Files.write(output, reply.body());
      } else {
        OutputStream stdout = environment.stdout();
        stdout.write(reply.body());
        stdout.flush();
      }
      return Kv.OK;
    }
  }

  /** {@code kv head KEY}. */
  @Command(
      name = "head",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      sortOptions = false,
      description = {
        "Prints the version, content type, last write and expiry of KEY, without its value.",
        "Exit status: 0 done, 1 not found, 4 the API or the network failed, 2 wrong usage."
      })
  static final class Head extends Base {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    Head(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      return printMeta(this, key);
    }

    static int printMeta(Base command, String key) {
      ApiClient.Reply reply = command.client().send("HEAD", keyPath(key), Map.of(), null);
      if (reply.status() != 200) {
        return command.failed(reply, key);
      }
      PrintWriter out = command.out();
      out.println("version: " + EntityTag.version(reply.header("ETag")));
      out.println("content-type: " + orNone(reply.header("Content-Type")));
      out.println("last-modified: " + orNone(reply.header("Last-Modified")));
      out.println("expires-at: " + orNone(reply.header("Kv-Expires-At")));
      out.flush();
      return Kv.OK;
    }
  }

  /** {@code kv put KEY [VALUE]}. */
  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      sortOptions = false,
      description = {
        "Stores VALUE (or the bytes of --file, or standard input with '-') under KEY and prints"
            + " 'created' or 'replaced' with the new version.",
        "Exit status: 0 done, 3 precondition failed (the current version is printed), 4 the API"
            + " or the network failed, 2 wrong usage."
      })
  static final class Put extends Base {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "VALUE",
        description = "The value as text (UTF-8); '-' reads standard input.")
    String value;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "Store the bytes of FILE.")
    Path file;

    @Option(
        names = "--content-type",
        paramLabel = "TYPE",
        description =
            "Content type stored with the value (default: text/plain; charset=utf-8 for a VALUE"
                + " argument, else application/octet-stream).")
    String contentType;

    @Option(
        names = "--ttl",
        paramLabel = "SECONDS",
        description = "Expire the entry after SECONDS (1 to 315360000).")
    Long ttl;

    @ArgGroup(exclusive = true)
    Preconditions preconditions;

    static final class Preconditions {
      @Option(
          names = "--if-match",
          paramLabel = "VERSION",
          description = "Write only if the current version is VERSION ('*': if the key exists).")
      String ifMatch;

      @Option(
          names = {"--if-none-match", "--create-only"},
          description = "Write only if the key does not exist.")
      boolean createOnly;
    }

    Put(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() throws IOException {
      CommandLine command = spec.commandLine();
      byte[] body;
      String type = contentType;
      if (file != null) {
        if (value != null) {
          throw new CommandLine.ParameterException(command, "give VALUE or --file, not both");
        }
        body = Files.readAllBytes(file);
      } else if ("-".equals(value)) {
        body = environment.stdin().readAllBytes();
      } else if (value != null) {
        body = value.getBytes(StandardCharsets.UTF_8);
        if (type == null) {
          type = "text/plain; charset=utf-8";
        }
      } else {
        throw new CommandLine.ParameterException(
            command, "give the value: VALUE, --file FILE, or '-' for standard input");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", type == null ? "application/octet-stream" : type);
      if (preconditions != null && preconditions.ifMatch != null) {
        headers.put("If-Match", EntityTag.of(command, preconditions.ifMatch));
      }
      if (preconditions != null && preconditions.createOnly) {
        headers.put("If-None-Match", "*");
      }
      String path = keyPath(key) + (ttl == null ? "" : "?ttl=" + ttl);
      ApiClient.Reply reply = client().send("PUT", path, headers, body);
      if (reply.status() != 201 && reply.status() != 204) {
        return failed(reply, key);
      }
      out()
          .println(
              (reply.status() == 201 ? "created" : "replaced")
                  + " version "
                  + EntityTag.version(reply.header("ETag")));
      out().flush();
      return Kv.OK;
    }
  }

  /** {@code kv delete KEY}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      sortOptions = false,
      description = {
        "Deletes KEY.",
        "Exit status: 0 done, 1 not found, 3 precondition failed, 4 the API or the network"
            + " failed, 2 wrong usage."
      })
  static final class Delete extends Base {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Option(
        names = "--if-match",
        paramLabel = "VERSION",
        description = "Delete only if the current version is VERSION.")
    String ifMatch;

    Delete(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() {
      Map<String, String> headers = new LinkedHashMap<>();
      if (ifMatch != null) {
        headers.put("If-Match", EntityTag.of(spec.commandLine(), ifMatch));
      }
      ApiClient.Reply reply = client().send("DELETE", keyPath(key), headers, null);
      if (reply.status() != 204) {
        return failed(reply, key);
      }
      return Kv.OK;
    }
  }

  /** {@code kv list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = CliVersion.class,
      sortOptions = false,
      description = {
        "Prints the keys, one a line, in the API's order, following the listing's cursors to the"
            + " end (or to --limit). With --delimiter, each common prefix is printed once, as a"
            + " line ending in the delimiter.",
        "Exit status: 0 done, 4 the API or the network failed, 2 wrong usage."
      })
  static final class ListKeys extends Base {

    /** The API's largest page. */
    static final int MAX_PAGE = 1000;

    @Option(names = "--prefix", paramLabel = "P", description = "Only keys starting with P.")
    String prefix;

    @Option(
        names = "--delimiter",
        paramLabel = "D",
        description = "Group keys that contain D after the prefix into one common prefix.")
    String delimiter;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Print at most N keys and prefixes (default: all).")
    Integer limit;

    ListKeys(Environment environment) {
      super(environment);
    }

    @Override
    public Integer call() throws IOException {
      if (limit != null && limit < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
      }
      ApiClient client = client();
      PrintWriter out = out();
      long printed = 0;
      String cursor = null;
      do {
        int page = (int) Math.min(MAX_PAGE, limit == null ? MAX_PAGE : limit - printed);
        StringBuilder path = new StringBuilder("/key?limit=").append(page);
        if (prefix != null) {
          path.append("&prefix=").append(ApiClient.encodeQuery(prefix));
        }
        if (delimiter != null) {
          path.append("&delimiter=").append(ApiClient.encodeQuery(delimiter));
        }
        if (cursor != null) {
          path.append("&cursor=").append(ApiClient.encodeQuery(cursor));
        }
        ApiClient.Reply reply = client.send("GET", path.toString(), Map.of(), null);
        if (reply.status() != 200) {
          return failed(reply, prefix == null ? "" : prefix);
        }
        JsonNode listing = JSON.readTree(reply.body());
        for (JsonNode entry : merged(listing)) {
          out.println(entry.asText());
          printed++;
        }
        JsonNode next = listing.get("cursor");
        cursor = next == null || next.isNull() ? null : next.asText();
      } while (cursor != null && (limit == null || printed < limit));
      out.flush();
      return Kv.OK;
    }

    /** Keys and prefixes of one page, in the one sorted order they interleave in. */
    private static java.util.List<JsonNode> merged(JsonNode listing) {
      java.util.List<JsonNode> all = new java.util.ArrayList<>();
      listing.path("keys").forEach(all::add);
      listing.path("prefixes").forEach(all::add);
      if (listing.has("prefixes")) {
        all.sort(
            (a, b) ->
                java.util.Arrays.compareUnsigned(
                    a.asText().getBytes(StandardCharsets.UTF_8),
                    b.asText().getBytes(StandardCharsets.UTF_8)));
      }
      return all;
    }
  }

  /** The path of an entry. */
  static String keyPath(String key) {
    return "/key/" + ApiClient.encodeKey(key);
  }

  /** One line on a failed answer: status, the problem's code and detail, and its request id. */
  static String describe(ApiClient.Reply reply) {
    String requestId = reply.header("X-Request-Id");
    try {
      JsonNode problem = JSON.readTree(reply.body());
      if (problem != null && problem.has("code")) {
        return "the API answered "
            + reply.status()
            + " "
            + problem.path("code").asText()
            + ": "
            + problem.path("detail").asText()
            + " (requestId "
            + problem.path("requestId").asText(requestId)
            + ")";
      }
    } catch (IOException notJson) {
      // described below
    }
    String text = reply.text().strip();
    if (text.length() > 200) {
      text = text.substring(0, 200) + "…";
    }
    return "the API answered "
        + reply.status()
        + (text.isEmpty() ? "" : ": " + text.replaceAll("\\s+", " "))
        + (requestId == null ? "" : " (requestId " + requestId + ")");
  }

  private static String orNone(String value) {
    return value == null ? "-" : value;
  }

  /** Versions as the command line shows them, and as ETags on the wire. */
  static final class EntityTag {

    private EntityTag() {}

    /** {@code "3"} for version 3, {@code *} for any. */
    static String of(CommandLine command, String version) {
      String v = version.strip();
      if (v.equals("*")) {
        return "*";
      }
      if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
        v = v.substring(1, v.length() - 1);
      }
      if (!v.matches("[0-9]{1,19}")) {
        throw new CommandLine.ParameterException(
            command,
            "a version is a number (as 'kv head' prints it) or '*', was '" + version + "'");
      }
      return "\"" + v + "\"";
    }

    /** The version in an ETag, e.g. 3 for {@code "3"}; {@code -} without one. */
    static String version(String etag) {
      if (etag == null) {
        return "-";
      }
      String v = etag.strip();
      if (v.startsWith("W/")) {
        v = v.substring(2);
      }
      return v.replace("\"", "");
    }
  }
}
