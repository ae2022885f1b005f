package io.lsdt.physics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the physics module's house in layers (ARCHITECTURE.md): no package cycles, the root package ({@link Physics},
 * the assembled graph and catalog) above every domain package and never below one, and nothing of the simulator, the
 * API or a front end. Every rule runs over the module's main classes (tests excluded) and refuses to pass over none.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lsdt.physics");

    @Test
    void theRulesSeeTheModule() {
        TreeSet<String> packages = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            packages.add(c.getPackageName());
        }
        assertThat(packages).contains("io.lsdt.physics", "io.lsdt.physics.design", "io.lsdt.physics.catalog",
                "io.lsdt.physics.search", "io.lsdt.physics.energy", "io.lsdt.physics.economics",
                "io.lsdt.physics.reliability", "io.lsdt.physics.stragglers", "io.lsdt.physics.serving");
        assertThat(CLASSES.contain("io.lsdt.physics.ArchitectureTest")).as("tests are not imported").isFalse();
    }

    @Test
    void noPackageCycles() {
        // the root package is a slice of its own ("io.lsdt.physics" matches (**) as the empty string)
        slices().matching("io.lsdt.physics.(**)").should().beFreeOfCycles().allowEmptyShould(false).check(CLASSES);
    }

    @Test
    void noDomainPackageReachesForTheAssembledGraph() {
        // the graph and catalog are passed in; Physics.registry() is for front ends, the API and tests
        noClasses().that().resideOutsideOfPackage("io.lsdt.physics")
                .should().dependOnClassesThat().resideInAPackage("io.lsdt.physics")
                .allowEmptyShould(false).check(CLASSES);
    }

    @Test
    void theSearchSitsAboveTheDesignEquations() {
        // the design scope is equations and their compiled evaluation; the search enumerates designs over them
        noClasses().that().resideInAPackage("io.lsdt.physics.design..")
                .should().dependOnClassesThat().resideInAPackage("io.lsdt.physics.search..")
                .allowEmptyShould(false).check(CLASSES);
    }

    @Test
    void eachMacroScopeIsItsOwnPackageBelowThePlan() {
        // energy, economics, reliability, stragglers and serving are scopes of equations; the macro package maps a
        // job onto them (MacroPlan) and composes them, never the other way
        noClasses().that().resideInAnyPackage("io.lsdt.physics.energy..", "io.lsdt.physics.economics..",
                        "io.lsdt.physics.reliability..", "io.lsdt.physics.stragglers..", "io.lsdt.physics.serving..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lsdt.physics.macro..",
                        "io.lsdt.physics.design..", "io.lsdt.physics.search..")
                .allowEmptyShould(false).check(CLASSES);
    }

    @Test
    void physicsKnowsNothingAbove() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.lsdt.sim..", "io.lsdt.api..",
                "io.lsdt.cli..", "picocli..").allowEmptyShould(false).check(CLASSES);
    }
}
