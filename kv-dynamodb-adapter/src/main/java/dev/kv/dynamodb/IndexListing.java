package dev.kv.dynamodb;

import static dev.kv.dynamodb.ItemShape.EXPIRES_AT;
import static dev.kv.dynamodb.ItemShape.KEY;

import dev.kv.core.KeyOrder;
import dev.kv.core.Limits;
import dev.kv.core.ListingCursor;
import dev.kv.core.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * One listing page read from the {@link ListingIndex}: every shard is queried in key order with
 * {@code Key BETWEEN}, the sorted streams are merged, and the page resumes after the last key or
 * common prefix it returned. A common prefix is skipped past by starting the next query of a shard
 * at the prefix's {@linkplain KeyOrder#successor successor}, so the keys inside it are not read.
 *
 * <p>Cost: at least one Query per shard, more only for shards whose batch runs out, at most {@link
 * #MAX_QUERIES_PER_PAGE}; each Query reads a batch sized to the page, never items outside the
 * prefix (but for at most one batch past its end when its upper bound cannot be expressed).
 */
final class IndexListing {

  /** Query requests one page may make; then it answers with what it has and a cursor. */
  static final int MAX_QUERIES_PER_PAGE = 4 * ListingIndex.SHARDS;

  /** A page makes no new request after this long, keeping it far under API Gateway's 29 s. */
  private static final Duration TIME_BUDGET = Duration.ofSeconds(5);

  /** Fewest items a shard's first Query asks for. */
  private static final int MIN_BATCH = 4;

  private static final Map<String, String> NAMES =
      Map.of("#shard", ListingIndex.SHARD, "#k", KEY, "#exp", EXPIRES_AT);

  private final Function<QueryRequest, QueryResponse> query;
  private final String table;

  /** Reads pages of {@code table}'s index through {@code query}, which sends one request. */
  IndexListing(Function<QueryRequest, QueryResponse> query, String table) {
    this.query = query;
    this.table = table;
  }

  /** One shard's stream: what has been read and not merged yet, and where to read on. */
  private final class Shard {
    final int number;
    final ArrayDeque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
    String from;
    String lastRead;
    boolean done;
    int batch;

    Shard(int number, String from, int batch) {
      this.number = number;
      this.from = from;
      this.batch = batch;
    }

    String head() {
      return buffer.isEmpty() ? null : buffer.peekFirst().get(KEY).s();
    }

    void read(String to) {
      StringBuilder condition = new StringBuilder("#shard = :shard");
      Map<String, AttributeValue> values = new HashMap<>();
      values.put(":shard", ItemShape.number(number));
      if (to != null) {
        condition.append(" AND #k BETWEEN :from AND :to");
        values.put(":from", AttributeValue.fromS(from));
        values.put(":to", AttributeValue.fromS(to));
      } else if (!from.isEmpty()) {
        condition.append(" AND #k >= :from");
        values.put(":from", AttributeValue.fromS(from));
      }
      QueryRequest request =
          QueryRequest.builder()
              .tableName(table)
              .indexName(ListingIndex.NAME)
              .keyConditionExpression(condition.toString())
              .projectionExpression("#k, #exp")
              .expressionAttributeNames(NAMES)
              .expressionAttributeValues(values)
              .limit(batch)
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
              .build();
      QueryResponse response = query.apply(request);
      for (Map<String, AttributeValue> item : response.items()) {
        String key = item.get(KEY).s();
        if (lastRead == null || KeyOrder.compare(key, lastRead) > 0) {
          buffer.add(item); // the first item of a continuation is the last one read before
          lastRead = key;
        }
      }
      if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
        // Continue from the last key read, inclusive, rather than with ExclusiveStartKey:
        // emulators check a start key against the sort-key range in UTF-16 order, and a bound
        // can be moved past a common prefix without one.
        AttributeValue last = response.lastEvaluatedKey().get(KEY);
        if (last != null
            && last.s() != null
            && (lastRead == null || KeyOrder.compare(last.s(), lastRead) > 0)) {
          lastRead = last.s();
        }
        from = lastRead;
      } else {
        done = true;
      }
      batch = Math.min(batch * 2, Limits.MAX_LIST_LIMIT + 1);
    }

    /** Moves this stream past every key starting with {@code common}. */
    void skipPast(String common, String next) {
      while (!buffer.isEmpty() && head().startsWith(common)) {
        buffer.pollFirst();
      }
      if (!buffer.isEmpty() || done) {
        return;
      }
      if (next == null) {
        done = true;
      } else if (lastRead == null || KeyOrder.compare(lastRead, next) < 0) {
        from = next; // read on from after the group instead of through it
      }
    }
  }

  /** The page of {@code prefix} and {@code delimiter} after {@code cursor}. */
  Page page(String prefix, String delimiter, int limit, String cursor, Instant now) {
    ListingCursor position =
        cursor == null ? null : ListingCursor.decode(cursor, prefix, delimiter);
    String from = position == null ? prefix : fitting(position.resumeFrom(), position.position());
    List<String> keys = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    if (from == null) {
      return new Page(keys, prefixes, null);
    }
    String upper = KeyOrder.successor(prefix);
    String to = upper == null || !fits(upper) ? null : upper;
    int firstBatch =
        Math.min(limit + 1, Math.max(MIN_BATCH, 2 * (limit + 1) / ListingIndex.SHARDS + 1));
    List<Shard> shards = new ArrayList<>(ListingIndex.SHARDS);
    for (int i = 0; i < ListingIndex.SHARDS; i++) {
      shards.add(new Shard(i, from, firstBatch));
    }
    long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
    int queries = 0;
    while (true) {
      Shard lowest = null;
      for (Shard shard : shards) {
        while (shard.buffer.isEmpty() && !shard.done) {
          if (position != null
              && (queries >= MAX_QUERIES_PER_PAGE || System.nanoTime() > deadline)) {
            return new Page(keys, prefixes, position.encode()); // budget spent: resume later
          }
          shard.read(to);
          queries++;
        }
        if (!shard.buffer.isEmpty()
            && (lowest == null || KeyOrder.compare(shard.head(), lowest.head()) < 0)) {
          lowest = shard;
        }
      }
      if (lowest == null) {
        return new Page(keys, prefixes, null);
      }
      Map<String, AttributeValue> item = lowest.buffer.pollFirst();
      String key = item.get(KEY).s();
      if (!key.startsWith(prefix)) {
        lowest.buffer.clear(); // past the prefix: this shard has nothing more to give
        lowest.done = true;
        continue;
      }
      if (position != null && !position.isPassedBy(key)) {
        continue; // the key the page resumes after, or one inside a prefix already listed
      }
      if (ItemShape.isExpired(item, now)) {
        position = ListingCursor.afterKey(prefix, delimiter, key);
        continue;
      }
      if (keys.size() + prefixes.size() == limit) {
        return new Page(keys, prefixes, position.encode());
      }
      String common = ListingCursor.commonPrefix(key, prefix, delimiter);
      if (common == null) {
        keys.add(key);
        position = ListingCursor.afterKey(prefix, delimiter, key);
      } else {
        prefixes.add(common);
        position = ListingCursor.afterPrefix(prefix, delimiter, common);
        String next = fitting(position.resumeFrom(), common);
        for (Shard shard : shards) {
          shard.skipPast(common, next);
        }
      }
    }
  }

  /** {@code bound}, or {@code fallback} when it is longer than a key may be (a sort key bound). */
  private static String fitting(String bound, String fallback) {
    return bound == null || fits(bound) ? bound : fallback;
  }

  private static boolean fits(String bound) {
    return bound.getBytes(StandardCharsets.UTF_8).length <= Limits.MAX_KEY_BYTES;
  }
}
