package dev.kv.lambda.archfixture;

import dev.kv.core.KeyValueService;
import dev.kv.lambda.bootstrap.FunctionConfiguration;
import java.util.Map;

/**
 * Breaks the layering on purpose: builds the service from the environment in a method, not in the
 * runtime's no-arg constructor. The no-arg constructor is the allowed use.
 */
public final class HandlerBootstrappingPerRequest {
  private final KeyValueService service;

  public HandlerBootstrappingPerRequest() {
    this.service = FunctionConfiguration.service(Map.of("KV_STORE", "memory"));
  }

  public KeyValueService perRequest(Map<String, String> environment) {
    return environment.isEmpty() ? service : FunctionConfiguration.service(environment);
  }
}
