package io.lsdt.physics.brief;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.reference.References;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Fabric;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.catalog.Precision;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.limits.SizeLimits;
import io.lsdt.physics.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads briefs. A file with a top-level {@code workload} key is in the seed's format (read as is, with the seed
 * loader's defaults — except that the fabric and storage bandwidths, which the seed defaults to 0 and then divides
 * by, are required and must be positive); a file with a top-level {@code model} key is in LSDT's catalog form, where
 * a plain number is read in the field's display unit (deadline in days, checkpoint period in hours, others SI). Every error names the
 * field, the value and what was expected; unknown keys are refused with the closest known key.
 *
 * <p>Catalog form (every quantity may carry units as text; defaults are assumptions and marked as such):
 * <pre>
 * name: Llama 3.1 405B pre-training
 * model: llama3.1-405b            # catalog model id
 * tokens: 15.6e12 token
 * deadline: 54 d
 * device: h100-sxm                # catalog device id
 * precision: bf16                 # selects the dense peak (default bf16)
 * sustained_fraction: 0.40        # sustained share of dense peak (or device_sustained: 400 TFLOP/s)
 * devices: 16384                  # optional: G, used by the design layer
 * state_bytes: {weights: 2 B/param, gradients: 2 B/param, optimizer: 12 B/param}
 * step: {tokens_per_step: 16e6 token, activation_recompute: selective}
 * fabric: {id: roce-400g, nics_per_node: 8, efficiency: 0.8}
 * io: {bytes_per_token: 4 B/token, headroom: 1.3}
 * checkpoint: {period: 1 h, bytes_per_param: 14 B/param, max_write_time: 300 s, storage_bandwidth: 2 TB/s}
 * </pre>
 */
public final class BriefLoader {
    private static final String F = "fundamentals.";

    private BriefLoader() {}

    /**
     * Loads a brief file against the shipped catalog.
     *
     * @param file a brief file
     * @return the normalised brief
     * @throws LsdtException a user error naming the file and the field
     */
    public static Brief load(Path file) {
        return load(file, Catalog.builtIn());
    }

    /**
     * Loads a brief file against a given catalog.
     *
     * @param file a brief file
     * @param catalog the catalog to resolve ids against
     * @return the normalised brief
     * @throws LsdtException a user error naming the file and the field
     */
    public static Brief load(Path file, Catalog catalog) {
        return load(YamlNode.load(file), file.toString(), catalog);
    }

    /**
     * Loads a brief already parsed, resolving its catalog ids and units into graph inputs.
     *
     * @param root a brief's parsed YAML (e.g. {@link YamlNode#parse(String, String)})
     * @param name where it came from, for messages (a file name, or e.g. {@code "request"})
     * @param catalog the catalog to resolve ids against
     * @return the normalised brief
     * @throws LsdtException a user error naming the source and the field
     */
    public static Brief load(YamlNode root, String name, Catalog catalog) {
        try {
            kind(root, name);
            if (root.has("workload")) {
                return seed(root, name);
            }
            if (root.has("model")) {
                return catalogForm(root, name, catalog);
            }
        } catch (LsdtException e) {
            throw e.inContext(name);
        }
        throw LsdtException.of(Problem.MALFORMED_FILE, name, "LSDT brief",
                "expected a top-level 'workload' section (seed format) or a 'model' key (catalog form); found "
                        + root.keys());
    }

    /**
     * A brief may say what it is ({@code kind: training}, the default, or {@code kind: inference}); the loader reads
     * training briefs, and sends an inference brief to the command that scores it.
     *
     * @param root a brief's root
     * @return the kind, {@code training} or {@code inference}
     * @throws LsdtException {@link Problem#INVALID_VALUE} for another kind
     */
    public static String kindOf(YamlNode root) {
        String kind = root.optionalText("kind");
        if (kind == null || kind.equals("training") || kind.equals("inference")) {
            return kind == null ? "training" : kind;
        }
        throw LsdtException.of(Problem.INVALID_VALUE, "kind", kind, "training or inference");
    }

