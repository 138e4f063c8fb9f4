package dev.kv.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.kv.core.KeyValueService;
import dev.kv.core.KeyValueStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kv's layering, written once and run by every module's {@code ArchitectureTest} over that module's
 * own classes ({@link ThisModule}): what the Maven module graph cannot say, namely which package
 * inside a module may use which. Each rule is about the packages it names, so a module without such
 * a package passes it trivially; {@code ArchitectureRulesCatchViolationsTest} in kv-cli shows every
 * rule failing on a fixture package that breaks it.
 *
 * <p>The layers: {@code dev.kv.core} (domain, port, use cases) knows the JDK only; the stores
 * ({@code dev.kv.inmemory}, {@code dev.kv.dynamodb}) implement the port; {@code dev.kv.lambda.http}
 * holds the HTTP rules and knows no transport; {@code dev.kv.lambda} maps Lambda events onto them;
 * {@code dev.kv.lambda.bootstrap} and the tools are the composition roots that choose a store.
 */
public final class KvArchitecture {

  private static final String CORE = "dev.kv.core..";
  private static final String HTTP = "dev.kv.lambda.http..";
  private static final String FUNCTION = "dev.kv.lambda..";
  private static final String BOOTSTRAP = "dev.kv.lambda.bootstrap..";
  private static final String[] STORES = {"dev.kv.inmemory..", "dev.kv.dynamodb.."};
  private static final String[] TOOLS = {"dev.kv.cli..", "dev.kv.bench..", "dev.kv.reliability.."};
  private static final String LAMBDA_ENTRY_POINT =
      "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

  /** Which package root each module owns; a class elsewhere is in another module's packages. */
  static final Map<String, String> PACKAGE_OF_MODULE =
      Map.of(
          "kv-core", "dev.kv.core",
          "kv-inmemory-adapter", "dev.kv.inmemory",
          "kv-dynamodb-adapter", "dev.kv.dynamodb",
          "kv-lambda-adapter", "dev.kv.lambda",
          "kv-cli", "dev.kv.cli",
          "kv-bench", "dev.kv.bench",
          "kv-reliability", "dev.kv.reliability",
          "cloudformation", "dev.kv.cloudformation");

  private KvArchitecture() {}

  @ArchTest
  public static final ArchRule coreDependsOnTheJdkOnly =
      classes()
          .that()
          .resideInAPackage(CORE)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(CORE, "java..")
          .because("the core is what embedders get: no library, no SDK, no javax or jdk.* APIs")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule noStoreInCorePackages =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .implement(KeyValueStore.class)
          .because("core declares the port; stores are adapters in their own packages")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule everyClassLivesInItsModulesPackages =
      classes()
          .should(resideInTheirModulesPackages())
          .because(
              "a module adding classes to another module's packages (an adapter class in"
                  + " dev.kv.core, say) hides where the code lives and breaks the layering rules;"
                  + " and a module whose import found no class checks nothing, so that fails too");

