package org.earshot;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order of Earshot's code, checked on every build: schemas at the bottom, the local stand-ins beside the
 * pipeline and below the command line, the pipeline's packages without cycles, the Flink jobs above the
 * pipeline, and the command line and dashboards on top. A class that imports upwards fails the build here,
 * naming both ends of the import. Test fixtures are left out: they may reach anywhere.
 */
class LayersTest {

    private static JavaClasses earshot;

    @BeforeAll
    static void importEarshot() {
        earshot = new ClassFileImporter().withImportOption(new ProductionCode()).importPackages("org.earshot");
    }

    @Test
    void eachLayerImportsOnlyTheLayersBelowIt() {
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("schemas").definedBy("org.earshot.schemas..")
            .layer("local").definedBy("org.earshot.local..")
            .layer("pipeline").definedBy("org.earshot.pipeline..")
            .layer("jobs").definedBy("org.earshot.jobs", "org.earshot.jobs.settings..")
            .layer("cli").definedBy("org.earshot.jobs.cli..", "org.earshot.jobs.local..", "org.earshot.jobs.bench..",
                    "org.earshot.jobs.console..", "org.earshot.jobs.demo..", "org.earshot.jobs.webhook..",
                    "org.earshot.jobs.training..", "org.earshot.jobs.cluster..")
            .optionalLayer("dashboards").definedBy("org.earshot.dashboards..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("dashboards").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli", "dashboards")
            .whereLayer("pipeline").mayOnlyBeAccessedByLayers("jobs", "cli", "dashboards")
            .whereLayer("local").mayOnlyBeAccessedByLayers("cli")
            .check(earshot);
    }

    @Test
    void thePipelinesPackagesFormNoCycle() {
        slices().matching("org.earshot.pipeline.(*)..").should().beFreeOfCycles().check(earshot);
    }

    @Test
    void theLocalRuntimesPackagesFormNoCycle() {
        slices().matching("org.earshot.local.(*)..").should().beFreeOfCycles().check(earshot);
    }

    @Test
    void theJobsAndCommandLinePackagesFormNoCycle() {
        slices().matching("org.earshot.jobs.(*)..").should().beFreeOfCycles().check(earshot);
    }

    @Test
    void theImportSeesEveryModule() {
        for (String module : new String[] {"schemas", "local", "pipeline", "jobs.settings", "jobs.cli"}) {
            org.junit.jupiter.api.Assertions.assertTrue(earshot.containPackage("org.earshot." + module),
                    "no classes of org.earshot." + module + " were imported");
        }
    }

    /** Main code only: neither a module's test classes nor the test-jars that share fixtures between modules. */
    static final class ProductionCode implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }
}
