package io.lsdt.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the layer arrows of ARCHITECTURE.md honest: graph ← physics ← cli, never the other way. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lsdt");

    @Test
    void graphKnowsNothingOfTrainingOrFrontEnds() {
        noClasses().that().resideInAPackage("io.lsdt.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lsdt.physics..", "io.lsdt.sim..", "io.lsdt.cli..")
                .check(CLASSES);
    }

    @Test
    void graphDependsOnTheJdkJaninoAndHipparchusOnly() {
        // Janino generates bytecode for compiled plans, and only there; Hipparchus gives the special functions
        // (erf⁻¹ for the normal quantile), and only to SpecialFunctions
        noClasses().that().resideInAPackage("io.lsdt.graph..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.lsdt.graph..", "java..",
                        "org.codehaus.janino..", "org.codehaus.commons.compiler..", "org.hipparchus.special..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.lsdt.graph..").and().doNotHaveSimpleName("SpecialFunctions")
                .should().dependOnClassesThat().resideInAnyPackage("org.hipparchus..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.lsdt.graph..").and().resideOutsideOfPackage("io.lsdt.graph.compile..")
                .should().dependOnClassesThat().resideInAnyPackage("org.codehaus..")
                .check(CLASSES);
    }

    @Test
    void physicsDoesNotDependOnFrontEnds() {
        noClasses().that().resideInAPackage("io.lsdt.physics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lsdt.cli..", "io.lsdt.sim..", "picocli..")
                .check(CLASSES);
    }
}