    private static void kind(YamlNode root, String name) {
        if (kindOf(root).equals("inference")) {
            throw LsdtException.of(Problem.WRONG_COMMAND, "an inference brief (kind: inference), which this command "
                    + "does not read", "`lsdt evaluate " + name + "` to score it");
        }
    }

    // ------------------------------------------------------------------ seed format

    /**
     * The seed's format as its own loader reads it: the keys it needs must be there, keys it does not read are
     * ignored with a warning (the seed's loader ignores them silently). When a needed key is missing, every problem
     * is reported at once, each missing key beside the keys of its section the seed does not read (an outdated name,
     * a misspelling).
     */
    private static Brief seed(YamlNode root, String file) {
        SeedReader r = new SeedReader();
        r.expect(root, "workload", "state_bytes", "io", "device", "step", "capabilities", "design", "power_thermals",
                "name");
        Inputs in = new Inputs();
        YamlNode w = r.section(root, "workload", true);
        if (w != null) {
            r.expect(w, "P", "Tok", "T", "c");
            r.read(w, "P", () -> {
                Quantity p = w.quantity("P", "param", Range.POSITIVE);
                in.put("P", p, "workload.P");
                in.put("P_active", p, "workload.P (dense: the parameters that do arithmetic are P)");
            });
            r.read(w, "Tok", () -> in.put("Tok", w.quantity("Tok", "token", Range.POSITIVE), "workload.Tok"));
            r.read(w, "T", () -> in.put("T", w.quantity("T", "s", Range.POSITIVE), "workload.T"));
            r.read(w, "c", () -> in.putOr("c", w, "c", "FLOP/(param·token)", Range.POSITIVE, 6.0, "workload.c"));
        }

        YamlNode sb = r.section(root, "state_bytes", false);
        if (sb != null) {
            r.expect(sb, "b_w", "b_g", "b_opt");
            r.read(sb, "b_w", () -> in.putOr("b_w", sb, "b_w", "B/param", Range.POSITIVE, 2.0, "state_bytes.b_w"));
            r.read(sb, "b_g", () -> in.putOr("b_g", sb, "b_g", "B/param", Range.POSITIVE, 2.0, "state_bytes.b_g"));
            r.read(sb, "b_opt", () -> in.putOr("b_opt", sb, "b_opt", "B/param", Range.NON_NEGATIVE, 8.0,
                    "state_bytes.b_opt"));
        }

        YamlNode io = r.section(root, "io", false);
        if (io != null) {
            r.expect(io, "b_tok", "A_io", "b_ckpt", "t_ckpt_max");
            r.read(io, "b_tok", () -> in.putOr("b_tok", io, "b_tok", "B/token", Range.POSITIVE, 2.0, "io.b_tok"));
            r.read(io, "A_io", () -> in.putOr("A_io", io, "A_io", "1", Range.AT_LEAST_ONE, 1.3, "io.A_io"));
            r.read(io, "b_ckpt", () -> in.putOr("b_ckpt", io, "b_ckpt", "B/param", Range.POSITIVE, 2.0,
                    "io.b_ckpt"));
            r.read(io, "t_ckpt_max", () -> in.putOr("t_ckpt_max", io, "t_ckpt_max", "s", Range.POSITIVE, 300.0,
                    "io.t_ckpt_max"));
        }

        YamlNode d = r.section(root, "device", true);
        if (d != null) {
            r.expect(d, "F_dev_sust_flop_s", "B_dev_mem_bytes");
            r.read(d, "F_dev_sust_flop_s", () -> in.put("F_dev_sust_flop_s", d.quantity("F_dev_sust_flop_s",
                    "FLOP/s", Range.POSITIVE), "device.F_dev_sust_flop_s"));
            r.read(d, "B_dev_mem_bytes", () -> in.put("B_dev_mem_bytes", d.quantity("B_dev_mem_bytes", "B",
                    Range.POSITIVE), "device.B_dev_mem_bytes"));
        }

        YamlNode st = r.section(root, "step", true);
        if (st != null) {
            r.expect(st, "B_step_bytes", "Tok_per_step", "update");
            r.read(st, "B_step_bytes", () -> in.put("B_step_bytes", st.quantity("B_step_bytes", "B",
                    Range.NON_NEGATIVE), "step.B_step_bytes"));
            r.read(st, "Tok_per_step", () -> in.put("Tok_per_step", st.quantity("Tok_per_step", "token",
                    Range.POSITIVE), "step.Tok_per_step"));
            YamlNode up = r.section(st, "update", true);
            if (up != null) {
                r.expect(up, "b_update_per_param", "k_update");
                r.read(up, "b_update_per_param", () -> in.put("b_update_per_param", up.quantity(
                        "b_update_per_param", "B/param", Range.POSITIVE), "step.update.b_update_per_param"));
                r.read(up, "k_update", () -> in.putOr("k_update", up, "k_update", "1", Range.AT_LEAST_ONE, 1.0,
                        "step.update.k_update"));
            }
        }

        // the seed's loader defaults both bandwidths to 0 and then divides by them: LSDT needs them
        YamlNode cap = r.section(root, "capabilities", true);
        if (cap != null) {
            r.expect(cap, "fabric", "storage", "checkpoint_policy");
            YamlNode fab = r.section(cap, "fabric", true);
            if (fab != null) {
                r.expect(fab, "BW_node_sust_Bps");
                r.read(fab, "BW_node_sust_Bps", () -> in.put("BW_fabric_node_sust_Bps", fab.quantity(
                        "BW_node_sust_Bps", "B/s", Range.POSITIVE), "capabilities.fabric.BW_node_sust_Bps"));
            }
            YamlNode sto = r.section(cap, "storage", true);
            if (sto != null) {
                r.expect(sto, "BW_ckpt_sust_Bps");
                r.read(sto, "BW_ckpt_sust_Bps", () -> in.put("BW_ckpt_sust_Bps", sto.quantity("BW_ckpt_sust_Bps",
                        "B/s", Range.POSITIVE), "capabilities.storage.BW_ckpt_sust_Bps"));
            }
            YamlNode pol = r.section(cap, "checkpoint_policy", false);
            if (pol != null) {
                r.expect(pol, "seconds_per_ckpt");
                r.read(pol, "seconds_per_ckpt", () -> in.putOr("seconds_per_ckpt", pol, "seconds_per_ckpt", "s",
                        Range.POSITIVE, 3600.0, "capabilities.checkpoint_policy.seconds_per_ckpt"));
            }
        }

        SeedDesign[] design = {null};
        YamlNode ds = root.hasValue("design") ? r.section(root, "design", true) : null;
        if (ds != null) {
            r.read(ds, "", () -> design[0] = design(ds, r));
        }
        SeedPowerThermals[] power = {null};
        YamlNode pt = root.hasValue("power_thermals") ? r.section(root, "power_thermals", true) : null;
        if (pt != null) {
            r.read(pt, "", () -> power[0] = power(pt, r));
        }
        String[] name = {null};
        r.read(root, "name", () -> name[0] = root.optionalText("name"));
        r.finish();
        if (name[0] == null) {
            name[0] = Path.of(file).getFileName().toString();
        }
        SeedDesign sd = design[0];
        return new Brief(name[0], Brief.Form.SEED, file, in.list, Map.of(), null, null, null,
                sd == null ? null : sd.devices(), sd, power[0], null, sd == null ? null : sd.gpusPerNode(), null,
                Requirements.NONE, r.warnings());
    }

