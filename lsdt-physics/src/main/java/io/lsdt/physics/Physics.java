package io.lsdt.physics;

import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.RegistryBuilder;
import io.lsdt.physics.architecture.ArchitectureScope;
import io.lsdt.physics.comm.Collectives;
import io.lsdt.physics.comm.CommScope;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.preset.Preset;
import io.lsdt.physics.preset.Presets;
import io.lsdt.physics.design.DesignScope;
import io.lsdt.physics.floor.FloorScopes;
import io.lsdt.physics.fundamentals.FundamentalsScope;
import io.lsdt.physics.macro.MacroScopes;
import io.lsdt.physics.uncertainty.UncertaintyScope;
import io.lsdt.physics.util.Lazy;

/**
 * LSDT's physics assembled: the equation graph of every scope, loaded and checked once, and what is built from it
 * once (the compiled collectives, the bundled presets). The domain packages take the graph as a parameter and never
 * reach for this class; front ends, the API and tests do.
 */
public final class Physics {
    private static final Lazy<Registry> REGISTRY = Lazy.of(Physics::build);
    private static final Lazy<Collectives> COLLECTIVES = Lazy.of(() -> new Collectives(registry()));
    private static final Lazy<java.util.Map<String, Preset>> PRESETS = Lazy.of(() -> Presets.bundled(registry()));

    private Physics() {}

    /**
     * The equation graph of LSDT's physics.
     *
     * @return the registry of all physics scopes (arch, fundamentals, design, comm, the macro layer's, and
     *     the uncertainty of a plan's headline numbers), loaded and dimension-checked on first use
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#REGISTRY_INVALID} if an equation
     *     is wrong (a defect of LSDT, not of the user's input)
     */
    public static Registry registry() {
        return REGISTRY.get();
    }

    /**
     * The shared collective-communication model.
     *
     * @return the compiled {@code comm} scope of {@link #registry()}, shared
     */
    public static Collectives collectives() {
        return COLLECTIVES.get();
    }

    /**
     * The presets LSDT ships.
     *
     * @return the bundled presets checked against {@link #registry()}, by name
     */
    public static java.util.Map<String, Preset> presets() {
        return PRESETS.get();
    }

    /**
     * Looks up a bundled preset by name.
     *
     * @param name a bundled preset's name
     * @return it
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#UNKNOWN_ID} with the closest names
     */
    public static Preset preset(String name) {
        return Presets.get(presets(), name);
    }

    /**
     * The step model as shipped.
     *
     * @return the analytical step model over {@link #registry()} with the shipped calibration
     */
    public static AnalyticalStepModel stepModel() {
        return new AnalyticalStepModel(registry(), Calibration.DEFAULT);
    }

    /**
     * The step model with other constants.
     *
     * @param calibration the design model's constants
     * @return the analytical step model over {@link #registry()}
     */
    public static AnalyticalStepModel stepModel(Calibration calibration) {
        return new AnalyticalStepModel(registry(), calibration);
    }

    private static Registry build() {
        RegistryBuilder b = Registry.builder().add(ArchitectureScope.create()).add(FundamentalsScope.create());
        DesignScope.all().forEach(b::add);
        b.add(CommScope.create());
        MacroScopes.all().forEach(b::add);
        b.add(UncertaintyScope.create());
        FloorScopes.all().forEach(b::add);
        return b.build();
    }
}
