package dev.kv.inmemory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The in-memory adapter depends on kv-core and the JDK only, never on another adapter. */
@AnalyzeClasses(packages = "dev.kv.inmemory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnCoreAndJdkOnly =
      classes()
          .that()
          .resideInAPackage("dev.kv.inmemory..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.kv.inmemory..", "dev.kv.core..", "java..");
}