    /**
     * Reads the seed's format as its loader does: collects the keys it does not read and every problem, and reports
     * them all at once ({@link #finish}).
     */
    private static final class SeedReader {
        private final List<LsdtException> problems = new ArrayList<>();
        /** Keys the seed does not read, by the path of their section. */
        private final Map<String, List<String>> others = new LinkedHashMap<>();
        private final Set<String> mentioned = new java.util.HashSet<>();

        void expect(YamlNode n, String... keys) {
            others.put(n.path(), n.otherKeys(keys));
        }

        YamlNode section(YamlNode parent, String key, boolean required) {
            try {
                return required ? parent.section(key) : parent.optionalSection(key);
            } catch (LsdtException e) {
                problem(parent, key, e);
                return null;
            }
        }

        void read(YamlNode n, String key, Runnable read) {
            try {
                read.run();
            } catch (LsdtException e) {
                problem(n, key, e);
            }
        }

        private void problem(YamlNode n, String key, LsdtException e) {
            if (!e.isUserError()) {
                throw e;
            }
            LsdtException p = e;
            if (e.problem() == Problem.MISSING_FIELD) {
                // an outdated or misspelt name of the missing key sits beside it: name it with the missing key
                for (String other : others.getOrDefault(n.path(), List.of())) {
                    String k = other.substring(n.path().isEmpty() ? 0 : n.path().length() + 1);
                    if (!io.lsdt.graph.error.Suggestions.closest(k, List.of(key), 1).isEmpty()) {
                        p = p.withHint("you meant '" + key + "': '" + other + "' beside it is not a key of the seed's "
                                + "format");
                        mentioned.add(other);
                    }
                }
            }
            problems.add(p);
        }

