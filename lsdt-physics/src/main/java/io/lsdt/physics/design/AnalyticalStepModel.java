package io.lsdt.physics.design;

import io.lsdt.graph.compile.CompiledPlan;
import io.lsdt.graph.registry.Registry;
import io.lsdt.physics.catalog.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analytical step model: the {@code design} scope's equations compiled once (per architecture variant) and
 * evaluated over {@code double} slots. Its inputs are the {@link DesignInput} table and the architecture's
 * assignments; {@link #assignments} gives the same inputs to the tracing resolver, so any single value it predicts can
 * be explained equation by equation. Thread-safe; each call uses its own slot array.
 */
public final class AnalyticalStepModel implements StepModel {
    /** What a prediction reads back. */
    static final List<String> TARGETS = List.of("design.t_step", "design.m", "design.t_compute_mb",
            "design.t_recompute_mb", "design.t_mem_mb", "design.t_tp_exposed_mb", "design.t_cp_exposed_mb",
            "design.t_ep_mb", "design.t_pp_mb", "design.t_bubble", "design.t_dp_mb", "design.t_dp_exposed", "design.t_optimizer",
            "design.mem_weights", "design.mem_grads", "design.mem_opt", "design.mem_act", "design.mem_total", "design.mem_host",
            "design.tokens_step", "design.flop_model_step", "design.flop_hw_step", "design.tok_mb",
            "design.t_fwd_layer_mb", "design.t_mem_layer_mb", "design.t_recompute_layer_mb", "design.t_logits_fwd_mb",
            "design.t_tp_ar", "design.params_layer_gpu", "design.t_optimizer_param", "design.act_tok_layer",
            "design.act_logits_bytes", "design.kv_tok", "design.mfu", "design.t_compute", "design.t_recompute",
            "design.t_mem", "design.t_tp_exposed", "design.t_cp_exposed", "design.t_ep", "design.t_pp");

    private final Registry registry;
    private final Calibration calibration;
    private final Map<Map<String, String>, Compiled> plans = new ConcurrentHashMap<>();

    /**
     * A step model evaluating a graph's {@code design} scope with given constants.
     *
     * @param registry the graph whose {@code design} scope is compiled
     * @param calibration the constants to use
     */
    public AnalyticalStepModel(Registry registry, Calibration calibration) {
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
        this.calibration = java.util.Objects.requireNonNull(calibration, "calibration");
    }

    /**
     * The fitted constants (GEMM efficiencies, overheads) the predictions use.
     *
     * @return the calibration in use
     */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * The equation graph whose {@code design} scope the model compiles.
     *
     * @return the graph the model evaluates
     */
    public Registry registry() {
        return registry;
    }

    /**
     * The design scope compiled for one architecture variant, and the slots of what it reads and writes (what the
     * design search evaluates millions of times).
     *
     * @param plan the compiled plan
     * @param archInputs the architecture's inputs, in slot order
     * @param archSlots their slots
     * @param designSlots the slots of the {@link DesignInput} table, in table order
     * @param out the slots of the model's targets, by variable
     */
    public record Compiled(CompiledPlan plan, List<String> archInputs, int[] archSlots, int[] designSlots,
            Map<String, Integer> out) {}

    /**
     * The design scope compiled for one model shape, reused by every prediction on it.
     *
     * @param arch a model's shape
     * @return the design scope compiled for its variants (cached)
     */
    public Compiled compiled(Model.Architecture arch) {
        Map<String, String> variants = arch.variants();
        return plans.computeIfAbsent(variants, v -> {
            List<String> archInputs = new ArrayList<>(arch.assignments().keySet());
            List<String> inputs = new ArrayList<>(archInputs);
            inputs.addAll(DesignInput.variables());
            CompiledPlan plan = CompiledPlan.compile(registry, inputs, TARGETS, v);
            int[] a = archInputs.stream().mapToInt(plan::slot).toArray();
            int[] d = DesignInput.all().stream().mapToInt(i -> plan.slot(i.variable())).toArray();
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String t : TARGETS) {
                out.put(t, plan.slot(t));
            }
            return new Compiled(plan, archInputs, a, d, out);
        });
    }

    /**
     * The inputs of one design as graph assignments (SI), for the tracing resolver: the architecture's, then the
     * {@link DesignInput} table's. The compiled plan is filled from the same two sources.
     *
     * @param arch the model's shape
     * @param hw the hardware
     * @param cfg the design
     * @return the assignments, in table order
     */
    public Map<String, Double> assignments(Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        Map<String, Double> out = new LinkedHashMap<>(arch.assignments());
        for (DesignInput in : DesignInput.all()) {
            out.put(in.variable(), in.value(cfg, hw, calibration));
        }
        return out;
    }

    /**
     * Writes the inputs of one evaluation into a slot array.
     *
     * @param c the compiled plan
     * @param slots the slot array
     * @param arch the model's shape
     * @param hw the hardware
     * @param cfg the design
     */
    public void fill(Compiled c, double[] slots, Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        Map<String, Double> a = arch.assignments();
        for (int i = 0; i < c.archInputs().size(); i++) {
            slots[c.archSlots()[i]] = a.get(c.archInputs().get(i));
        }
        List<DesignInput> all = DesignInput.all();
        for (int i = 0; i < all.size(); i++) {
            slots[c.designSlots()[i]] = all.get(i).value(cfg, hw, calibration);
        }
    }

    /**
     * Evaluates the compiled plan on one design.
     *
     * @param c the design scope compiled for the architecture ({@link #compiled})
     * @param arch the model's shape
     * @param hw the hardware
     * @param cfg the design
     * @return the slots of one evaluation of the compiled plan for a design
     */
    double[] evaluate(Compiled c, Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        double[] s = c.plan().newSlots();
        fill(c, s, arch, hw, cfg);
        c.plan().evaluate(s);
        return s;
    }

    /**
     * The per-layer quantities of a design, for the event simulator's physical predictor.
     *
     * @param arch the model's shape
     * @param hw the hardware
     * @param cfg the design
     * @return the per-layer costs
     */
    public LayerCosts layerCosts(Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        Compiled c = compiled(arch);
        double[] s = evaluate(c, arch, hw, cfg);
        Map<String, Integer> o = c.out();
        StateBytes b = cfg.stateBytes();
        return new LayerCosts(cfg, arch.layers(), arch.hidden(),
                s[o.get("design.tok_mb")], s[o.get("design.t_fwd_layer_mb")], s[o.get("design.t_mem_layer_mb")],
                s[o.get("design.t_recompute_layer_mb")], s[o.get("design.t_logits_fwd_mb")],
                s[o.get("design.t_tp_ar")], s[o.get("design.params_layer_gpu")],
                s[o.get("design.t_optimizer_param")], s[o.get("design.act_tok_layer")],
                s[o.get("design.act_logits_bytes")], s[o.get("design.kv_tok")], b.weights(), b.gradients(),
                b.optimizer(), b.gradientComm(), s[o.get("design.flop_model_step")], hw, calibration);
    }

    @Override
    public Prediction predict(Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        Compiled c = compiled(arch);
        double[] s = evaluate(c, arch, hw, cfg);
        Map<String, Integer> o = c.out();
        StepLedger ledger = new StepLedger(s[o.get("design.t_compute")], s[o.get("design.t_recompute")],
                s[o.get("design.t_mem")], s[o.get("design.t_tp_exposed")], s[o.get("design.t_cp_exposed")],
                s[o.get("design.t_ep")], s[o.get("design.t_pp")], s[o.get("design.t_dp_exposed")],
                s[o.get("design.t_bubble")], s[o.get("design.t_optimizer")]);
        MemoryBreakdown mem = new MemoryBreakdown(s[o.get("design.mem_weights")], s[o.get("design.mem_grads")],
                s[o.get("design.mem_opt")], s[o.get("design.mem_act")], calibration.reserve());
        return new Prediction(cfg, cfg.devices(), ledger, mem, hw.memoryBytes(), s[o.get("design.tokens_step")],
                s[o.get("design.flop_model_step")], s[o.get("design.flop_hw_step")], hw.peakFlops(),
                s[o.get("design.mem_host")], hw.hostMemoryBytes());
    }
}
