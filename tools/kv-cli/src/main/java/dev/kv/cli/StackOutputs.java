package dev.kv.cli;

import java.net.URI;
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
    CloudFormationClientBuilder builder = CloudFormationClient.builder();
    if (region != null) {
      builder.region(Region.of(region));
    }
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
      String message = String.valueOf(e.getMessage());
      throw new ApiClient.ApiFailure(
          "cannot read the outputs of stack "
              + stack
              + (region == null ? "" : " in " + region)
              + ": "
              + (message.startsWith("Unable to load credentials")
                  ? SigV4.noCredentials("for CloudFormation", e)
                  : SigV4.firstLine(message)));
    }
  }
}