        /** Throws every problem at once, naming the keys the seed does not read as well. */
        void finish() {
            if (problems.isEmpty()) {
                return;
            }
            List<String> ignored = unread();
            if (problems.size() == 1 && ignored.isEmpty()) {
                throw problems.get(0);
            }
            StringBuilder sb = new StringBuilder();
            for (LsdtException p : problems) {
                sb.append("\n  ").append(p.getMessage().replace("\n", "\n    "));
            }
            if (!ignored.isEmpty()) {
                sb.append("\n  also ignored, not keys LSDT reads in the seed's format: ")
                        .append(String.join(", ", ignored));
            }
            throw LsdtException.of(Problem.SEVERAL, problems.size() == 1 ? "1 problem" : problems.size() + " problems",
                    sb.toString());
        }

        private List<String> unread() {
            List<String> out = new ArrayList<>();
            others.values().forEach(l -> l.stream().filter(k -> !mentioned.contains(k)).forEach(out::add));
            return out;
        }

        /** @return a warning for each key the seed's format does not read */
        List<String> warnings() {
            List<String> out = new ArrayList<>();
            for (String k : unread()) {
                out.add(k + " is ignored: not a key LSDT reads in the seed's format");
            }
            return out;
        }
    }

    private static SeedDesign design(YamlNode d, SeedReader r) {
        r.expect(d, "G", "gpus_per_node", "eta_compute", "eta_fabric", "tp_max", "pp_max", "g_max_multiplier",
                "comm_model", "comm_exposed_fraction", "zero_stage");
        String comm = d.optionalText("comm_model");
        if (comm != null && !comm.equals("ring_allreduce_dp_only")) {
            throw LsdtException.of(Problem.INVALID_VALUE, d.path() + ".comm_model", comm, "ring_allreduce_dp_only");
        }
        Long zero = d.optionalWhole("zero_stage", 0);
        if (zero != null && zero > 3) {
            throw LsdtException.of(Problem.INVALID_VALUE, d.path() + ".zero_stage", zero, "0, 1, 2 or 3");
        }
        Long g = d.optionalWhole("G", 1);
        if (g != null) {
            SizeLimits.devices(d.path() + ".G", g);
        }
        Long perNode = d.optionalWhole("gpus_per_node", 1);
        if (perNode != null) {
            SizeLimits.devices(d.path() + ".gpus_per_node", perNode);
        }
        return new SeedDesign(g, (int) or(perNode, 8),
                num(d, "eta_compute", "1", Range.FRACTION, 0.35), num(d, "eta_fabric", "1", Range.FRACTION, 0.80),
                (int) or(d.optionalWhole("tp_max", 1), 16), (int) or(d.optionalWhole("pp_max", 1), 16),
                (int) or(d.optionalWhole("g_max_multiplier", 1), 8), comm == null ? "ring_allreduce_dp_only" : comm,
                num(d, "comm_exposed_fraction", "1", Range.UNIT_INTERVAL, 1.0), zero == null ? 0 : zero.intValue());
    }