  @ArchTest
  public static final ArchRule httpRulesKnowNoTransportAndNoStore =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "com.amazonaws..",
                      "org.crac..",
                      "software.amazon..",
                      "com.sun.net.httpserver..",
                      "org.eclipse.jetty..",
                      "dev.kv.inmemory..",
                      "dev.kv.dynamodb..",
                      BOOTSTRAP)
                  .or(resideInAPackage("dev.kv.lambda")))
          .because(
              "the HTTP rules serve the Lambda function and the local server alike: routes,"
                  + " statuses, headers, bodies and problems, over the service only")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule onlyCompositionRootsNameAStore =
      noClasses()
          .that()
          .resideOutsideOfPackages(concat(concat(STORES, TOOLS), BOOTSTRAP))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(STORES)
          .because(
              "the function chooses its store in dev.kv.lambda.bootstrap (the tools are their own"
                  + " composition roots); everything else sees the KeyValueStore port")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule theFunctionEntersBootstrapOnlyFromItsNoArgConstructor =
      classes()
          .that()
          .resideInAPackage(FUNCTION)
          .and()
          .resideOutsideOfPackage(BOOTSTRAP)
          .should(reachBootstrapOnlyFromNoArgConstructors())
          .because(
              "the runtime's no-arg constructor is the deployed function's composition root; every"
                  + " other path (tests, kv serve, kv invoke) hands the handler a ready service")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule outsideTheFunctionOnlyTheEntryPointIsUsed =
      noClasses()
          .that()
          .resideOutsideOfPackage(FUNCTION)
          .should()
          .dependOnClassesThat(
              resideInAPackage(FUNCTION)
                  .and(not(resideInAnyPackage(HTTP, BOOTSTRAP)))
                  .and(not(assignableTo(LAMBDA_ENTRY_POINT))))
          .because(
              "kv serve, kv invoke and the benchmarks must run exactly what Lambda runs: the"
                  + " handler, the HTTP rules and the store selection, not the event mapping's parts")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule storesKnowThePortNotTheUseCases =
      noClasses()
          .that()
          .resideInAnyPackage(STORES)
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(KeyValueService.class)
          .because("a store serves the service; limits, expiry and versions are checked above it")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule noPackageCycles =
      slices()
          .matching("dev.kv.(**)")
          .should()
          .beFreeOfCycles()
          .because("each package is a layer; a cycle makes two layers one")
          .allowEmptyShould(true);

  /**
   * Imports only the classes compiled by the module under test (its {@code target/classes} and
   * {@code target/test-classes}): every module checks its own code, and fixtures or helpers that
   * reach it through test-jars are not mistaken for it.
   */
  public static final class ThisModule implements ImportOption {
    private final String target = Path.of("target").toAbsolutePath() + "/";

    @Override
    public boolean includes(Location location) {
      String path = location.asURI().getPath(); // null inside a jar: never this module's classes
      return path != null && path.startsWith(target);
    }
  }

  private static final Pattern MODULE_DIRECTORY = Pattern.compile("/([^/]+)/target/[^/]*classes/");
  private static final Pattern MODULE_JAR = Pattern.compile("/([a-z-]+?)-\\d[^/]*\\.jar!/");

  static Optional<String> moduleOf(JavaClass javaClass) {
    return javaClass
        .getSource()
        .map(source -> source.getUri().toString())
        .flatMap(
            uri -> {
              for (Pattern pattern : new Pattern[] {MODULE_DIRECTORY, MODULE_JAR}) {
                Matcher matcher = pattern.matcher(uri);
                if (matcher.find()) {
                  return Optional.of(matcher.group(1));
                }
              }
              return Optional.empty();
            });
  }

  private static ArchCondition<JavaClass> resideInTheirModulesPackages() {
    return new ArchCondition<>("reside in the packages of the module that compiles them") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        String root = moduleOf(javaClass).map(PACKAGE_OF_MODULE::get).orElse(null);
        if (root == null) {
          return; // not one of kv's modules (e.g. a class compiled elsewhere)
        }
        String name = javaClass.getPackageName();
        boolean inRoot = name.equals(root) || name.startsWith(root + ".");
        events.add(
            new SimpleConditionEvent(
                javaClass,
                inRoot,
                javaClass.getName()
                    + " is compiled by "
                    + moduleOf(javaClass).orElseThrow()
                    + ", whose classes belong in "
                    + root));
      }
    };
  }

  private static ArchCondition<JavaClass> reachBootstrapOnlyFromNoArgConstructors() {
    DescribedPredicate<JavaClass> bootstrap = resideInAPackage(BOOTSTRAP);
    return new ArchCondition<>("use dev.kv.lambda.bootstrap only from a no-arg constructor") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
          if (!bootstrap.test(access.getTargetOwner())) {
            continue;
          }
          boolean fromNoArgConstructor =
              access.getOrigin() instanceof JavaConstructor constructor
                  && constructor.getRawParameterTypes().isEmpty();
          if (!fromNoArgConstructor) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }

  private static String[] concat(String[] first, String... second) {
    String[] all = new String[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
