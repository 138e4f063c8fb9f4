package dev.kv.cli;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that hand kv every request target, even one Jetty's URI parser rejects
 * ({@code /key/%zz}, a truncated {@code %4}, {@code %00}, {@code ..} above the root).
 *
 * <p>API Gateway passes such paths to the function still encoded, and kv's own key rules answer
 * them ({@code invalid-key}, or {@code not-found} for an unknown route). Jetty would refuse them
 * with its own 400 before any handler runs. Here a target that does not parse is replaced by {@code
 * /} for Jetty, and the target as sent is kept on the connection for {@link #rawTarget(Request)};
 * an HTTP/1.1 connection parses one request at a time, so it belongs to the request being handled.
 */
final class RawTargetConnectionFactory extends HttpConnectionFactory {

  RawTargetConnectionFactory(HttpConfiguration configuration) {
    super(configuration);
  }

  /**
   * The request target as sent when Jetty could not parse it, else {@code null} (then Jetty's own
   * URI holds the target as sent).
   */
  static String rawTarget(Request request) {
    return request.getConnectionMetaData().getConnection() instanceof RawTargetConnection raw
        ? raw.unparsed
        : null;
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    RawTargetConnection connection =
        new RawTargetConnection(getHttpConfiguration(), connector, endPoint);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  private static final class RawTargetConnection extends HttpConnection {

    private volatile String unparsed;

    RawTargetConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
      super(configuration, connector, endPoint);
    }

    @Override
    protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
      try {
        HttpStreamOverHTTP1 stream = super.newHttpStream(method, uri, version);
        unparsed = null;
        return stream;
      } catch (IllegalArgumentException unparseable) {
        if (uri == null || !uri.startsWith("/")) {
          throw unparseable;
        }
        unparsed = uri;
        return super.newHttpStream(method, "/", version);
      }
    }
  }
}
