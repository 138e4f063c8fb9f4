package dev.kv.dynamodb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The adapter depends inwards only: on kv-core, the JDK and the AWS SDK. */
@AnalyzeClasses(packages = "dev.kv", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule adapterDependsOnlyOnCoreJdkAndSdk =
      classes()
          .that()
          .resideInAPackage("dev.kv.dynamodb..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.kv.dynamodb..", "dev.kv.core..", "java..", "software.amazon..");

  @ArchTest
  static final ArchRule adapterUsesNoOtherAdapter =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.dynamodb..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.kv.inmemory..", "dev.kv.lambda..", "dev.kv.cli..");

  @ArchTest
  static final ArchRule adapterUsesNoEnhancedClientNorHeavyHttpClients =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.dynamodb..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "software.amazon.awssdk.enhanced..",
              "software.amazon.awssdk.http.apache..",
              "software.amazon.awssdk.http.apache5..",
              "software.amazon.awssdk.http.nio..");
}
