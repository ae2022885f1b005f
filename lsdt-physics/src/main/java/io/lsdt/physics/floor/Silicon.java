package io.lsdt.physics.floor;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Precision;
import io.lsdt.physics.catalog.Source;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.util.Lazy;
import io.lsdt.physics.yaml.YamlNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The silicon catalog ({@code lsdt/catalog/silicon.yaml}): per device, the figures the floor scopes multiply, and the
 * energy per operation and per bit at each level. Every figure is {@link Sourced}; a figure the vendor does not
 * publish cites a source of kind {@code estimate} (an assumption).
 *
 * @param devices silicon entries by catalog device id, in file order
 * @param energy energy figures by key ({@code flop_16bit}, {@code node_scale}, {@code register}, {@code sram},
 *     {@code hbm}, {@code scale_up_link}, {@code network}; J/FLOP, 1 or J/B in SI)
 */
public record Silicon(Map<String, Entry> devices, Map<String, Sourced> energy) {
    private static final Lazy<Silicon> BUILT_IN = Lazy.of(() -> load(Catalog.builtIn()));

    /** The energy keys of silicon.yaml, with their units. */
    static final Map<String, String> ENERGY_UNITS = orderedOf("flop_16bit", "J/FLOP", "node_scale", "1",
            "register", "J/bit", "sram", "J/bit", "hbm", "J/bit", "scale_up_link", "J/bit", "network", "J/bit");

    /**
     * One device's silicon. Figures a device lacks (a part without scale-up links or PCIe) are null.
     *
     * @param deviceId catalog device id
     * @param precision the precision whose dense peak {@code flopPerClock} gives
     * @param computeUnits SMs, CUs or MXUs (1)
     * @param flopPerClock dense FLOP per clock per unit (FLOP)
     * @param boostClock clock (Hz)
     * @param memoryStacks memory stacks or packages (1)
     * @param pinsPerStack data pins per stack (1)
     * @param pinRate data rate per pin (bit/s, SI B/s)
     * @param stackCapacity capacity of one stack (B)
     * @param scaleUpLinks scale-up links (1), or null
     * @param linkBandwidth per-link bandwidth per direction (B/s), or null
     * @param pcieGeneration PCIe generation (1), or null
     * @param pcieLanes PCIe lanes (1), or null
     */
    public record Entry(String deviceId, Precision precision, Sourced computeUnits, Sourced flopPerClock,
            Sourced boostClock, Sourced memoryStacks, Sourced pinsPerStack, Sourced pinRate, Sourced stackCapacity,
            Sourced scaleUpLinks, Sourced linkBandwidth, Sourced pcieGeneration, Sourced pcieLanes) {

        /**
         * The entry's figures as graph inputs of the floor scopes, each with its source.
         *
         * @return sourced values by fully qualified variable ({@code chip.units}, {@code hbm.pin_rate}, ...), only
         *     those the entry has
         */
        public Map<String, Sourced> inputs() {
            Map<String, Sourced> m = new LinkedHashMap<>();
            put(m, "chip.units", computeUnits);
            put(m, "chip.flop_per_clock", flopPerClock);
            put(m, "chip.clock", boostClock);
            put(m, "hbm.stacks", memoryStacks);
            put(m, "hbm.pins", pinsPerStack);
            put(m, "hbm.pin_rate", pinRate);
            put(m, "hbm.stack_capacity", stackCapacity);
            put(m, "links.count", scaleUpLinks);
            put(m, "links.link_bw", linkBandwidth);
            put(m, "links.pcie_gen", pcieGeneration);
            put(m, "links.pcie_lanes", pcieLanes);
            return m;
        }

        private static void put(Map<String, Sourced> m, String k, Sourced v) {
            if (v != null) {
                m.put(k, v);
            }
        }
    }

    /** Copies the maps. */
    public Silicon {
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        energy = Collections.unmodifiableMap(new LinkedHashMap<>(energy));
    }