    private static SeedPowerThermals power(YamlNode pt, SeedReader sr) {
        sr.expect(pt, "power", "cooling", "rack");
        YamlNode p = pt.optionalSection("power");
        sr.expect(p, "P_gpu_W", "P_cpu_W_per_node", "P_other_W_per_node", "PUE");
        YamlNode c = pt.optionalSection("cooling");
        sr.expect(c, "mode", "deltaT_air_C", "deltaT_liquid_C");
        YamlNode r = pt.optionalSection("rack");
        sr.expect(r, "nodes_per_rack", "rack_power_limit_W", "racks");
        String mode = c.optionalText("mode");
        if (mode != null && !Set.of("air", "liquid").contains(mode)) {
            throw LsdtException.of(Problem.INVALID_VALUE, c.path() + ".mode", mode, "air or liquid");
        }
        Quantity limit = r.optionalQuantity("rack_power_limit_W", "W", Range.POSITIVE);
        return new SeedPowerThermals(num(p, "P_gpu_W", "W", Range.POSITIVE, 700),
                num(p, "P_cpu_W_per_node", "W", Range.NON_NEGATIVE, 250),
                num(p, "P_other_W_per_node", "W", Range.NON_NEGATIVE, 300), num(p, "PUE", "1", Range.AT_LEAST_ONE, 1.3),
                mode == null ? "air" : mode, num(c, "deltaT_air_C", "K", Range.POSITIVE, 15),
                num(c, "deltaT_liquid_C", "K", Range.POSITIVE, 7), r.optionalWhole("nodes_per_rack", 1),
                limit == null ? null : limit.si(), r.optionalWhole("racks", 1));
    }

    private static long or(Long v, long fallback) {
        return v == null ? fallback : v;
    }

    private static double num(YamlNode n, String key, String unit, Range range, double fallback) {
        Quantity q = n.optionalQuantity(key, unit, range);
        return q == null ? fallback : q.si();
    }

    // ------------------------------------------------------------------ catalog form

