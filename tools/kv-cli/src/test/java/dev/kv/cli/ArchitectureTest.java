package dev.kv.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command line is the composition root for local use: it may use every module, but reaches the
 * API only through the function's entry point, and nothing depends on it.
 */
@AnalyzeClasses(packages = "dev.kv", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theApiIsReachedOnlyThroughTheLambdaHandler =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.cli..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.kv.lambda").and(not(simpleName("KvApiHandler"))))
          .because(
              "the local server must run exactly what the deployed function runs; it shares"
                  + " only the route table and problem writer (lambda.http) and the store"
                  + " selection (lambda.bootstrap)");

  @ArchTest
  static final ArchRule onlyTheStoreAndTableCommandsAndTheSignerKnowStoresAndTheAwsSdk =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.cli..")
          .and()
          .haveNameNotMatching(
              "dev\\.kv\\.cli\\.(StoreOptions|DynamoDbOptions|TableCommand|SigV4|StackOutputs)"
                  + "(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.kv.inmemory..", "dev.kv.dynamodb..", "software.amazon..");

  @ArchTest
  static final ArchRule theGatewayTranslationKnowsNoStoreAndNoService =
      noClasses()
          .that()
          .haveSimpleNameStartingWith("ApiGateway")
          .or()
          .haveSimpleName("LocalApiServer")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.kv.core..", "dev.kv.inmemory..", "dev.kv.dynamodb..");

  @ArchTest
  static final ArchRule nothingElseDependsOnTheCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.kv.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.kv.cli..");
}
