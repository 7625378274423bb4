package io.jenkins.plugins.secmlops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

class PluginArchitectureTest {
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.secmlops");

    @Test
    void onlyTheFacadeShouldCallJenkinsGet() {
        noClasses().that().doNotHaveSimpleName("JenkinsFacade")
                .should().callMethod(Jenkins.class, "get")
                .orShould().callMethod(Jenkins.class, "getInstanceOrNull")
                .check(PLUGIN);
    }

    @Test
    void webMethodsShouldBePostAndCheckAPermission() {
        methods().that().haveNameStartingWith("doCheck").or().haveNameStartingWith("doFill")
                .should().beAnnotatedWith(POST.class)
                .andShould(checkAPermission())
                .allowEmptyShould(false)
                .check(PLUGIN);
    }

    @Test
    void onlyTheResultMappingShouldTurnGateStatusesIntoBuildResults() {
        noClasses().that().doNotHaveSimpleName("BuildResults").and().doNotHaveSimpleName("GateStepRunner")
                .should().dependOnClassesThat().haveFullyQualifiedName("hudson.model.Result")
                .check(PLUGIN);
    }

    @Test
    void pluginShouldNotUseTheCommandLineClasses() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.secmlops.cli..", "picocli..")
                .check(PLUGIN);
    }

    private static ArchCondition<JavaMethod> checkAPermission() {
        return new ArchCondition<>("call a permission check first") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean checks = method.getMethodCallsFromSelf().stream().anyMatch(call ->
                        call.getTargetOwner().isEquivalentTo(JenkinsFacade.class)
                                && call.getName().startsWith("check") && call.getName().endsWith("Permission"));
                events.add(new SimpleConditionEvent(method, checks,
                        method.getFullName() + (checks ? " checks" : " does not check") + " a permission"));
            }
        };
    }
}