    private static Brief catalogForm(YamlNode root, String file, Catalog catalog) {
        root.expect("name", "model", "tokens", "deadline", "flop_per_param_token", "device", "precision",
                "sustained_fraction", "device_sustained", "device_memory", "devices", "gpus_per_node", "state_bytes",
                "step", "fabric", "io", "checkpoint", "macro", "requirements", "kind", "framework", "sensitivity",
                "floor");
        // requirements are read below (Requirements); macro by MacroSettings, floor by io.lsdt.physics.floor.Floor,
        // with the brief in the API; sensitivity (the inputs' ranges) by lsdt sensitivity (Sensitivity.Ranges.ofBrief);
        // both are checked with the graph by PlanRequest.brief, which every command reads a brief through
        Inputs in = new Inputs();
        Map<String, String> variants = new LinkedHashMap<>();
        Model model = catalog.model(root.text("model"));
        Device device = catalog.device(root.text("device"));

        Reference modelRef = model.source().reference();
        for (Map.Entry<String, Double> a : model.architecture().assignments().entrySet()) {
            in.putCatalog(a.getKey(), new Quantity(a.getValue(), Units.parse("1")),
                    "catalog model " + model.id() + " (" + a.getKey().substring(5) + ")", modelRef);
        }
        variants.putAll(model.architecture().variants());

        in.put("Tok", root.quantity("tokens", "token", Range.POSITIVE), "tokens");
        in.put("T", root.quantity("deadline", "d", Range.POSITIVE), "deadline");
        Quantity c = root.optionalQuantity("flop_per_param_token", "FLOP/(param·token)", Range.POSITIVE);
        if (c == null) {
            in.putDefault("c", new Quantity(6, Units.parse("FLOP/(param·token)")),
                    "default: 6 FLOP per parameter per token (Kaplan et al. 2020 §2.1)", References.KAPLAN_2020);
        } else {
            in.put("c", c, "flop_per_param_token");
        }

        // device
        String precisionText = root.optionalText("precision");
        Precision precision = precisionText == null ? Precision.BF16 : Precision.parse("precision", precisionText);
        Quantity sustained = root.optionalQuantity("device_sustained", "FLOP/s", Range.POSITIVE);
        if (sustained != null) {
            if (root.hasValue("sustained_fraction")) {
                throw LsdtException.of(Problem.INVALID_VALUE, "sustained_fraction", "given together with device_sustained",
                        "one of the two");
            }
            in.put("F_dev_sust_flop_s", sustained, "device_sustained");
        } else {
            Sourced peak = device.peakDense().get(precision);
            if (peak == null) {
                throw LsdtException.of(Problem.INVALID_VALUE, "precision", precision.key(),
                        "a precision with a published peak for " + device.id() + ": "
                                + device.peakDense().keySet().stream().map(Precision::key).toList())
                        .withHint("give device_sustained: <rate> FLOP/s instead");
            }
            in.putCatalog("fundamentals.F_dev_peak_flop_s", peak.quantity(), "catalog device " + device.id() + " "
                    + precision.key() + " dense peak", peak.source().reference());
            Quantity frac = root.optionalQuantity("sustained_fraction", "1", Range.FRACTION);
            if (frac == null) {
                throw LsdtException.of(Problem.MISSING_FIELD, "sustained_fraction",
                        "the sustained share of dense peak, e.g. 0.40 (or device_sustained: 400 TFLOP/s)");
            }
            in.put("eta_dev_sust", frac, "sustained_fraction (assumption)");
        }
        Quantity memory = root.optionalQuantity("device_memory", "B", Range.POSITIVE);
        if (memory != null) {
            in.put("B_dev_mem_bytes", memory, "device_memory");
        } else if (device.usableMemory() != null) {
            in.putCatalog("fundamentals.B_dev_mem_bytes", device.usableMemory().quantity(),
                    "catalog device " + device.id() + (device.visibleMemory() != null ? " visible memory"
                            : " memory capacity"), device.usableMemory().source().reference());
        } else {
            throw LsdtException.of(Problem.MISSING_FIELD, "device_memory",
                    "a memory capacity: the catalog has none for " + device.id());
        }

        // state bytes: mixed-precision Adam (ZeRO §3.1) unless stated
        YamlNode sb = root.optionalSection("state_bytes").expect("weights", "gradients", "optimizer");
        Quantity bw = in.putOrDefault("b_w", sb, "weights", "B/param", Range.POSITIVE, 2, "state_bytes.weights",
                "default: 2 B/param, 16-bit weights (ZeRO §3.1)", References.ZERO_2020);
        Quantity bg = in.putOrDefault("b_g", sb, "gradients", "B/param", Range.POSITIVE, 4, "state_bytes.gradients",
                "default: 4 B/param, fp32 main gradients accumulated and all-reduced in fp32 (Megatron-LM, bf16)",
                References.MEGATRON_FP32_GRADS);
        Quantity bo = in.putOrDefault("b_opt", sb, "optimizer", "B/param", Range.NON_NEGATIVE, 12,
                "state_bytes.optimizer", "default: 12 B/param, fp32 master weights + Adam m and v (ZeRO §3.1)",
                References.ZERO_2020);

        // step
        YamlNode st = root.section("step").expect("tokens_per_step", "global_batch_sequences", "activation_recompute",
                "tokens_in_flight", "working_set", "update_bytes_per_param", "update_margin");
        Quantity tps = st.optionalQuantity("tokens_per_step", "token", Range.POSITIVE);
        Long seqs = st.optionalWhole("global_batch_sequences", 1);
        if (seqs != null) {
            SizeLimits.globalBatch("step.global_batch_sequences", seqs);
        }
        if ((tps == null) == (seqs == null)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "step", tps == null ? "neither" : "both",
                    "exactly one of step.tokens_per_step and step.global_batch_sequences");
        }
        if (tps == null) {
            tps = new Quantity((double) seqs * model.architecture().seqLen(), Units.parse("token"));
            in.put("Tok_per_step", tps, "step.global_batch_sequences × model seq_len " + model.architecture().seqLen());
        } else {
            in.put("Tok_per_step", tps, "step.tokens_per_step");
        }
        Quantity flight = st.optionalQuantity("tokens_in_flight", "token", Range.POSITIVE);
        if (flight != null) {
            in.put("Tok_in_flight", flight, "step.tokens_in_flight");
        }
        Quantity ws = st.optionalQuantity("working_set", "B", Range.NON_NEGATIVE);
        if (ws != null) {
            in.put("B_step_bytes", ws, "step.working_set");
        } else {
            String recompute = st.optionalText("activation_recompute");
            recompute = recompute == null ? "selective" : recompute;
            if (!Set.of("none", "selective", "full").contains(recompute)) {
                throw LsdtException.of(Problem.INVALID_VALUE, "step.activation_recompute", recompute,
                        "none, selective or full");
            }
            variants.put(F + "B_step_bytes", recompute);
        }
        Quantity upd = st.optionalQuantity("update_bytes_per_param", "B/param", Range.POSITIVE);
        in.putOrDefaultQuantity("b_update_per_param", upd, bg, "step.update_bytes_per_param",
                "default: the gradient bytes per parameter");
        in.putOrDefault("k_update", st, "update_margin", "1", Range.AT_LEAST_ONE, 1, "step.update_margin",
                "default: 1 (no margin)", References.SEED_FUNDAMENTALS);

