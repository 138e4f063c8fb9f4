package dev.kv.reliability;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.kv.architecture.KvArchitecture;

/**
 * kv's layering rules (see {@link KvArchitecture}) over this module's classes, which are all tests.
 */
@AnalyzeClasses(packages = "dev.kv", importOptions = KvArchitecture.ThisModule.class)
class ArchitectureTest {

  @ArchTest static final ArchTests layering = ArchTests.in(KvArchitecture.class);
}
