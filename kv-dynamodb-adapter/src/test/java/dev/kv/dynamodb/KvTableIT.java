package dev.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Creating, describing and deleting the table against a real DynamoDB implementation. */
class KvTableIT {

  private static DynamoDbTestEndpoint dynamo;

  @BeforeAll
  static void startDynamoDb() {
    dynamo = DynamoDbTestEndpoint.shared();
  }

  @Test
  void createMakesAnActiveOnDemandTableKeyedByKey() {
    KvTable table = new KvTable(dynamo.client(), dynamo.newTableName());
    try {
      KvTable.Creation creation = table.create();

      assertThat(creation.created()).isTrue();
      TableDescription description =
          dynamo.client().describeTable(b -> b.tableName(table.tableName())).table();
      assertThat(description.tableStatusAsString()).isEqualTo("ACTIVE");
      assertThat(description.keySchema()).hasSize(1);
      assertThat(description.keySchema().get(0).attributeName()).isEqualTo("Key");
      assertThat(description.keySchema().get(0).keyType()).isEqualTo(KeyType.HASH);
      assertThat(description.attributeDefinitions().get(0).attributeType())
          .isEqualTo(ScalarAttributeType.S);
      assertThat(description.billingModeSummary().billingModeAsString())
          .isEqualTo("PAY_PER_REQUEST");
      // dynalite has no UpdateTimeToLive; DynamoDB turns it on.
      assertThat(creation.timeToLive())
          .isIn(KvTable.TimeToLive.ENABLED, KvTable.TimeToLive.UNSUPPORTED);
      System.out.println("[kv tests] time to live after create: " + creation.timeToLive());
    } finally {
      table.delete();
    }
  }

  @Test
  void createOfAnExistingTableChangesNothing() {
    KvTable table = new KvTable(dynamo.client(), dynamo.newTableName());
    try {
      table.create();
      assertThat(table.create().created()).isFalse();
    } finally {
      table.delete();
    }
  }

  @Test
  void describeReportsTheTableAndNothingOnceDeleted() {
    KvTable table = new KvTable(dynamo.client(), dynamo.newTableName());
    assertThat(table.describe()).isEmpty();
    table.create();

    KvTable.Status status = table.describe().orElseThrow();
    assertThat(status.tableName()).isEqualTo(table.tableName());
    assertThat(status.status()).isEqualTo("ACTIVE");
    assertThat(status.billingMode()).isEqualTo("PAY_PER_REQUEST");

    assertThat(table.delete()).isTrue();
    assertThat(table.describe()).isEmpty();
    assertThat(table.delete()).isFalse();
  }
}
