package io.capsim.scenarios.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout is the architecture: scenario -> workloads -> engine -> results -> reports, with
 * dependencies pointing upstream only (docs/ARCHITECTURE.md). These rules fail on a back-edge.
 */
class ArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.capsim");
    }

    @Test
    void modulesPointUpstreamOnly() {
        noClasses().that().resideInAPackage("io.capsim.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.workloads..", "io.capsim.reports..",
                        "io.capsim.scenarios..")
                .because("the engine knows nothing of traces, reports or scenarios").check(all);
        noClasses().that().resideInAPackage("io.capsim.workloads..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.reports..", "io.capsim.scenarios..")
                .check(all);
        noClasses().that().resideInAPackage("io.capsim.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.workloads..", "io.capsim.scenarios..")
                .check(all);
    }

    @Test
    void theKernelImportsNothingOfTheDomain() {
        classes().that().resideInAPackage("io.capsim.engine.kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.capsim.engine.kernel..", "java..")
                .check(all);
    }

    @Test
    void reportsReadOnlyResults() {
        classes().that().resideInAPackage("io.capsim.reports..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.capsim.reports..",
                        "io.capsim.engine.results..", "io.capsim.engine.kernel..", "java..", "javax..",
                        "com.fasterxml.jackson..", "org.jfree..", "org.HdrHistogram..",
                        "org.apache.commons.statistics..", "com.sun.jna..")
                .check(all);
    }

    @Test
    void workloadsUseNoSchedulerInternals() {
        noClasses().that().resideInAPackage("io.capsim.workloads..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.engine.sched..", "io.capsim.engine.serving..",
                        "io.capsim.engine.controllers..", "io.capsim.engine.run..")
                .check(all);
    }

    @Test
    void pluginsSeeOnlyThePluginApiAndTheClusterView() {
        noClasses().that().resideInAPackage("io.capsim.engine.sched.plugins..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.engine.sched",
                        "io.capsim.engine.controllers..", "io.capsim.engine.serving..", "io.capsim.engine.run..",
                        "io.capsim.engine.api..")
                .because("an out-of-tree plugin compiles against sched.api alone").check(all);
        noClasses().that().resideInAnyPackage("io.capsim.engine.sched.api..", "io.capsim.engine.sched.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.engine.sched", "io.capsim.engine.sched.plugins..")
                .check(all);
        noClasses().that().resideInAPackage("io.capsim.engine.sched")
                .should().dependOnClassesThat().resideInAPackage("io.capsim.engine.sched.plugins..")
                .because("the runtime knows plugins only through the registry").check(all);
        noClasses().that().resideInAPackage("io.capsim.engine.sched.plugins..")
                .should().dependOnClassesThat().haveSimpleName("ClusterState")
                .because("plugins read the cluster through ClusterView").check(all);
    }

    @Test
    void controllersAndServingActThroughTheApiNotTheScheduler() {
        noClasses().that().resideInAnyPackage("io.capsim.engine.controllers..", "io.capsim.engine.serving..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.engine.sched..", "io.capsim.engine.run..")
                .check(all);
        noClasses().that().resideInAPackage("io.capsim.engine.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.capsim.engine.sched..", "io.capsim.engine.serving..",
                        "io.capsim.engine.controllers..", "io.capsim.engine.run..", "io.capsim.engine.results..",
                        "io.capsim.engine.api..")
                .because("the cluster uses kernel types only").check(all);
    }

    @Test
    void experimentsDriveTheEngineFromOutside() {
        noClasses().that().resideInAPackage("io.capsim.engine..").should().haveSimpleNameContaining("Experiment")
                .check(all);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.capsim.(**)").should().beFreeOfCycles().check(all);
    }
}
