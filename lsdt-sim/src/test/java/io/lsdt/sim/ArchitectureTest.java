package io.lsdt.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.Slices;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the simulator's house in layers (ARCHITECTURE.md, "Layers"): no package cycles inside {@code io.lsdt.sim},
 * the engine below every cost model, strategy and output, and nothing of a front end. Every rule runs over the
 * module's main classes (tests excluded) and refuses to pass over none.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lsdt.sim");

    @Test
    void theRulesSeeEveryPackageOfTheSimulator() {
        // a rule over no classes passes whatever it says: check that the import found the module's packages
        TreeSet<String> packages = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            packages.add(c.getPackageName());
        }
        assertThat(packages).containsExactly("io.lsdt.sim.engine", "io.lsdt.sim.lab", "io.lsdt.sim.predict",
                "io.lsdt.sim.puzzles", "io.lsdt.sim.state", "io.lsdt.sim.strategy", "io.lsdt.sim.trace");
        assertThat(CLASSES.contain("io.lsdt.sim.engine.Engine")).isTrue();
        assertThat(CLASSES.contain("io.lsdt.sim.ArchitectureTest")).as("tests are not imported").isFalse();
        Slices slices = Slices.matching("io.lsdt.sim.(*)..").transform(CLASSES);
        assertThat(slices.stream().map(Slice::getDescription).sorted().toList()).containsExactly("Slice engine",
                "Slice lab", "Slice predict", "Slice puzzles", "Slice state", "Slice strategy", "Slice trace");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.lsdt.sim.(*)..").should().beFreeOfCycles().allowEmptyShould(false).check(CLASSES);
    }

    @Test
    void theEngineKnowsNoCostModelStrategyOrOutput() {
        // the engine owns its contracts (Predictor, Sizes in state); cost models, strategies and outputs sit above it
        noClasses().that().resideInAnyPackage("io.lsdt.sim.engine..", "io.lsdt.sim.state..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lsdt.sim.lab..", "io.lsdt.sim.predict..",
                        "io.lsdt.sim.strategy..", "io.lsdt.sim.puzzles..", "io.lsdt.sim.trace..")
                .allowEmptyShould(false).check(CLASSES);
        noClasses().that().resideInAPackage("io.lsdt.sim.state..")
                .should().dependOnClassesThat().resideInAPackage("io.lsdt.sim.engine..")
                .allowEmptyShould(false).check(CLASSES);
    }

    @Test
    void strategiesDoNotDependOnACostModel() {
        // a strategy writes programs; which predictor times them is the caller's choice
        noClasses().that().resideInAPackage("io.lsdt.sim.strategy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lsdt.sim.lab..", "io.lsdt.sim.predict..",
                        "io.lsdt.sim.puzzles..", "io.lsdt.sim.trace..")
                .allowEmptyShould(false).check(CLASSES);
    }

    @Test
    void theSimulatorDependsOnNoFrontEnd() {
        noClasses().that().resideInAPackage("io.lsdt.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lsdt.cli..", "picocli..")
                .allowEmptyShould(false).check(CLASSES);
    }
}
