package dev.kv.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The HTTP rules know neither API Gateway nor any store; only the composition root picks stores.
 */
@AnalyzeClasses(packages = "dev.kv.lambda", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheEntryPointKnowsLambdaTypes =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.lambda.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.amazonaws..", "org.crac..");

  @ArchTest
  static final ArchRule onlyTheCompositionRootKnowsStores =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.lambda..")
          .and()
          .resideOutsideOfPackage("dev.kv.lambda.bootstrap..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.kv.inmemory..", "dev.kv.dynamodb..", "software.amazon..");

  @ArchTest
  static final ArchRule nothingKnowsTheCommandLine =
      noClasses()
          .that()
          .resideInAPackage("dev.kv.lambda..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.kv.cli..", "dev.kv.bench..");
}
