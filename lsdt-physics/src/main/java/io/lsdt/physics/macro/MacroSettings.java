package io.lsdt.physics.macro;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.physics.yaml.YamlNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a brief's optional {@code macro:} section says: the region, how the hardware is paid for, and overrides of any
 * default in {@code macro.yaml}. Keys and their meaning are in {@code docs/briefs.md#macro}.
 *
 * @param region region id (checked against the catalog), or null for the default
 * @param ownership {@code rented}, {@code owned}, or null to choose (rented when a rental price is known)
 * @param overrides values given in the brief, by key (a {@link MacroCatalog} default key or one of
 *     {@code gpu_hour_price}, {@code gpu_price}, {@code power_price}, {@code checkpoint_write_time})
 * @param file the brief the section came from, or null
 */
public record MacroSettings(String region, String ownership, Map<String, Quantity> overrides, String file) {

    /** The keys a brief's macro section may hold besides the defaults' keys, with their units (sorted: read in order). */
    static final Map<String, String> EXTRA_UNITS = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(Map.of(
            "gpu_hour_price", "USD/h", "gpu_price", "USD", "power_price", "USD/kWh", "checkpoint_write_time", "s")));

    /** Ranges stricter than non-negative, by key. */
    private static final Map<String, Range> RANGES = Map.ofEntries(Map.entry("pue", Range.AT_LEAST_ONE),
            Map.entry("gpu_mtbf", Range.POSITIVE), Map.entry("node_mtbf", Range.POSITIVE),
            Map.entry("it_useful_life", Range.POSITIVE), Map.entry("facility_useful_life", Range.POSITIVE),
            Map.entry("checkpoint_write_time", Range.POSITIVE), Map.entry("idle_fraction", Range.UNIT_INTERVAL),
            Map.entry("residual_fraction", Range.UNIT_INTERVAL), Map.entry("interconnect_fraction",
                    new Range(0, true, 1, false)), Map.entry("server_cost_factor", Range.AT_LEAST_ONE));

    /** Hints printed with a refused value, by key. */
    private static final Map<String, String> HINTS = Map.of(
            "pue", "give a value of at least 1 (PUE = facility power / IT power): hyperscale sites run at "
                    + "1.08-1.12, the industry average is 1.58",
            "gpu_mtbf", "give a positive time, e.g. 50677 h (Llama 3: one unexpected interruption per 50,677 "
                    + "GPU-hours)",
            "node_mtbf", "give a positive time, e.g. 1e9 h when host failures are inside gpu_mtbf",
            "power_price", "give 0 or more: a price cannot be negative",
            "gpu_hour_price", "give 0 or more: a price cannot be negative",
            "gpu_price", "give 0 or more: a price cannot be negative",
            "carbon_price", "give 0 or more: a price cannot be negative");

    /** No macro section: every default. */
    public static final MacroSettings DEFAULTS = new MacroSettings(null, null, Map.of(), null);

    /**
     * Reads the {@code macro:} section of a brief (a missing section gives {@link #DEFAULTS}).
     *
     * @param file the brief
     * @return the settings
     * @throws LsdtException naming the field, the value and what was expected: an unknown key (closest names), a value
     *     of the wrong dimension or out of range (PUE below 1, a negative price, an MTBF ≤ 0), an unknown region
     *     (closest names), an ownership other than rented or owned
     */
    public static MacroSettings read(Path file) {
        return ofBrief(YamlNode.load(file), file.toString());
    }

    /**
     * The macro settings of a brief.
     *
     * @param root a brief's root node
     * @param name where it came from
     * @return its macro settings ({@link #DEFAULTS} values when it has no {@code macro:} section)
     * @throws LsdtException as {@link #read(Path)}
     */
    public static MacroSettings ofBrief(YamlNode root, String name) {
        YamlNode m = root.optionalSection("macro");
        if (m == null) {
            return new MacroSettings(null, null, Map.of(), name);
        }
        return of(m, name);
    }

    /**
     * Reads a {@code macro:} section.
     *
     * @param m a {@code macro:} node
     * @param file where it came from
     * @return the settings
     */
    public static MacroSettings of(YamlNode m, String file) {
        Set<String> allowed = new HashSet<>(MacroCatalog.DEFAULT_UNITS.keySet());
        allowed.addAll(EXTRA_UNITS.keySet());
        allowed.add("region");
        allowed.add("ownership");
        m.finish(allowed);
        String region = m.optionalText("region");
        if (region != null) {
            try {
                MacroCatalog.bundled().region(region);
            } catch (LsdtException e) {
                throw e.inContext("macro.region");
            }
        }
        String ownership = m.optionalText("ownership");
        if (ownership != null && !List.of("rented", "owned").contains(ownership)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "macro.ownership", ownership, "rented or owned")
                    .withHint("rented: pay a price per device-hour (macro.gpu_hour_price); owned: depreciate the "
                            + "purchase (macro.gpu_price) and pay for energy (macro.power_price)");
        }
        Map<String, Quantity> overrides = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>(MacroCatalog.DEFAULT_UNITS);
        units.putAll(EXTRA_UNITS);
        for (Map.Entry<String, String> u : units.entrySet()) {
            String key = u.getKey();
            if (!m.hasValue(key)) {
                continue;
            }
            Range range = RANGES.getOrDefault(key, Range.NON_NEGATIVE);
            try {
                overrides.put(key, m.optionalQuantity(key, u.getValue(), range));
            } catch (LsdtException e) {
                String hint = HINTS.get(key);
                throw hint == null ? e : e.withHint(hint);
            }
        }
        return new MacroSettings(region, ownership, Collections.unmodifiableMap(overrides), file);
    }
}
