package io.lsdt.physics.macro;

import io.lsdt.physics.util.Lazy;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.model.Range;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Source;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.yaml.YamlNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The macro layer's data ({@code lsdt/catalog/macro.yaml}): regions with their grid carbon intensity and energy price,
 * the sourced defaults of every macro input, and cloud rental prices per device. Each number has a source; numbers
 * someone chose cite a source of kind {@code estimate} and are printed as assumptions.
 */
public final class MacroCatalog {
    /** The bundled file. */
    public static final String RESOURCE = "/lsdt/catalog/macro.yaml";

    /**
     * A grid region.
     *
     * @param id its id (e.g. {@code us-pjm})
     * @param name its name
     * @param carbon grid carbon intensity (g/kWh, SI kg/J)
     * @param price industrial energy price (USD/kWh), or null when no US-dollar figure is sourced
     */
    public record Region(String id, String name, Sourced carbon, Sourced price) {}

    /** Units of the defaults, by key; a key not here is not a default. */
    static final Map<String, String> DEFAULT_UNITS = units();

    private static final Lazy<MacroCatalog> BUNDLED = Lazy.of(() -> read(YamlNode.resource(RESOURCE)));

    private final Map<String, Source> sources;
    private final Map<String, Region> regions;
    private final String defaultRegion;
    private final Map<String, Sourced> defaults;
    private final Map<String, Sourced> cloudPrices;

    private MacroCatalog(Map<String, Source> sources, Map<String, Region> regions, String defaultRegion,
            Map<String, Sourced> defaults, Map<String, Sourced> cloudPrices) {
        this.sources = sources;
        this.regions = regions;
        this.defaultRegion = defaultRegion;
        this.defaults = defaults;
        this.cloudPrices = cloudPrices;
    }

    private static Map<String, String> units() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pue", "1");
        m.put("wue", "L/kWh");
        m.put("grid_water_intensity", "L/kWh");
        m.put("idle_fraction", "1");
        m.put("host_power_per_gpu", "W");
        m.put("gpu_mtbf", "h");
        m.put("node_mtbf", "h");
        m.put("restart_time", "min");
        m.put("step_time_cv", "1");
        m.put("server_cost_factor", "1");
        m.put("interconnect_fraction", "1");
        m.put("facility_cost_per_watt", "USD/W");
        m.put("it_useful_life", "yr");
        m.put("facility_useful_life", "yr");
        m.put("residual_fraction", "1");
        m.put("maintenance_per_year", "1/yr");
        m.put("staff_cost_per_year", "USD/yr");
        m.put("carbon_price", "USD/tCO2");
        m.put("embodied_per_gpu", "kgCO2");
        return Collections.unmodifiableMap(m);
    }

    /**
     * The macro catalog LSDT ships ({@code macro.yaml}).
     *
     * @return the bundled macro catalog, loaded once
     * @throws LsdtException {@link Problem#CATALOG_INVALID} when the shipped file is malformed
     */
    public static MacroCatalog bundled() {
        return BUNDLED.get();
    }

    /**
     * Reads the macro catalog from its parsed YAML.
     *
     * @param root the root of {@code macro.yaml}
     * @return the catalog
     * @throws LsdtException naming the field when the file is malformed
     */
    static MacroCatalog read(YamlNode root) {
        root.expect("sources", "regions", "defaults", "cloud_prices");
        Map<String, Source> sources = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : root.section("sources").entries().entrySet()) {
            sources.put(e.getKey(), Catalog.source(e.getKey(), e.getValue()));
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : root.section("regions").entries().entrySet()) {
            YamlNode n = e.getValue().expect("name", "carbon", "price");
            regions.put(e.getKey(), new Region(e.getKey(), n.text("name"),
                    Catalog.sourced(n, "carbon", "gCO2/kWh", Range.NON_NEGATIVE, sources),
                    Catalog.sourced(n, "price", "USD/kWh", Range.NON_NEGATIVE, sources)));
        }
        YamlNode d = root.section("defaults");
        String region = d.text("region");
        if (!regions.containsKey(region)) {
            throw LsdtException.of(Problem.CATALOG_INVALID, d.path() + ".region", "unknown region '" + region + "'");
        }
        Map<String, Sourced> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, String> u : DEFAULT_UNITS.entrySet()) {
            Sourced s = Catalog.sourced(d, u.getKey(), u.getValue(), Range.NON_NEGATIVE, sources);
            if (s == null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, d.path() + "." + u.getKey(), "missing default");
            }
            defaults.put(u.getKey(), s);
        }
        java.util.Set<String> allowed = new java.util.HashSet<>(DEFAULT_UNITS.keySet());
        allowed.add("region");
        d.finish(allowed);
        Map<String, Sourced> cloud = new LinkedHashMap<>();
        YamlNode c = root.section("cloud_prices");
        for (String k : c.keys()) {
            cloud.put(k, Catalog.sourced(c, k, "USD/h", Range.NON_NEGATIVE, sources));
        }
        return new MacroCatalog(Collections.unmodifiableMap(sources), Collections.unmodifiableMap(regions), region,
                Collections.unmodifiableMap(defaults), Collections.unmodifiableMap(cloud));
    }

    /**
     * The defaults of the macro layer.
     *
     * @return every macro default by key, with its source, in file order
     */
    public Map<String, Sourced> defaults() {
        return defaults;
    }

    /**
     * The grid regions of the macro catalog, each with its carbon intensity and industrial energy price.
     *
     * @return the regions by id, in file order
     */
    public Map<String, Region> regions() {
        return regions;
    }

    /**
     * Looks up a region by id.
     *
     * @param id a region id
     * @return the region
     * @throws LsdtException {@link Problem#UNKNOWN_ID} naming the closest region ids
     */
    public Region region(String id) {
        Region r = regions.get(id);
        if (r == null) {
            String hint = Suggestions.hint(id, regions.keySet());
            throw LsdtException.of(Problem.UNKNOWN_ID, "region", id).withHint((hint.isEmpty() ? "use one of the "
                    + "regions: " : hint + " The regions are: ") + String.join(", ", regions.keySet()));
        }
        return r;
    }

    /**
     * The default region.
     *
     * @return the region used when a brief names none
     */
    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * One default of the macro layer.
     *
     * @param key a default's key (see {@code macro.yaml})
     * @return its sourced value
     * @throws IllegalArgumentException for a key that is not a default
     */
    public Sourced defaultValue(String key) {
        Sourced s = defaults.get(key);
        if (s == null) {
            throw new IllegalArgumentException("no macro default '" + key + "'");
        }
        return s;
    }

    /**
     * The rental price of a device.
     *
     * @param deviceId a catalog device id
     * @return the cloud rental price of one device-hour, or null when none is sourced
     */
    public Sourced cloudPrice(String deviceId) {
        return cloudPrices.get(deviceId);
    }

    /**
     * The sources the macro catalog cites.
     *
     * @return the sources by id
     */
    public Map<String, Source> sources() {
        return sources;
    }
}
