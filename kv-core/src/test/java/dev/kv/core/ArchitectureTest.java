package dev.kv.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** kv-core is the centre of the hexagon: it depends on the JDK and nothing else. */
@AnalyzeClasses(packages = "dev.kv.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreDependsOnTheJdkOnly =
      classes()
          .that()
          .resideInAPackage("dev.kv.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.kv.core..", "java..");

  @ArchTest
  static final ArchRule coreKnowsNoAdapter =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.kv.inmemory..",
              "dev.kv.dynamodb..",
              "dev.kv.lambda..",
              "dev.kv.cli..",
              "software.amazon..",
              "com.amazonaws..",
              "com.fasterxml..");
}
