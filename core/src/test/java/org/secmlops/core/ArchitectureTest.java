package org.secmlops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
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
}
