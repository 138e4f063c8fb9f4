package dev.kv.lambda.http;

import java.util.Optional;

/**
 * The route table of kv: every route, its template as API Gateway declares it and the methods it
 * serves. The HTTP rules, the proxy event mapping and the local gateway all route with it.
 */
public enum Route {
  /** Service info. */
  INFO("/", "GET, HEAD"),
  /** The key listing. */
  LIST("/key", "GET, HEAD"),
  /** One entry; the key is the rest of the path, still percent-encoded. */
  ENTRY("/key/{key+}", "GET, HEAD, PUT, DELETE");

  /** What an entry path starts with; the key follows it. */
  public static final String ENTRY_PREFIX = "/key/";

  private final String template;
  private final String allow;

  Route(String template, String allow) {
    this.template = template;
    this.allow = allow;
  }

  /** The resource template, as in the API's OpenAPI document and CloudFormation template. */
  public String template() {
    return template;
  }

  /** The methods served, as the {@code Allow} header lists them. */
  public String allow() {
    return allow;
  }

  /** The route of a still-encoded path without any stage prefix; empty when none matches. */
  public static Optional<Route> of(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return Optional.of(INFO);
    }
    if (path.equals("/key")) {
      return Optional.of(LIST);
    }
    if (path.startsWith(ENTRY_PREFIX)) {
      return Optional.of(ENTRY);
    }
    return Optional.empty();
  }

  /** The still-encoded key of an {@link #ENTRY} path. */
  public static String encodedKey(String path) {
    return path.substring(ENTRY_PREFIX.length());
  }
}
