package io.lsdt.physics;

import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.RegistryBuilder;
import io.lsdt.physics.architecture.ArchitectureScope;
import io.lsdt.physics.comm.CommScope;
import io.lsdt.physics.design.DesignScope;
import io.lsdt.physics.fundamentals.FundamentalsScope;
import io.lsdt.physics.macro.MacroScopes;

/** The equation graph of LSDT's physics: every scope, loaded and checked once. */
public final class Physics {
    private static final Lazy<Registry> REGISTRY = Lazy.of(Physics::build);

    private Physics() {}

    /**
     * @return the registry of all physics scopes (arch, fundamentals, design, comm, and the macro layer's), loaded and dimension-checked on first use
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#REGISTRY_INVALID} if an equation
     *     is wrong (a defect of LSDT, not of the user's input)
     */
    public static Registry registry() {
        return REGISTRY.get();
    }

    private static Registry build() {
        RegistryBuilder b = Registry.builder().add(ArchitectureScope.create()).add(FundamentalsScope.create());
        DesignScope.all().forEach(b::add);
        b.add(CommScope.create());
        MacroScopes.all().forEach(b::add);
        return b.build();
    }
}