    /**
     * The silicon catalog LSDT ships: the per-device figures of the floor scopes.
     *
     * @return the silicon catalog shipped with LSDT, loaded once against {@link Catalog#builtIn()}
     * @throws LsdtException {@link Problem#CATALOG_INVALID} when the shipped data is malformed
     */
    public static Silicon builtIn() {
        return BUILT_IN.get();
    }

    /**
     * The silicon entry of a device.
     *
     * @param deviceId a catalog device id
     * @return its silicon entry
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the silicon catalog has no entry for it, naming those
     *     that do
     */
    public Entry entry(String deviceId) {
        Entry e = devices.get(deviceId);
        if (e == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "device", deviceId, "a device with silicon figures in "
                    + "silicon.yaml: " + String.join(", ", devices.keySet()));
        }
        return e;
    }

    /**
     * Reads {@code lsdt/catalog/silicon.yaml} against a catalog (its sources are the catalog's).
     *
     * @param catalog the catalog: every entry must name one of its devices
     * @return the silicon catalog
     * @throws LsdtException {@link Problem#CATALOG_INVALID} for an unknown device or source, a duplicate entry, or
     *     a figure of the wrong dimension
     */
    public static Silicon load(Catalog catalog) {
        YamlNode root = YamlNode.resource("/lsdt/catalog/silicon.yaml").expect("sources", "energy", "devices");
        Map<String, Source> src = catalog.sources();
        YamlNode en = root.section("energy").expect(ENERGY_UNITS.keySet().toArray(String[]::new));
        Map<String, Sourced> energy = new LinkedHashMap<>();
        for (Map.Entry<String, String> k : ENERGY_UNITS.entrySet()) {
            Sourced s = Catalog.sourced(en, k.getKey(), k.getValue(), Range.POSITIVE, src);
            if (s == null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, en.path() + "." + k.getKey(), "missing");
            }
            energy.put(k.getKey(), s);
        }
        Map<String, Entry> devices = new LinkedHashMap<>();
        for (YamlNode n : root.list("devices")) {
            n.expect("id", "precision", "compute_units", "flop_per_clock_per_unit", "boost_clock", "memory_stacks",
                    "pins_per_stack", "pin_rate", "stack_capacity", "scale_up_links", "link_bandwidth",
                    "pcie_generation", "pcie_lanes");
            String id = n.text("id");
            if (!catalog.devices().containsKey(id)) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".id", "unknown device '" + id + "'");
            }
            Precision p = precision(n);
            Entry e = new Entry(id, p, req(n, "compute_units", "1", src), req(n, "flop_per_clock_per_unit", "FLOP", src),
                    req(n, "boost_clock", "Hz", src), req(n, "memory_stacks", "1", src),
                    req(n, "pins_per_stack", "1", src), req(n, "pin_rate", "b/s", src),
                    req(n, "stack_capacity", "B", src),
                    Catalog.sourced(n, "scale_up_links", "1", Range.POSITIVE, src),
                    Catalog.sourced(n, "link_bandwidth", "B/s", Range.POSITIVE, src),
                    Catalog.sourced(n, "pcie_generation", "1", Range.POSITIVE, src),
                    Catalog.sourced(n, "pcie_lanes", "1", Range.POSITIVE, src));
            if (devices.putIfAbsent(id, e) != null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path(), "device id '" + id + "' twice");
            }
            if (catalog.device(id).peakDense().get(p) == null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".precision", "device '" + id
                        + "' has no datasheet peak at " + p.key() + " to check the floor against");
            }
        }
        return new Silicon(devices, energy);
    }

    private static Precision precision(YamlNode n) {
        String key = n.text("precision");
        for (Precision p : Precision.values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".precision", "unknown precision '" + key + "'");
    }

    private static Sourced req(YamlNode n, String key, String unit, Map<String, Source> src) {
        Sourced s = Catalog.sourced(n, key, unit, Range.POSITIVE, src);
        if (s == null) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + "." + key, "missing");
        }
        return s;
    }

    private static Map<String, String> orderedOf(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
