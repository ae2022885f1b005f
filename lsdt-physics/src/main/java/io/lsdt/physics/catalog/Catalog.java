package io.lsdt.physics.catalog;

import io.lsdt.physics.util.Lazy;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.physics.yaml.YamlNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalog of devices, fabrics and models shipped with LSDT ({@code lsdt/catalog/*.yaml} on the classpath). Every
 * number carries a {@link Source}; the loader is strict (unknown keys, unknown source ids, units of the wrong
 * dimension and dangling fabric ids stop the load). Immutable.
 */
public final class Catalog {
    private static final String DIR = "/lsdt/catalog/";
    private static final Lazy<Catalog> BUILT_IN = Lazy.of(Catalog::load);

    private final Map<String, Source> sources;
    private final Map<String, Device> devices;
    private final Map<String, Fabric> fabrics;
    private final Map<String, Model> models;
    private final CollectiveConstants collectives;
    private final Map<String, FrameworkProfile> frameworks;
    private final List<Recipe> recipes;

    private Catalog(Map<String, Source> sources, Map<String, Device> devices, Map<String, Fabric> fabrics,
            Map<String, Model> models, CollectiveConstants collectives, Map<String, FrameworkProfile> frameworks,
            List<Recipe> recipes) {
        this.frameworks = Collections.unmodifiableMap(frameworks);
        this.recipes = List.copyOf(recipes);
        this.sources = Collections.unmodifiableMap(sources);
        this.devices = Collections.unmodifiableMap(devices);
        this.fabrics = Collections.unmodifiableMap(fabrics);
        this.models = Collections.unmodifiableMap(models);
        this.collectives = collectives;
    }

    /**
     * The catalog LSDT ships.
     *
     * @return the catalog shipped with LSDT, loaded once
     * @throws LsdtException {@link Problem#CATALOG_INVALID} when the shipped data is malformed
     */
    public static Catalog builtIn() {
        return BUILT_IN.get();
    }

    private static Catalog load() {
        Map<String, Source> sources = new LinkedHashMap<>();
        YamlNode fabricsFile = YamlNode.resource(DIR + "fabrics.yaml").expect("sources", "fabrics");
        YamlNode devicesFile = YamlNode.resource(DIR + "devices.yaml").expect("sources", "devices");
        YamlNode modelsFile = YamlNode.resource(DIR + "models.yaml").expect("sources", "models");
        YamlNode collectivesFile = YamlNode.resource(DIR + "collectives.yaml").expect("sources", "ring_step_latency",
                "link_efficiency", "host_default");
        YamlNode frameworksFile = YamlNode.resource(DIR + "frameworks.yaml").expect("sources", "frameworks");
        YamlNode recipesFile = YamlNode.resource(DIR + "recipes.yaml").expect("sources", "recipes");
        // silicon.yaml's figures are read by io.lsdt.physics.floor.Silicon; its sources are the catalog's
        YamlNode siliconFile = YamlNode.resource(DIR + "silicon.yaml").expect("sources", "energy", "devices");
        for (YamlNode f : List.of(fabricsFile, devicesFile, modelsFile, collectivesFile, frameworksFile,
                recipesFile, siliconFile)) {
            for (Map.Entry<String, YamlNode> e : f.section("sources").entries().entrySet()) {
                Source s = source(e.getKey(), e.getValue());
                if (sources.putIfAbsent(s.id(), s) != null) {
                    throw LsdtException.of(Problem.CATALOG_INVALID, "sources", "source id '" + s.id() + "' twice");
                }
            }
        }
        Map<String, Fabric> fabrics = new LinkedHashMap<>();
        for (YamlNode n : fabricsFile.list("fabrics")) {
            Fabric f = wrap(n, () -> fabric(n, sources));
            if (fabrics.putIfAbsent(f.id(), f) != null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path(), "fabric id '" + f.id() + "' twice");
            }
        }
        Map<String, Device> devices = new LinkedHashMap<>();
        for (YamlNode n : devicesFile.list("devices")) {
            Device d = wrap(n, () -> device(n, sources, fabrics));
            if (devices.putIfAbsent(d.id(), d) != null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path(), "device id '" + d.id() + "' twice");
            }
        }
        Map<String, Model> models = new LinkedHashMap<>();
        for (YamlNode n : modelsFile.list("models")) {
            Model m = wrap(n, () -> model(n, sources));
            if (models.putIfAbsent(m.id(), m) != null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path(), "model id '" + m.id() + "' twice");
            }
        }
        YamlNode lat = collectivesFile.section("ring_step_latency").expect("nvlink", "pci", "network");
        YamlNode eff = collectivesFile.section("link_efficiency").expect("scale_up", "scale_out");
        YamlNode host = collectivesFile.section("host_default").expect("link_bandwidth_per_direction",
                "memory_bandwidth_per_device", "memory_capacity_per_device");
        CollectiveConstants coll = wrap(collectivesFile, () -> new CollectiveConstants(
                required(lat, "nvlink", "s", Range.POSITIVE, sources), required(lat, "pci", "s", Range.POSITIVE, sources),
                required(lat, "network", "s", Range.POSITIVE, sources),
                required(eff, "scale_up", "1", Range.FRACTION, sources),
                required(eff, "scale_out", "1", Range.FRACTION, sources),
                required(host, "link_bandwidth_per_direction", "B/s", Range.POSITIVE, sources),
                required(host, "memory_bandwidth_per_device", "B/s", Range.POSITIVE, sources),
                required(host, "memory_capacity_per_device", "B", Range.POSITIVE, sources)));
        Map<String, FrameworkProfile> frameworks = new LinkedHashMap<>();
        for (YamlNode n : frameworksFile.list("frameworks")) {
            FrameworkProfile f = wrap(n, () -> framework(n, sources));
            if (frameworks.putIfAbsent(f.id(), f) != null) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path(), "framework id '" + f.id() + "' twice");
            }
        }
        List<Recipe> recipes = new java.util.ArrayList<>();
        Set<String> recipeIds = new java.util.HashSet<>();
        for (YamlNode n : recipesFile.list("recipes")) {
            Recipe r = wrap(n, () -> recipe(n, sources));
            if (!recipeIds.add(r.id())) {
                throw LsdtException.of(Problem.CATALOG_INVALID, n.path(), "recipe id '" + r.id() + "' twice");
            }
            recipes.add(r);
        }
        return new Catalog(sources, devices, fabrics, models, coll, frameworks, recipes);
    }

    private static final Set<String> FINETUNES = Set.of("none", "full", "lora", "qlora");

    private static Recipe recipe(YamlNode n, Map<String, Source> sources) {
        n.expect("id", "name", "framework_contains", "model_contains", "finetune", "source", "locator", "sets");
        String ft = n.optionalText("finetune");
        if (ft != null && !FINETUNES.contains(ft)) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".finetune", "'" + ft + "': expected one of "
                    + new java.util.TreeSet<>(FINETUNES));
        }
        Map<String, Recipe.Setting> sets = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : n.section("sets").entries().entrySet()) {
            YamlNode v = e.getValue().expect("value", "note");
            sets.put(e.getKey(), new Recipe.Setting(v.text("value"), v.text("note")));
        }
        if (sets.isEmpty()) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".sets", "a recipe sets at least one cell");
        }
        List<String> framework = n.texts("framework_contains").stream().map(t -> t.toLowerCase(Locale.ROOT))
                .toList();
        if (framework.isEmpty()) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".framework_contains",
                    "a recipe names at least one framework text");
        }
        return new Recipe(n.text("id"), n.text("name"), framework, n.texts("model_contains").stream()
                .map(t -> t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")).toList(), ft,
                ref(n, "source", sources), n.text("locator"), sets);
    }

    /**
     * The training recipes the catalog documents, with their sources.
     *
     * @return the documented training recipes ({@code recipes.yaml}), in file order
     */
    public List<Recipe> recipes() {
        return recipes;
    }

    private static FrameworkProfile framework(YamlNode n, Map<String, Source> sources) {
        n.expect("id", "name", "aliases", "zero_stage", "shard", "reduce_bytes", "overlap_dp", "overlap_tp",
                "model_parallel", "offload");
        String shard = oneOf(n, "shard", Set.of("dp", "node"));
        YamlNode off = n.section("offload").expect("what", "source", "note");
        Set<String> offloads = new java.util.TreeSet<>(off.texts("what"));
        for (String o : offloads) {
            if (!FrameworkProfile.OFFLOADS.contains(o)) {
                throw LsdtException.of(Problem.CATALOG_INVALID, off.path() + ".what", "'" + o + "': expected "
                        + new java.util.TreeSet<>(FrameworkProfile.OFFLOADS));
            }
        }
        off.text("note");
        return new FrameworkProfile(n.text("id"), n.text("name"), n.texts("aliases"),
                required(n, "zero_stage", "1", Range.NON_NEGATIVE, sources), shard.equals("node"),
                required(n, "reduce_bytes", "B/param", Range.POSITIVE, sources),
                required(n, "overlap_dp", "1", Range.UNIT_INTERVAL, sources),
                required(n, "overlap_tp", "1", Range.UNIT_INTERVAL, sources), n.bool("model_parallel", false),
                offloads, ref(off, "source", sources));
    }

    /**
     * The framework profiles briefs name with {@code framework:}.
     *
     * @return the framework execution profiles by id, in file order
     */
    public Map<String, FrameworkProfile> frameworks() {
        return frameworks;
    }

    /**
     * Looks up a framework profile by id or alias.
     *
     * @param idOrAlias a framework id or one of its aliases (any case)
     * @return the profile
     * @throws LsdtException {@link Problem#UNKNOWN_ID} naming the closest ids
     */
    public FrameworkProfile framework(String idOrAlias) {
        String key = idOrAlias == null ? "" : idOrAlias.strip().toLowerCase(Locale.ROOT);
        for (FrameworkProfile f : frameworks.values()) {
            if (f.id().equals(key) || f.aliases().contains(key)) {
                return f;
            }
        }
        List<String> names = new java.util.ArrayList<>(frameworks.keySet());
        frameworks.values().forEach(f -> names.addAll(f.aliases()));
        String hint = Suggestions.hint(key, names);
        throw LsdtException.of(Problem.UNKNOWN_ID, "framework", idOrAlias).withHint(
                (hint.isEmpty() ? "" : hint + " ") + "frameworks: " + frameworks.keySet());
    }

    private static Sourced required(YamlNode parent, String key, String unit, Range range, Map<String, Source> sources) {
        Sourced s = sourced(parent, key, unit, range, sources);
        if (s == null) {
            throw LsdtException.of(Problem.CATALOG_INVALID, parent.path() + "." + key, "a value is required");
        }
        return s;
    }

    /**
     * The constants of the collective communication model.
     *
     * @return the constants of the ring α–β collective model ({@code collectives.yaml})
     */
    public CollectiveConstants collectives() {
        return collectives;
    }

    private static <T> T wrap(YamlNode n, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (LsdtException e) {
            if (e.problem() == Problem.CATALOG_INVALID) {
                throw e;
            }
            throw LsdtException.wrap(e, Problem.CATALOG_INVALID, n.path(), e.getMessage());
        }
    }

    /**
     * Reads one entry of a catalog file's {@code sources} section.
     *
     * @param id the source id
     * @param n its node: title, url, doi, kind, date
     * @return the source
     * @throws LsdtException {@link Problem#CATALOG_INVALID} for an unknown kind or neither url nor doi
     */
    public static Source source(String id, YamlNode n) {
        n.expect("title", "url", "doi", "kind", "date");
        String kind = n.text("kind");
        Reference.Kind k;
        try {
            k = Reference.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".kind", "unknown kind '" + kind + "'");
        }
        String url = n.optionalText("url");
        String doi = n.optionalText("doi");
        if (url == null && doi == null) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path(), "a source needs a url or a doi");
        }
        return new Source(id, n.text("title"), url, doi, k, n.optionalText("date"));
    }

    /**
     * Reads a sourced number {@code {value, source, note}}.
     *
     * @param parent the node holding it
     * @param key its key
     * @param unit the unit its value must have the dimension of
     * @param range the values allowed (SI)
     * @param sources the sources by id
     * @return the number, or null when the key is absent
     * @throws LsdtException {@link Problem#CATALOG_INVALID} for an unknown source id; the YAML reader's errors
     */
    public static Sourced sourced(YamlNode parent, String key, String unit, Range range, Map<String, Source> sources) {
        if (!parent.hasValue(key)) {
            return null;
        }
        YamlNode n = parent.section(key).expect("value", "source", "note");
        Quantity q = n.quantity("value", unit, range);
        String sid = n.text("source");
        Source s = sources.get(sid);
        if (s == null) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".source", "unknown source id '" + sid + "'");
        }
        return new Sourced(q, s, n.optionalText("note"));
    }

    private static Fabric fabric(YamlNode n, Map<String, Source> sources) {
        n.expect("id", "name", "tier", "technology", "bandwidth_per_direction", "endpoint", "domain_size", "latency",
                "notes");
        String tier = oneOf(n, "tier", Set.of("scale-up", "scale-out", "host"));
        return new Fabric(n.text("id"), n.text("name"), tier, n.text("technology"),
                sourced(n, "bandwidth_per_direction", "B/s", Range.POSITIVE, sources), n.text("endpoint"),
                sourced(n, "domain_size", "1", Range.POSITIVE, sources),
                sourced(n, "latency", "s", Range.POSITIVE, sources), n.optionalText("notes"));
    }

    private static Device device(YamlNode n, Map<String, Source> sources, Map<String, Fabric> fabrics) {
        n.expect("id", "name", "vendor", "category", "year", "peak_dense", "memory_capacity", "memory_bandwidth",
                "tdp", "scale_up", "scale_out", "list_price", "notes", "visible_memory", "host");
        String category = oneOf(n, "category",
                Set.of("datacenter-gpu", "workstation-gpu", "tpu", "accelerator", "edge-module", "phone-soc", "mcu"));
        Map<Precision, Sourced> peaks = new EnumMap<>(Precision.class);
        YamlNode p = n.optionalSection("peak_dense");
        String[] keys = java.util.Arrays.stream(Precision.values()).map(Precision::key).toArray(String[]::new);
        p.expect(keys);
        for (Precision pr : Precision.values()) {
            Sourced s = sourced(p, pr.key(), "FLOP/s", Range.POSITIVE, sources);
            if (s != null) {
                peaks.put(pr, s);
            }
        }
        Long year = n.optionalWhole("year", 1990);
        return new Device(n.text("id"), n.text("name"), n.text("vendor"), category,
                year == null ? null : year.intValue(), peaks,
                sourced(n, "memory_capacity", "B", Range.POSITIVE, sources),
                sourced(n, "memory_bandwidth", "B/s", Range.POSITIVE, sources),
                sourced(n, "tdp", "W", Range.POSITIVE, sources),
                link(n, "scale_up", sources, fabrics), link(n, "scale_out", sources, fabrics),
                sourced(n, "list_price", "USD", Range.POSITIVE, sources), n.optionalText("notes"),
                sourced(n, "visible_memory", "B", Range.POSITIVE, sources),
                n.hasValue("host") ? sourced(n.section("host").expect("link_bandwidth_per_direction",
                        "memory_bandwidth_per_device", "memory_capacity_per_device"), "link_bandwidth_per_direction",
                        "B/s", Range.POSITIVE, sources) : null,
                n.hasValue("host") ? sourced(n.section("host"), "memory_bandwidth_per_device", "B/s", Range.POSITIVE,
                        sources) : null,
                n.hasValue("host") ? sourced(n.section("host"), "memory_capacity_per_device", "B", Range.POSITIVE,
                        sources) : null);
    }

    private static Device.Link link(YamlNode parent, String key, Map<String, Source> sources,
            Map<String, Fabric> fabrics) {
        if (!parent.hasValue(key)) {
            return null;
        }
        YamlNode n = parent.section(key).expect("fabric", "bandwidth_per_direction", "domain_size");
        String fabric = n.optionalText("fabric");
        if (fabric != null && !fabrics.containsKey(fabric)) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + ".fabric", "unknown fabric id '" + fabric + "'");
        }
        return new Device.Link(fabric, sourced(n, "bandwidth_per_direction", "B/s", Range.POSITIVE, sources),
                sourced(n, "domain_size", "1", Range.POSITIVE, sources));
    }

    private static Model model(YamlNode n, Map<String, Source> sources) {
        n.expect("id", "name", "family", "source", "config_source", "architecture", "published_params",
                "published_active_params", "notes");
        YamlNode a = n.section("architecture").expect("layers", "hidden", "heads", "kv_heads", "head_dim",
                "ffn_hidden", "ffn_type", "vocab", "seq_len", "position_embedding", "norm", "linear_bias",
                "tied_embeddings", "moe", "mla");
        Model.Moe moe = null;
        if (a.hasValue("moe")) {
            YamlNode m = a.section("moe").expect("experts", "top_k", "shared_experts", "expert_ffn_hidden",
                    "first_dense_layers", "router_bias");
            moe = new Model.Moe(i(m, "experts", 1), i(m, "top_k", 1), i(m, "shared_experts", 0),
                    i(m, "expert_ffn_hidden", 1), i(m, "first_dense_layers", 0), m.bool("router_bias", false));
        }
        Model.Mla mla = null;
        if (a.hasValue("mla")) {
            YamlNode m = a.section("mla").expect("q_lora_rank", "kv_lora_rank", "qk_nope_head_dim",
                    "qk_rope_head_dim", "v_head_dim");
            mla = new Model.Mla(i(m, "q_lora_rank", 1), i(m, "kv_lora_rank", 1), i(m, "qk_nope_head_dim", 1),
                    i(m, "qk_rope_head_dim", 1), i(m, "v_head_dim", 1));
        }
        Model.Architecture arch = new Model.Architecture(i(a, "layers", 1), i(a, "hidden", 1), i(a, "heads", 1),
                i(a, "kv_heads", 1), i(a, "head_dim", 1), i(a, "ffn_hidden", 1),
                oneOf(a, "ffn_type", Set.of("swiglu", "gelu")), i(a, "vocab", 1), i(a, "seq_len", 1),
                oneOf(a, "position_embedding", Set.of("rope", "learned", "alibi", "none")),
                oneOf(a, "norm", Set.of("rmsnorm", "layernorm")), a.bool("linear_bias", false),
                a.bool("tied_embeddings", false), moe, mla);
        return new Model(n.text("id"), n.text("name"), n.text("family"), ref(n, "source", sources),
                n.hasValue("config_source") ? ref(n, "config_source", sources) : null, arch,
                count(n, "published_params", sources),
                n.hasValue("published_active_params") ? count(n, "published_active_params", sources) : null,
                n.optionalText("notes"));
    }

    private static Model.PublishedCount count(YamlNode parent, String key, Map<String, Source> sources) {
        YamlNode c = parent.section(key).expect("value", "exact", "source", "locator", "note");
        return new Model.PublishedCount(c.quantity("value", "1", Range.POSITIVE).si(), c.bool("exact", false),
                ref(c, "source", sources), c.optionalText("locator"), c.optionalText("note"));
    }

    private static Source ref(YamlNode n, String key, Map<String, Source> sources) {
        String id = n.text(key);
        Source s = sources.get(id);
        if (s == null) {
            throw LsdtException.of(Problem.CATALOG_INVALID, n.path() + "." + key, "unknown source id '" + id + "'");
        }
        return s;
    }

    private static int i(YamlNode n, String key, long min) {
        return (int) n.whole(key, min);
    }

    private static String oneOf(YamlNode n, String key, Set<String> allowed) {
        String v = n.text(key);
        if (!allowed.contains(v)) {
            throw LsdtException.of(Problem.INVALID_VALUE, n.path() + "." + key, v, "one of "
                    + new java.util.TreeSet<>(allowed));
        }
        return v;
    }

    /**
     * The sources the catalog's figures cite.
     *
     * @return every source by id
     */
    public Map<String, Source> sources() {
        return sources;
    }

    /**
     * The devices of the catalog.
     *
     * @return every device by id, in catalog order
     */
    public Map<String, Device> devices() {
        return devices;
    }

    /**
     * The network fabrics of the catalog.
     *
     * @return every fabric by id, in catalog order
     */
    public Map<String, Fabric> fabrics() {
        return fabrics;
    }

    /**
     * The models of the catalog.
     *
     * @return every model by id, in catalog order
     */
    public Map<String, Model> models() {
        return models;
    }

    /**
     * Looks up a device by id.
     *
     * @param id a device id
     * @return the device
     * @throws LsdtException {@link Problem#UNKNOWN_ID} with the closest ids
     */
    public Device device(String id) {
        return find("device", id, devices);
    }

    /**
     * Looks up a fabric by id.
     *
     * @param id a fabric id
     * @return the fabric
     * @throws LsdtException {@link Problem#UNKNOWN_ID} with the closest ids
     */
    public Fabric fabric(String id) {
        return find("fabric", id, fabrics);
    }

    /**
     * Looks up a model by id.
     *
     * @param id a model id
     * @return the model
     * @throws LsdtException {@link Problem#UNKNOWN_ID} with the closest ids
     */
    public Model model(String id) {
        return find("model", id, models);
    }

    private static <T> T find(String kind, String id, Map<String, T> map) {
        T t = map.get(id);
        if (t == null) {
            throw LsdtException.of(Problem.UNKNOWN_ID, kind, id).withHint(
                    Suggestions.hint(id, map.keySet()).isEmpty() ? "run 'lsdt catalog list " + kind + "s' to see them"
                            : Suggestions.hint(id, map.keySet()));
        }
        return t;
    }
}
