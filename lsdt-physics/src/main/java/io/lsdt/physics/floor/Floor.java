package io.lsdt.physics.floor;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A device's physical floor, resolved: the silicon figures of {@link Silicon} (and any a caller assigns instead)
 * through the {@link FloorScopes} equations, with each derived figure checked against the device's datasheet.
 *
 * @param deviceId catalog device id
 * @param values every resolved floor variable (SI), by fully qualified name
 * @param inputs the catalog figure behind each root input, by variable (those a caller overrode are absent)
 * @param overrides the floor variables the caller assigned (SI), by variable; empty for the catalog's silicon
 * @param checks the floor's constraints: derived against datasheet peak, bandwidth, capacity, scale-up; power at
 *     peak against TDP (UNKNOWN where the device lacks a figure)
 * @param missing floor variables that could not be resolved (e.g. a device without scale-up links), by name
 */
public record Floor(String deviceId, Map<String, Double> values, Map<String, Sourced> inputs,
        Map<String, Double> overrides, List<ConstraintCheck> checks, Set<String> missing) {

    /** The scopes of the floor. */
    public static final List<String> SCOPES = List.of("chip", "hbm", "links", "joules");
    /**
     * Relative gap between a derived figure and its datasheet figure that counts as agreement (2 %): vendors round
     * their totals to three or four digits and quote clocks in whole MHz. An LSDT assumption.
     */
    public static final double TOLERANCE = 0.02;

    private static final List<String> TARGETS = List.of("chip.peak", "chip.peak_gap", "hbm.bw", "hbm.capacity",
            "hbm.bw_gap", "hbm.ridge", "links.scale_up_bw", "links.scale_up_gap", "links.pcie_bw", "joules.e_flop",
            "joules.p_compute", "joules.p_hbm", "joules.p_peak", "joules.p_links", "joules.operand_reuse_min", "joules.e_flop_budget",
            "joules.e_hbm_per_flop_at_ridge", "joules.e_sram", "joules.e_link", "joules.e_network");

    /** Copies the maps. */
    public Floor {
        values = Map.copyOf(values);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        checks = List.copyOf(checks);
        missing = Set.copyOf(missing);
    }

    /**
     * Resolves a device's floor from the shipped silicon catalog.
     *
     * @param registry the physics registry (with the floor scopes)
     * @param catalog the catalog
     * @param deviceId a device with an entry in silicon.yaml
     * @return the floor
     * @throws LsdtException {@link Problem#INVALID_VALUE} for a device without silicon figures
     */
    public static Floor of(Registry registry, Catalog catalog, String deviceId) {
        return of(registry, catalog, Silicon.builtIn(), deviceId, Map.of());
    }

    /**
     * Resolves a device's floor with some floor variables assigned (a what-if: a higher clock, more stacks).
     *
     * @param registry the physics registry
     * @param catalog the catalog
     * @param silicon the silicon catalog
     * @param deviceId a device with an entry in {@code silicon}
     * @param overrides values (SI) of root variables of the floor scopes, by fully qualified name
     * @return the floor
     * @throws LsdtException {@link Problem#INVALID_VALUE} for a device without silicon figures, or an override that
     *     is not a root input of the floor scopes
     */
    public static Floor of(Registry registry, Catalog catalog, Silicon silicon, String deviceId,
            Map<String, Double> overrides) {
        Silicon.Entry e = silicon.entry(deviceId);
        Device d = catalog.device(deviceId);
        for (String k : overrides.keySet()) {
            requireFloorRoot(registry, k);
        }
        Map<String, Sourced> inputs = new LinkedHashMap<>(e.inputs());
        put(inputs, "chip.peak_datasheet", d.peakDense().get(e.precision()));
        put(inputs, "hbm.bw_datasheet", d.memoryBandwidth());
        put(inputs, "hbm.capacity_datasheet", d.memoryCapacity());
        put(inputs, "links.scale_up_datasheet", d.scaleUp() == null ? null : d.scaleUp().bandwidthPerDirection());
        put(inputs, "joules.tdp", d.tdp());
        Map<String, Sourced> en = silicon.energy();
        inputs.put("joules.e_flop_45nm", en.get("flop_16bit"));
        inputs.put("joules.node_scale", en.get("node_scale"));
        inputs.put("joules.e_register", en.get("register"));
        inputs.put("joules.e_sram", en.get("sram"));
        inputs.put("joules.e_hbm", en.get("hbm"));
        inputs.put("joules.e_link", en.get("scale_up_link"));
        inputs.put("joules.e_network", en.get("network"));
        Map<String, Double> a = new LinkedHashMap<>();
        inputs.forEach((k, v) -> a.put(k, v.si()));
        a.put("chip.tolerance", TOLERANCE);
        a.putAll(overrides);
        overrides.keySet().forEach(inputs::remove);
        Resolution r = new Resolver(registry).resolve(a, Map.of(), TARGETS);
        List<ConstraintCheck> checks = new ArrayList<>();
        for (ConstraintCheck c : r.constraints()) {
            if (SCOPES.contains(c.constraint().name().substring(0, c.constraint().name().indexOf('.')))) {
                checks.add(c);
            }
        }
        Map<String, Double> values = new LinkedHashMap<>(r.values());
        return new Floor(deviceId, values, inputs, overrides, checks, r.missing());
    }

    /**
     * Checks that a variable is one a {@code floor:} section may set.
     *
     * @param registry the physics registry
     * @param name a fully qualified variable name
     * @throws LsdtException {@link Problem#INVALID_VALUE} unless it is a root input of a floor scope
     */
    public static void requireFloorRoot(Registry registry, String name) {
        int dot = name.indexOf('.');
        boolean ok = dot > 0 && SCOPES.contains(name.substring(0, dot)) && registry.variables().containsKey(name)
                && registry.isRoot(name);
        if (!ok) {
            List<String> roots = registry.variables().keySet().stream()
                    .filter(v -> SCOPES.contains(v.substring(0, v.indexOf('.'))) && registry.isRoot(v)).sorted()
                    .toList();
            throw LsdtException.of(Problem.INVALID_VALUE, "floor variable", name, "a root input of the floor "
                    + "scopes: " + String.join(", ", roots));
        }
    }

    /**
     * The value of a floor variable.
     *
     * @param variable a floor variable
     * @return its value (SI)
     * @throws LsdtException {@link Problem#INVALID_VALUE} when it could not be resolved (a figure the device lacks)
     */
    public double value(String variable) {
        Double v = values.get(variable);
        if (v == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "floor variable", variable, "a figure " + deviceId
                    + " has (missing: " + String.join(", ", new java.util.TreeSet<>(missing)) + ")");
        }
        return v;
    }

    /**
     * Whether the floor has a value for a variable.
     *
     * @param variable a floor variable
     * @return true when the floor holds a value for it
     */
    public boolean has(String variable) {
        return values.containsKey(variable);
    }

    /**
     * The floor's constraints that the values break, e.g. power at peak above the TDP.
     *
     * @return the checks that failed
     */
    public List<ConstraintCheck> violated() {
        return checks.stream().filter(c -> c.status() == ConstraintCheck.Status.VIOLATED).toList();
    }

    /**
     * The hardware of a what-if at the floor: each datasheet figure of {@code datasheet} scaled by how far this floor
     * moves its derived figure from the device's catalog floor (peak and attention peak by {@code chip.peak}, memory
     * bandwidth by {@code hbm.bw}, capacity by {@code hbm.capacity}, scale-up by {@code links.scale_up_bw}, host link
     * by {@code links.pcie_bw}). At the catalog's own silicon every ratio is 1 and the datasheet stays; a faster clock
     * or more stacks moves the figures the plan uses by exactly the physics' ratio, whatever the training precision.
     *
     * @param datasheet the device's catalog hardware (datasheet figures)
     * @param base the device's floor from the catalog silicon ({@link #of(Registry, Catalog, String)})
     * @return the hardware of this floor
     */
    public Hardware scale(Hardware datasheet, Floor base) {
        double peak = ratio(base, "chip.peak");
        double up = ratio(base, "links.scale_up_bw");
        double host = ratio(base, "links.pcie_bw");
        return new Hardware(datasheet.deviceId(), datasheet.peakFlops() * peak,
                datasheet.memoryBytes() * ratio(base, "hbm.capacity"),
                datasheet.memoryBandwidth() * ratio(base, "hbm.bw"), datasheet.scaleUpBandwidth() * up,
                datasheet.scaleUpDomain(), datasheet.scaleOutBandwidth(), datasheet.scaleUpLatency(),
                datasheet.scaleOutLatency(), datasheet.attentionPeakFlops() * peak,
                datasheet.hostLinkBandwidth() * host, datasheet.hostMemoryBandwidth(), datasheet.hostMemoryBytes());
    }

    /**
     * How far a what-if moves a derived figure from the catalog's.
     *
     * @param base the catalog floor of the same device
     * @param variable a derived floor variable
     * @return this floor's value over the base's, or 1 when either lacks it
     */
    public double ratio(Floor base, String variable) {
        return has(variable) && base.has(variable) ? value(variable) / base.value(variable) : 1.0;
    }

    /**
     * Reads a brief's {@code floor:} section: fully qualified root variables of the floor scopes with their values,
     * quantities with units as text ({@code chip.clock: 1.98 GHz}, {@code hbm.stacks: 6}).
     *
     * @param root the brief's root
     * @param registry the physics registry
     * @return the values (SI) by variable, in brief order; empty without a section
     * @throws LsdtException {@link Problem#INVALID_VALUE} for a key that is not a floor root input, or a value of
     *     the wrong dimension or out of its range
     */
    public static Map<String, Double> overrides(YamlNode root, Registry registry) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!root.hasValue("floor")) {
            return out;
        }
        YamlNode f = root.section("floor");
        for (String k : f.keys()) {
            requireFloorRoot(registry, k);
            var v = registry.variable(k);
            out.put(k, f.quantity(k, v.unit().symbol(), v.range()).si());
        }
        return out;
    }

    private static void put(Map<String, Sourced> m, String k, Sourced v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
