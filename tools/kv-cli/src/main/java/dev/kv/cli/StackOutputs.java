package dev.kv.cli;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The API URL of a deployment made by {@code tools/deploy}: output {@code ApiUrl} of PREFIX-api.
 * When it cannot be read, the API cannot be reached: the command exits with status 4, as when the
 * network fails, never 1 (which a script reads as "not found").
 */
final class StackOutputs {

  /** The output of the API stack that holds its URL. */
  static final String API_URL = "ApiUrl";

  private StackOutputs() {}

  /**
   * The API URL of the deployment with {@code prefix}, in {@code region} (or the SDK's default
   * region when {@code null}).
   */
  static URI apiUrl(String prefix, String region) {
    String stack = prefix + "-api";
    String where =
        "cannot read the outputs of stack " + stack + (region == null ? "" : " in " + region);
    // Resolved up front so that missing credentials get their own short answer; the provider
    // caches what it found for the client's request.
    try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
      try {
        credentials.resolveCredentials();
      } catch (SdkException e) {
        throw new ApiClient.ApiFailure(where + ": " + SigV4.noCredentials("for CloudFormation", e));
      }
      CloudFormationClientBuilder builder =
          CloudFormationClient.builder().credentialsProvider(credentials);
      if (region != null) {
        builder.region(Region.of(region));
      }
      return apiUrl(builder, stack, where);
    }
  }

  private static URI apiUrl(CloudFormationClientBuilder builder, String stack, String where) {
    try (CloudFormationClient cloudFormation = builder.build()) {
      for (Stack found : cloudFormation.describeStacks(r -> r.stackName(stack)).stacks()) {
        for (Output output : found.outputs()) {
          if (API_URL.equals(output.outputKey())) {
            return URI.create(output.outputValue());
          }
        }
      }
      throw new ApiClient.ApiFailure("stack " + stack + " has no output " + API_URL);
    } catch (SdkException e) {
      throw new ApiClient.ApiFailure(where + ": " + SigV4.firstLine(e.getMessage()));
    }
  }
}
