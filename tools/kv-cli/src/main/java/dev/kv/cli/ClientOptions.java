package dev.kv.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which kv API the client commands talk to, and how they sign their requests. */
public final class ClientOptions {

  /** The API {@code kv serve} starts with its defaults. */
  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  private static final Pattern EXECUTE_API =
      Pattern.compile("^[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?$");

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The API's base URL (default: $KV_URL, else " + DEFAULT_URL + ", where kv serve runs).")
  String url;

  @Option(
      names = "--stack",
      paramLabel = "PREFIX",
      description =
          "Use the API deployed by tools/deploy --prefix PREFIX: its URL is the ApiUrl output of"
              + " the stack PREFIX-api.")
  String stack;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region of --stack and of SigV4 signing (default: the region in an execute-api"
              + " host, else AWS_REGION, AWS_DEFAULT_REGION or the AWS profile's).")
  String region;

  @Option(
      names = "--sigv4",
      description =
          "Sign requests with SigV4 for execute-api (automatic for *.execute-api.REGION"
              + ".amazonaws.com URLs), with the AWS SDK's default credentials.")
  boolean sigv4;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long to wait for the API (default: ${DEFAULT-VALUE}).")
  int timeout;

  /** The client these options describe. */
  ApiClient client(CommandLine command, Environment environment) {
    if (url != null && stack != null) {
      throw new CommandLine.ParameterException(command, "give --url or --stack, not both");
    }
    if (timeout < 1) {
      throw new CommandLine.ParameterException(command, "--timeout must be at least 1");
    }
    URI base;
    if (stack != null) {
      base = StackOutputs.apiUrl(stack, regionOrEnvironment(environment));
    } else {
      String chosen = url != null ? url : environment.variable("KV_URL");
      base = parse(command, chosen == null ? DEFAULT_URL : chosen);
    }
    String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
    Matcher gateway = EXECUTE_API.matcher(host);
    ApiClient.Signer signer = null;
    if (sigv4 || gateway.matches()) {
      String signingRegion = region;
      if (signingRegion == null && gateway.matches()) {
        signingRegion = gateway.group(1);
      }
      if (signingRegion == null) {
        signingRegion = regionOrEnvironment(environment);
      }
      if (signingRegion == null) {
        throw new CommandLine.ParameterException(
            command, "--sigv4 needs a region: give --region or set AWS_REGION");
      }
      signer = SigV4.forEnvironment(environment, signingRegion);
    }
    return new ApiClient(base, signer, Duration.ofSeconds(timeout));
  }

  private String regionOrEnvironment(Environment environment) {
    if (region != null) {
      return region;
    }
    String fromEnvironment = environment.variable("AWS_REGION");
    return fromEnvironment != null ? fromEnvironment : environment.variable("AWS_DEFAULT_REGION");
  }

  private static URI parse(CommandLine command, String text) {
    try {
      URI uri = URI.create(text.strip());
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("a base URL has no query or fragment");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          command, "the API URL '" + text + "' is not usable: " + e.getMessage());
    }
  }
}
