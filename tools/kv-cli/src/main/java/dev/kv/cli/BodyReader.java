package dev.kv.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the client is slow, up to one byte past a
 * limit and no further.
 */
final class BodyReader {

  /** A body longer than the limit: only its first {@code limit + 1} bytes were read. */
  static final byte[] TOO_LARGE = new byte[0];

  private final Request request;
  private final int limit;
  private final ByteArrayOutputStream bytes;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();

  private BodyReader(Request request, int limit) {
    this.request = request;
    this.limit = limit;
    long declared = request.getLength();
    this.bytes = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
  }

  /**
   * The body of {@code request}, or {@link #TOO_LARGE} once more than {@code limit} bytes arrived;
   * fails with the read failure (a malformed chunk, the client gone, the idle timeout).
   */
  static CompletableFuture<byte[]> read(Request request, int limit) {
    BodyReader reader = new BodyReader(request, limit);
    reader.next();
    return reader.result;
  }

  private void next() {
    while (true) {
      Content.Chunk chunk;
      try {
        chunk = request.read();
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      if (chunk == null) {
        request.demand(this::next);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        result.completeExceptionally(chunk.getFailure());
        return;
      }
      ByteBuffer buffer = chunk.getByteBuffer();
      int take = Math.min(buffer.remaining(), limit + 1 - bytes.size());
      if (take > 0) {
        byte[] part = new byte[take];
        buffer.get(part);
        bytes.write(part, 0, take);
      }
      boolean last = chunk.isLast();
      chunk.release();
      if (bytes.size() > limit) {
        result.complete(TOO_LARGE);
        return;
      }
      if (last) {
        result.complete(bytes.toByteArray());
        return;
      }
    }
  }
}