        // fabric
        YamlNode fb = root.section("fabric").expect("id", "nics_per_node", "nic_bandwidth", "efficiency",
                "node_bandwidth");
        Quantity node = fb.optionalQuantity("node_bandwidth", "B/s", Range.POSITIVE);
        String fabricId = fb.optionalText("id");
        if (node != null) {
            in.put("BW_fabric_node_sust_Bps", node, "fabric.node_bandwidth");
        } else {
            Fabric fabric = null;
            if (fabricId != null) {
                fabric = catalog.fabric(fabricId);
            } else if (device.scaleOut() != null && device.scaleOut().fabric() != null) {
                fabric = catalog.fabric(device.scaleOut().fabric());
                fabricId = fabric.id();
            }
            Quantity nic = fb.optionalQuantity("nic_bandwidth", "Gb/s", Range.POSITIVE);
            if (nic != null) {
                in.put("BW_nic_Bps", nic, "fabric.nic_bandwidth");
            } else if (fabric != null && fabric.bandwidthPerDirection() != null) {
                in.putCatalog(F + "BW_nic_Bps", fabric.bandwidthPerDirection().quantity(), "catalog fabric "
                        + fabric.id() + " bandwidth per direction", fabric.bandwidthPerDirection().source().reference());
            } else {
                throw LsdtException.of(Problem.MISSING_FIELD, "fabric", "fabric.id, fabric.nic_bandwidth or "
                        + "fabric.node_bandwidth");
            }
            in.put("n_nics_per_node", fb.quantity("nics_per_node", "1", Range.POSITIVE), "fabric.nics_per_node");
            in.put("eta_fabric", fb.quantity("efficiency", "1", Range.FRACTION), "fabric.efficiency (assumption)");
        }

        // io
        YamlNode io = root.optionalSection("io").expect("bytes_per_token", "headroom");
        in.putOrDefault("b_tok", io, "bytes_per_token", "B/token", Range.POSITIVE, 4, "io.bytes_per_token",
                "default: 4 B/token (32-bit token ids)", References.definition("assumption"));
        in.putOrDefault("A_io", io, "headroom", "1", Range.AT_LEAST_ONE, 1.3, "io.headroom",
                "default: 1.3 (seed default)", References.SEED_FUNDAMENTALS);

