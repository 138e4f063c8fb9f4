package dev.kv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.kv.architecture.KvArchitecture;
import org.junit.jupiter.api.Test;

/**
 * Every shared layering rule fails on a package that breaks it. The fixtures live in this module's
 * tests ({@code archfixture} packages), which is the one module whose test classpath holds every
 * layer; no production code breaks a rule.
 */
class ArchitectureRulesCatchViolationsTest {

  private static JavaClasses fixtures(String... packages) {
    return new ClassFileImporter().importPackages(packages);
  }

  private static String failureOf(ArchRule rule, JavaClasses classes) {
    Throwable thrown = null;
    try {
      rule.check(classes);
    } catch (AssertionError e) {
      thrown = e;
    }
    assertThat(thrown).as("%s must fail on its fixture", rule.getDescription()).isNotNull();
    return thrown.getMessage();
  }

  @Test
  void coreUsingALibraryFails() {
    assertThat(
            failureOf(KvArchitecture.coreDependsOnTheJdkOnly, fixtures("dev.kv.core.archfixture")))
        .contains("CoreUsingALibrary")
        .contains("picocli.CommandLine");
  }

  @Test
  void aStoreInCorePackagesFails() {
    assertThat(failureOf(KvArchitecture.noStoreInCorePackages, fixtures("dev.kv.core.archfixture")))
        .contains("StoreInCore");
  }

  @Test
  void aClassInAnotherModulesPackagesFails() {
    assertThat(
            failureOf(
                KvArchitecture.everyClassLivesInItsModulesPackages,
                fixtures("dev.kv.core.archfixture")))
        .contains("dev.kv.core.archfixture.StoreInCore is compiled by kv-cli")
        .contains("belong in dev.kv.cli");
  }

  @Test
  void httpRulesUsingLambdaTypesFail() {
    assertThat(
            failureOf(
                KvArchitecture.httpRulesKnowNoTransportAndNoStore,
                fixtures("dev.kv.lambda.http.archfixture")))
        .contains("HttpUsingLambdaContext")
        .contains("com.amazonaws.services.lambda.runtime.Context");
  }

  @Test
  void theEventMappingNamingAStoreFails() {
    assertThat(
            failureOf(
                KvArchitecture.onlyCompositionRootsNameAStore,
                fixtures("dev.kv.lambda.archfixture")))
        .contains("HandlerNamingAStore")
        .contains("InMemoryKeyValueStore");
  }

  @Test
  void bootstrapOutsideTheNoArgConstructorFails() {
    String failure =
        failureOf(
            KvArchitecture.theFunctionEntersBootstrapOnlyFromItsNoArgConstructor,
            fixtures("dev.kv.lambda.archfixture"));
    assertThat(failure).contains("HandlerBootstrappingPerRequest.perRequest(");
    assertThat(failure).doesNotContain("HandlerBootstrappingPerRequest.<init>()");
  }

  @Test
  void aToolUsingTheEventMappingFails() {
    assertThat(
            failureOf(
                KvArchitecture.outsideTheFunctionOnlyTheEntryPointIsUsed,
                fixtures("dev.kv.cli.archfixture", "dev.kv.lambda.archfixture")))
        .contains("ReachesPastTheHandler")
        .contains("EventMappingPart");
  }

  @Test
  void aStoreCallingTheServiceFails() {
    assertThat(
            failureOf(
                KvArchitecture.storesKnowThePortNotTheUseCases,
                fixtures("dev.kv.inmemory.archfixture")))
        .contains("StoreCallingTheService");
  }

  @Test
  void aPackageCycleFails() {
    assertThat(failureOf(KvArchitecture.noPackageCycles, fixtures("dev.kv.cli.archfixture")))
        .contains("cycle.a")
        .contains("cycle.b");
  }
}
