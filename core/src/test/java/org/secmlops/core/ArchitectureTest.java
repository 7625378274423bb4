package org.secmlops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    /** The packages of contract/, the artifact the plugin depends on. */
    private static final String[] CONTRACT = {"org.secmlops.core.gate..", "org.secmlops.core.io..",
        "org.secmlops.core.result..", "org.secmlops.core.report..", "org.secmlops.core.trend..",
        "org.secmlops.core.capability.."};
    /** The engine packages of core/. */
    private static final String[] ENGINE = {"org.secmlops.core.run..", "org.secmlops.core.data..",
        "org.secmlops.core.model..", "org.secmlops.core.scan..", "org.secmlops.core.sign..",
        "org.secmlops.core.evaluate..", "org.secmlops.core.robustness..", "org.secmlops.core.datacheck..",
        "org.secmlops.core.export..", "org.secmlops.core.digest..", "org.secmlops.core.shard..",
        "org.secmlops.core.detection.."};
    private static final String[] CONTRACT_AND_ITS_LIBRARIES = {"org.secmlops.core.gate..",
        "org.secmlops.core.io..", "org.secmlops.core.result..", "org.secmlops.core.report..",
        "org.secmlops.core.trend..", "org.secmlops.core.capability..", "java..", "javax.annotation..",
        "com.fasterxml.jackson.."};
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.secmlops.core");

    @Test
    void coreShouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "io.jenkins..")
                .check(CORE);
    }

    @Test
    void coreShouldNotDependOnTheCommandLine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.secmlops.cli..", "picocli..")
                .check(CORE);
    }

    @Test
    void everyCorePackageShouldUseOnlyThePackagesTheDesignDiagramAllows() throws MalformedURLException {
        URL design = Path.of("../docs/design.puml").toAbsolutePath().normalize().toUri().toURL();

        classes().should(adhereToPlantUmlDiagram(design, consideringOnlyDependenciesInDiagram())).check(CORE);
    }

    @Test
    void corePackagesShouldBeFreeOfCycles() {
        slices().matching("org.secmlops.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theContractShouldUseNoEnginePackage() {
        noClasses().that().resideInAnyPackage(CONTRACT).should().dependOnClassesThat().resideInAnyPackage(ENGINE)
                .check(CORE);
    }

    @Test
    void theContractShouldUseNothingButJacksonAndTheJdk() {
        classes().that().resideInAnyPackage(CONTRACT).should().onlyDependOnClassesThat()
                .resideInAnyPackage(CONTRACT_AND_ITS_LIBRARIES).check(CORE);
    }

    @Test
    void onlyTheModelPackageShouldUseAnMlEngine() {
        noClasses().that().resideOutsideOfPackage("org.secmlops.core.model..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "org.tensorflow..", "org.bytedeco..", "ai.onnxruntime..")
                .check(CORE);
    }
}
