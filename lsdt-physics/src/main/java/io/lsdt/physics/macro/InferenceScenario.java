package io.lsdt.physics.macro;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Assignments;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.catalog.Precision;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.macro.Scorecard.Status;
import io.lsdt.physics.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An inference brief ({@code kind: inference}) and its scorecard: a fixed network on one small device (edge roofline,
 * Williams et al. 2009) or a catalog language model served with continuous batching (weights + KV cache, prefill,
 * memory-bound decode; Kwon et al. 2023), with queueing as M/M/c (Erlang C; MLSys·im's serving model). The format is
 * in {@code docs/briefs.md#inference}.
 */
public final class InferenceScenario {
    private InferenceScenario() {}

    private static final Set<String> TOP = Set.of("kind", "name", "device", "precision", "device_figures", "efficiency",
            "workload", "model", "serving", "requirements");
    private static final Set<String> REQUIREMENTS = Set.of("max_latency", "max_ttft", "max_tpot", "max_power",
            "max_cost_per_million_tokens", "min_tokens_per_second", "max_energy_per_inference");

    /**
     * Evaluates an inference brief: the serving scorecard of a model on a device.
     *
     * @param reg the graph
     * @param root the brief's root node ({@code kind: inference})
     * @param file the brief's path, for messages
     * @return the scorecard
     * @throws LsdtException naming the field, value and what was expected; {@link Problem#INVALID_VALUE} for a serving
     *     batch whose KV cache cannot fit beside the weights (with the largest batch that fits)
     */
    public static Scorecard evaluate(Registry reg, YamlNode root, String file) {
        root.finish(TOP);
        Catalog cat = Catalog.builtIn();
        Device d = cat.device(root.text("device"));
        Precision p = Precision.parse("precision", root.text("precision"));
        YamlNode figures = root.optionalSection("device_figures");
        figures.finish(Set.of("peak", "memory_capacity", "memory_bandwidth", "power"));
        In in = new In(reg);
        // the device: catalog figures unless the brief gives them
        Sourced peak = d.peakDense().get(p);
        in.figure(figures, "peak", "serve.peak_flops", "FLOP/s", peak, d, p.key() + " dense peak");
        in.figure(figures, "memory_bandwidth", "serve.mem_bw", "B/s", d.memoryBandwidth(), d, "memory bandwidth");
        in.figure(figures, "power", "gpu.power.total", "W", d.tdp(), d, "TDP (taken as the power drawn)");
        double capacity = in.figure(figures, "memory_capacity", null, "B", d.memoryCapacity(), d, "memory");
        in.value(root, "efficiency", "serve.efficiency", "1", Range.FRACTION);
        YamlNode req = root.optionalSection("requirements");
        req.finish(REQUIREMENTS);
        Scorecard.Builder sc = new Scorecard.Builder();
        String name = root.optionalText("name");
        boolean llm = root.hasValue("model");
        if (llm == root.hasValue("workload")) {
            throw LsdtException.of(Problem.INVALID_VALUE, "model / workload", llm ? "both" : "neither",
                    "exactly one: a catalog language model to serve, or a fixed workload (flops, bytes)")
                    .inContext(file);
        }
        Resolution r;
        if (!llm) {
            YamlNode w = root.section("workload");
            w.finish(Set.of("name", "flops", "bytes", "rate"));
            in.value(w, "flops", "serve.request.flops", "FLOP", Range.POSITIVE);
            double bytes = in.value(w, "bytes", "serve.request.bytes", "B", Range.POSITIVE);
            in.value(w, "rate", "tail.queue.arrival_rate", "1/s", Range.NON_NEGATIVE);
            in.fixed("tail.queue.servers", 1, "1", "one inference at a time on the device");
            List<String> targets = List.of("serve.request.latency", "serve.request.energy", "tail.queue.utilization",
                    "tail.queue.p99_latency");
            Resolution first = in.resolve(Map.of(), List.of("serve.request.latency"));
            in.fixed("tail.queue.service_time", first.value("serve.request.latency"), "s",
                    "serve.request.latency: one inference");
            r = in.resolve(Map.of(), targets);
            sc.from(r);
            sc.add("feasibility", "model fits in memory", bytes <= capacity ? Status.PASS : Status.FAIL,
                    fmt(bytes, "B"), "≤ " + fmt(capacity, "B") + " of memory", "serve.request.bytes");
            stable(sc, r);
            latency(sc, req, r, "serve.request.latency", "tail.queue.p99_latency");
            power(sc, req, in);
            Quantity maxE = req.optionalQuantity("max_energy_per_inference", "J", Range.POSITIVE);
            double e = r.value("serve.request.energy");
            sc.add("macro", "energy per inference", maxE == null ? Status.WARN : e <= maxE.si() ? Status.PASS
                    : Status.FAIL, fmt(e, "J"), maxE == null ? "no requirement stated" : "≤ " + maxE,
                    "serve.request.energy");
        } else {
            Model m = cat.model(root.text("model"));
            m.architecture().assignments().forEach((k, v) -> in.a.setSi(k, v));
            in.inputs.add(new BriefInput("arch.*", new Quantity(m.architecture().layers(), Units.parse("1")),
                    "catalog model " + m.id() + " (shape)", m.source().reference(), false));
            Map<String, String> variants = new LinkedHashMap<>(m.architecture().variants());
            variants.put("serve.params", "model");
            variants.put("serve.params_active", "model");
            YamlNode s = root.section("serving");
            s.finish(Set.of("devices", "bytes_per_param", "kv_bytes", "batch", "prompt_tokens", "output_tokens",
                    "arrival_rate", "runtime_reserve", "price_gpu_hour"));
            double devices = in.value(s, "devices", "serve.n_gpus", "device", Range.POSITIVE);
            in.value(s, "bytes_per_param", "serve.bytes_per_param", "B/param", Range.POSITIVE);
            in.value(s, "kv_bytes", "serve.kv_bytes", "B", Range.POSITIVE);
            double batch = in.value(s, "batch", "serve.batch", "1", Range.AT_LEAST_ONE);
            double prompt = in.value(s, "prompt_tokens", "serve.prompt_tokens", "token", Range.POSITIVE);
            Quantity out = s.quantity("output_tokens", "token", Range.POSITIVE);
            in.fixed("serve.seq_len", prompt + out.si(), "token", "serving.prompt_tokens + serving.output_tokens");
            double res = s.hasValue("runtime_reserve") ? in.value(s, "runtime_reserve", null, "B",
                    Range.NON_NEGATIVE) : 0;
            in.fixed("serve.memory_capacity", devices * capacity - res, "B", "devices × memory − "
                    + "serving.runtime_reserve");
            in.value(s, "price_gpu_hour", "serve.price_gpu_hour", "USD/h", Range.NON_NEGATIVE);
            in.value(s, "arrival_rate", "tail.queue.arrival_rate", "1/s", Range.NON_NEGATIVE);
            Resolution first = in.resolve(variants, List.of("serve.ttft", "serve.decode_step", "serve.max_batch",
                    "serve.memory"));
            if (first.value("serve.max_batch") < batch) {
                double max = first.value("serve.max_batch");
                throw LsdtException.of(Problem.INVALID_VALUE, "serving.batch", (long) batch,
                        "a batch whose KV cache fits beside the weights: the weights and " + (long) batch + " × "
                                + UnitFormat.number(prompt + out.si()) + " tokens of cache need "
                                + fmt(first.value("serve.memory"), "B") + " of "
                                + fmt(devices * capacity - res, "B"))
                        .withHint(max >= 1 ? "use batch ≤ " + (long) max + ", shorter sequences, more devices or "
                                + "fewer bytes per parameter" : "the weights alone do not fit: use more devices or "
                                + "fewer bytes per parameter").inContext(file);
            }
            double service = first.value("serve.ttft") + out.si() * first.value("serve.decode_step");
            in.fixed("tail.queue.service_time", service, "s", "serve.ttft + output tokens × serve.decode_step: one "
                    + "request's time in a batch slot");
            in.fixed("tail.queue.servers", batch, "1", "serving.batch: requests decoded together (slots)");
            r = in.resolve(variants, List.of("serve.ttft", "serve.decode_step", "serve.tokens_per_sec_per_gpu",
                    "serve.cost_per_token", "serve.max_batch", "serve.memory", "tail.queue.utilization",
                    "tail.queue.p99_latency"));
            sc.from(r);
            sc.add("feasibility", "weights + KV cache fit", Status.PASS, fmt(r.value("serve.memory"), "B"),
                    "≤ " + fmt(devices * capacity - res, "B") + " (largest batch " + (long) r.value("serve.max_batch")
                            + ")", "serve.memory");
            stable(sc, r);
            Quantity ttft = req.optionalQuantity("max_ttft", "s", Range.POSITIVE);
            double t = r.value("serve.ttft");
            sc.add("performance", "time to first token", ttft == null ? Status.WARN : t <= ttft.si() ? Status.PASS
                    : Status.FAIL, fmt(t, "s"), ttft == null ? "no requirement stated" : "≤ " + ttft, "serve.ttft");
            Quantity tpot = req.optionalQuantity("max_tpot", "s", Range.POSITIVE);
            double dt = r.value("serve.decode_step");
            sc.add("performance", "time per output token", tpot == null ? Status.WARN : dt <= tpot.si()
                    ? Status.PASS : Status.FAIL, fmt(dt, "s"), tpot == null ? "no requirement stated" : "≤ " + tpot,
                    "serve.decode_step");
            latency(sc, req, r, null, "tail.queue.p99_latency");
            Quantity minTps = req.optionalQuantity("min_tokens_per_second", "token/s", Range.POSITIVE);
            double tps = r.value("serve.tokens_per_sec_per_gpu");
            sc.add("performance", "output tokens per second per device", minTps == null ? Status.WARN
                    : tps >= minTps.si() ? Status.PASS : Status.FAIL, fmt(tps, "token/s"), minTps == null
                    ? "no requirement stated" : "≥ " + minTps, "serve.tokens_per_sec_per_gpu");
            power(sc, req, in);
            Quantity maxCost = req.optionalQuantity("max_cost_per_million_tokens", "USD", Range.NON_NEGATIVE);
            double cpm = r.value("serve.cost_per_token") * 1e6;
            sc.add("macro", "cost per million output tokens", maxCost == null ? Status.WARN : cpm <= maxCost.si()
                    ? Status.PASS : Status.FAIL, String.format(Locale.ROOT, "%.4g USD", cpm), maxCost == null
                    ? "no requirement stated" : "≤ " + maxCost, "serve.cost_per_token");
        }
        return new Scorecard(name == null ? file : name, "inference", sc.checks(), List.copyOf(in.inputs));
    }

    private static void stable(Scorecard.Builder sc, Resolution r) {
        double u = r.value("tail.queue.utilization");
        sc.add("feasibility", "queue stable (arrivals below capacity)", u < 1 ? (u > 0.8 ? Status.WARN
                : Status.PASS) : Status.FAIL, String.format(Locale.ROOT, "utilisation %.1f %%", u * 100),
                "< 100 % (above 80 % queues grow long)", "tail.queue.utilization");
    }

    private static void latency(Scorecard.Builder sc, YamlNode req, Resolution r, String single, String p99) {
        Quantity max = req.optionalQuantity("max_latency", "s", Range.POSITIVE);
        if (single != null) {
            double l = r.value(single);
            sc.add("performance", "latency of one inference", max == null ? Status.WARN : l <= max.si()
                    ? Status.PASS : Status.FAIL, fmt(l, "s"), max == null ? "no requirement stated" : "≤ " + max,
                    single);
        }
        if (!r.has(p99)) {
            sc.add("performance", "P99 latency with queueing", Status.FAIL, "unbounded", "a stable queue", p99);
            return;
        }
        double l = r.value(p99);
        sc.add("performance", "P99 latency with queueing (Erlang C)", max == null ? Status.WARN : l <= max.si()
                ? Status.PASS : Status.FAIL, fmt(l, "s"), max == null ? "no requirement stated" : "≤ " + max, p99);
    }

    private static void power(Scorecard.Builder sc, YamlNode req, In in) {
        Quantity max = req.optionalQuantity("max_power", "W", Range.POSITIVE);
        double w = in.a.values().get("gpu.power.total");
        sc.add("macro", "device power", max == null ? Status.WARN : w <= max.si() ? Status.PASS : Status.FAIL,
                fmt(w, "W"), max == null ? "no requirement stated" : "≤ " + max, "gpu.power.total");
    }

    /**
     * Formats a value in base units in the given display unit, as the scorecard shows it.
     *
     * @param si the value in base units
     * @param unit the unit symbol to show it in, e.g. {@code GB}
     * @return the value with its unit, as {@link io.lsdt.graph.unit.UnitFormat#format} writes it
     */
    static String fmt(double si, String unit) {
        return UnitFormat.format(si, Units.parse(unit));
    }

    /** Assignments with their origins. */
    private static final class In {
        final Registry reg;
        final Assignments a;
        final List<BriefInput> inputs = new ArrayList<>();

        In(Registry reg) {
            this.reg = reg;
            this.a = new Assignments(reg);
        }

        /** A device figure: the brief's {@code device_figures.KEY} ({value, note}) or the catalog's. */
        double figure(YamlNode figures, String key, String variable, String unit, Sourced catalog, Device d,
                String what) {
            Quantity q;
            BriefInput bi;
            if (figures.hasValue(key)) {
                String note = null;
                if (figures.isMapping(key)) {
                    YamlNode n = figures.section(key);
                    n.finish(Set.of("value", "note"));
                    q = n.quantity("value", unit, Range.POSITIVE);
                    note = n.optionalText("note");
                } else {
                    q = figures.quantity(key, unit, Range.POSITIVE);
                }
                bi = new BriefInput(variable == null ? "device." + key : variable, q, "brief device_figures." + key
                        + (note == null ? "" : " (" + note + ")"), null, note == null || note.contains("assumption"));
            } else if (catalog != null) {
                q = catalog.quantity();
                Reference ref = catalog.source().reference();
                bi = new BriefInput(variable == null ? "device." + key : variable, q, "catalog device " + d.id()
                        + ": " + what, ref, catalog.source().isEstimate());
            } else {
                throw LsdtException.of(Problem.MISSING_FIELD, "device_figures." + key, "a value: the catalog has no "
                        + what + " for " + d.id()).withHint("add 'device_figures: {" + key + ": {value: …, note: "
                        + "\"source or assumption\"}}' to the brief");
            }
            if (variable != null) {
                a.setSi(variable, q.si()); // an int8 OP counts as one FLOP-equivalent operation
            }
            inputs.add(bi);
            return q.si();
        }

        /** A brief value: {@code KEY: quantity} or {@code KEY: {value, note}}; assigned to the variable if not null. */
        double value(YamlNode n, String key, String variable, String unit, Range range) {
            Quantity q;
            String note = null;
            if (n.isMapping(key)) {
                YamlNode v = n.section(key);
                v.finish(Set.of("value", "note"));
                q = v.quantity("value", unit, range);
                note = v.optionalText("note");
            } else {
                q = n.quantity(key, unit, range);
            }
            if (q.unit().symbol().equals("1") && !unit.equals("1")) {
                q = new Quantity(q.value(), Units.parse(unit));
            }
            if (variable != null) {
                a.set(variable, q);
            }
            inputs.add(new BriefInput(variable == null ? n.path() + "." + key : variable, q, n.path() + "." + key + (note == null ? "" : " (" + note + ")"),
                    null, note != null && note.contains("assumption")));
            return q.si();
        }

        void fixed(String variable, double si, String unit, String origin) {
            a.setSi(variable, si);
            inputs.add(new BriefInput(variable, Quantity.ofSi(si, Units.parse(unit)), origin, null, false));
        }

        Resolution resolve(Map<String, String> variants, List<String> targets) {
            return new Resolver(reg).resolve(a.values(), variants, targets);
        }
    }
}
