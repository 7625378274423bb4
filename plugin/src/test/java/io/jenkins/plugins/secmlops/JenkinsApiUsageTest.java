package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * jenkins-api declares only what the plugin uses: every public or protected member there is called,
 * read, overridden or needed by a member that is (a constructor of an extended class, an abstract method
 * a plugin class must implement).
 */
class JenkinsApiUsageTest {
    private static final List<String> API_PACKAGES = List.of("hudson", "jenkins", "org.kohsuke.stapler",
            "org.jenkinsci", "com.google.common.util.concurrent");

    @Test
    void jenkinsApiShouldDeclareNoMemberThePluginDoesNotUse() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(List.of("io.jenkins.plugins.secmlops", "hudson", "jenkins", "org.kohsuke.stapler",
                        "org.jenkinsci", "com.google.common.util.concurrent"));
        Set<String> used = new HashSet<>();
        for (JavaClass type : all) {
            if (!type.getPackageName().startsWith("io.jenkins.plugins.secmlops")) {
                continue;
            }
            for (JavaAccess<?> access : type.getAccessesFromSelf()) {
                AccessTarget target = access.getTarget();
                target.resolveMember().ifPresent(member -> used.add(member.getFullName()));
                used.add(target.getFullName());
            }
            for (JavaCodeUnit method : type.getCodeUnits()) {
                for (JavaClass supertype : type.getAllRawSuperclasses()) {
                    markOverridden(method, supertype, used);
                }
                for (JavaClass supertype : type.getAllRawInterfaces()) {
                    markOverridden(method, supertype, used);
                }
            }
        }
        for (JavaClass type : all) {
            for (JavaCodeUnit constructor : type.getConstructors()) {
                if (used.contains(constructor.getFullName())) {
                    constructor.getCallsFromSelf().forEach(call -> used.add(call.getTarget().getFullName()));
                }
            }
        }
        Set<String> unused = new TreeSet<>();
        for (JavaClass type : all) {
            if (API_PACKAGES.stream().noneMatch(p -> type.getPackageName().equals(p) || type.getPackageName().startsWith(p + "."))
                    || type.isAnnotation()) {
                continue;
            }
            for (JavaMember member : type.getMembers()) {
                boolean visible = member.getModifiers().contains(JavaModifier.PUBLIC)
                        || member.getModifiers().contains(JavaModifier.PROTECTED);
                boolean abstractMethod = member.getModifiers().contains(JavaModifier.ABSTRACT);
                if (visible && !abstractMethod && !member.getModifiers().contains(JavaModifier.SYNTHETIC)
                        && !used.contains(member.getFullName()) && !isEnumMethod(member) && !isStructural(member)) {
                    unused.add(member.getFullName());
                }
            }
        }
        assertThat(unused).as("declared in jenkins-api but unused by the plugin").isEmpty();
    }

    /**
     * Members that mirror upstream's shape rather than serve a call: implicit no-argument constructors,
     * implementations of abstract supertype methods (so the plugin need not implement them), the value
     * type Result, and the constants of enums that annotation defaults refer to.
     */
    private static boolean isStructural(JavaMember member) {
        JavaClass owner = member.getOwner();
        if (owner.getName().equals("hudson.model.Result") || owner.isEnum()) {
            return true;
        }
        if (member instanceof JavaCodeUnit unit) {
            if (unit.isConstructor() && unit.getRawParameterTypes().isEmpty()) {
                return true;
            }
            List<JavaClass> supertypes = new java.util.ArrayList<>(owner.getAllRawSuperclasses());
            supertypes.addAll(owner.getAllRawInterfaces());
            for (JavaClass supertype : supertypes) {
                for (JavaCodeUnit candidate : supertype.getCodeUnits()) {
                    if (candidate.getName().equals(unit.getName())
                            && candidate.getRawParameterTypes().size() == unit.getRawParameterTypes().size()
                            && candidate.getModifiers().contains(JavaModifier.ABSTRACT)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isEnumMethod(JavaMember member) {
        return member.getOwner().isEnum() && (member.getName().equals("values") || member.getName().equals("valueOf"));
    }

    private static void markOverridden(JavaCodeUnit method, JavaClass supertype, Set<String> used) {
        for (JavaCodeUnit candidate : supertype.getCodeUnits()) {
            if (candidate.getName().equals(method.getName()) && candidate.getRawParameterTypes().size()
                    == method.getRawParameterTypes().size()) {
                used.add(candidate.getFullName());
            }
        }
    }
}