        // checkpoint
        YamlNode ck = root.section("checkpoint").expect("period", "bytes_per_param", "max_write_time",
                "storage_bandwidth");
        in.put("seconds_per_ckpt", ck.quantity("period", "h", Range.POSITIVE), "checkpoint.period");
        Quantity bck = ck.optionalQuantity("bytes_per_param", "B/param", Range.POSITIVE);
        in.putOrDefaultQuantity("b_ckpt", bck, new Quantity(bw.to(Units.parse("B/param")).value()
                        + bo.to(Units.parse("B/param")).value(), Units.parse("B/param")), "checkpoint.bytes_per_param",
                "default: weights + optimizer state bytes per parameter (a resumable checkpoint)");
        in.putOrDefault("t_ckpt_max", ck, "max_write_time", "s", Range.POSITIVE, 300, "checkpoint.max_write_time",
                "default: 300 s (seed default)", References.SEED_FUNDAMENTALS);
        in.put("BW_ckpt_sust_Bps", ck.quantity("storage_bandwidth", "B/s", Range.POSITIVE),
                "checkpoint.storage_bandwidth");

        Long devices = root.optionalWhole("devices", 1);
        if (devices != null) {
            SizeLimits.devices("devices", devices);
        }
        Long gpusPerNode = root.optionalWhole("gpus_per_node", 1);
        if (gpusPerNode != null) {
            SizeLimits.devices("gpus_per_node", gpusPerNode);
        }
        String name = root.optionalText("name");
        String framework = root.optionalText("framework");
        if (framework != null && framework.strip().equalsIgnoreCase(Brief.ANY_FRAMEWORK)) {
            framework = Brief.ANY_FRAMEWORK;
            if (devices == null) {
                throw LsdtException.of(Problem.INVALID_VALUE, "framework", "any", "a framework profile id when the "
                        + "brief gives no devices").withHint("give devices, or name one framework (lsdt catalog list "
                        + "frameworks): 'framework: any' compares the frameworks' best designs on the brief's device "
                        + "count");
            }
        } else if (framework != null) {
            try {
                framework = catalog.framework(framework).id();
            } catch (LsdtException e) {
                throw e.inContext("framework");
            }
        }
        return new Brief(name == null ? model.name() : name, Brief.Form.CATALOG, file, in.list, variants, model.id(),
                device.id(), fabricId, devices, null, null, precision.key(),
                gpusPerNode == null ? null : gpusPerNode.intValue(), framework, Requirements.of(root), List.of());
    }

    /** Collects inputs in order. */
    private static final class Inputs {
        final List<BriefInput> list = new ArrayList<>();

        void put(String shortName, Quantity q, String origin) {
            add(new BriefInput(F + shortName, q, origin, null, origin.contains("assumption")));
        }

        void putCatalog(String variable, Quantity q, String origin, Reference source) {
            add(new BriefInput(variable, q, origin, source, source.kind() == Reference.Kind.ESTIMATE));
        }

        void putDefault(String shortName, Quantity q, String origin, Reference source) {
            add(new BriefInput(F + shortName, q, origin, source, true));
        }

        void putOr(String shortName, YamlNode n, String key, String unit, Range range, double fallback,
                String path) {
            Quantity q = n.optionalQuantity(key, unit, range);
            if (q == null) {
                add(new BriefInput(F + shortName, new Quantity(fallback, Units.parse(unit)),
                        "default of the seed loader for " + path, References.SEED_FUNDAMENTALS, true));
            } else {
                put(shortName, q, path);
            }
        }

        Quantity putOrDefault(String shortName, YamlNode n, String key, String unit, Range range, double fallback,
                String path, String defaultOrigin, Reference defaultSource) {
            Quantity q = n.optionalQuantity(key, unit, range);
            if (q == null) {
                q = new Quantity(fallback, Units.parse(unit));
                putDefault(shortName, q, defaultOrigin, defaultSource);
            } else {
                put(shortName, q, path);
            }
            return q;
        }

        void putOrDefaultQuantity(String shortName, Quantity given, Quantity fallback, String path,
                String defaultOrigin) {
            if (given != null) {
                put(shortName, given, path);
            } else {
                putDefault(shortName, fallback, defaultOrigin, References.definition(defaultOrigin));
            }
        }

        private void add(BriefInput in) {
            list.removeIf(x -> x.variable().equals(in.variable()));
            list.add(in);
        }
    }
}
