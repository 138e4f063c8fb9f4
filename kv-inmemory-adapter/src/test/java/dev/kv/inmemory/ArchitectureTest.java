package dev.kv.inmemory;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.kv.architecture.KvArchitecture;

/** kv's layering rules (see {@link KvArchitecture}) over the in-memory store's classes. */
@AnalyzeClasses(
    packages = "dev.kv",
    importOptions = {ImportOption.DoNotIncludeTests.class, KvArchitecture.ThisModule.class})
class ArchitectureTest {

  @ArchTest static final ArchTests layering = ArchTests.in(KvArchitecture.class);
}
