package io.lsdt.physics.brief;

import io.lsdt.graph.resolve.Assignments;
import io.lsdt.graph.registry.Registry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One question for LSDT, normalised: which graph variables are assigned (with where each value came from) and which
 * variants are chosen. Both brief forms — the seed's YAML format and LSDT's catalog form — load into this.
 * Immutable.
 *
 * @param name a title
 * @param form the form the brief was written in
 * @param file the file it was read from
 * @param inputs the assigned inputs, in brief order
 * @param variants chosen variant keys by fully qualified variable
 * @param modelId catalog model id, or null (seed form)
 * @param deviceId catalog device id, or null (seed form)
 * @param fabricId catalog fabric id, or null
 * @param devices device count G if the brief fixes one, else null
 * @param design the seed design section, or null
 * @param powerThermals the seed power section, or null
 * @param precision the training precision key ({@code bf16}, {@code fp16}, {@code fp8}) of a catalog brief, else null
 * @param gpusPerNode devices per node, or null
 * @param framework the catalog framework profile the run uses ({@code frameworks.yaml}), {@link #ANY_FRAMEWORK}
 *     (the plan searches every profile and LSDT's default on the brief's device count), or null (Megatron-style
 *     defaults: the search chooses the ZeRO stage)
 * @param requirements the limits of its {@code requirements:} section ({@link Requirements#NONE} without one)
 * @param warnings what the loader read past without refusing it, e.g. a key the seed's format ignores; for the front
 *     end to show (standard error)
 */
public record Brief(String name, Form form, String file, List<BriefInput> inputs, Map<String, String> variants,
        String modelId, String deviceId, String fabricId, Long devices, SeedDesign design,
        SeedPowerThermals powerThermals, String precision, Integer gpusPerNode, String framework,
        Requirements requirements, List<String> warnings) {
    /** The {@code framework} value that asks the plan to search every framework profile. */
    public static final String ANY_FRAMEWORK = "any";

    /** The two brief forms. */
    public enum Form {
        /** The seed's format: workload, state_bytes, io, device, step, capabilities (SI numbers). */
        SEED,
        /** LSDT's form: catalog ids for model, device and fabric; quantities with units. */
        CATALOG
    }

    /** Copies the collections. */
    public Brief {
        inputs = List.copyOf(inputs);
        requirements = requirements == null ? Requirements.NONE : requirements;
        warnings = List.copyOf(warnings);
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /**
     * The brief's inputs as values for the resolver, each checked against its variable's dimension and range.
     *
     * @param registry the graph the variables belong to
     * @return the inputs as checked assignments (base units)
     */
    public Map<String, Double> assignments(Registry registry) {
        Assignments a = new Assignments(registry);
        for (BriefInput in : inputs) {
            a.set(in.variable(), in.value());
        }
        return a.values();
    }

    /**
     * The brief's input for one variable, with its origin.
     *
     * @param variable a fully qualified variable name
     * @return the input that assigns it, or null
     */
    public BriefInput input(String variable) {
        return inputs.stream().filter(i -> i.variable().equals(variable)).findFirst().orElse(null);
    }
}
