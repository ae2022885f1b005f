package io.lsdt.physics.design;

import io.lsdt.graph.compile.CompiledPlan;
import io.lsdt.graph.registry.Registry;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analytical step model: the {@code design} scope's equations compiled once (per attention variant) and
 * evaluated over {@code double} slots. The same equations explain any single value through the resolver.
 * Thread-safe; each call uses its own slot array.
 */
public final class AnalyticalStepModel implements StepModel {
    /** Design inputs, in slot order after the architecture inputs. */
    static final List<String> CONFIG_INPUTS = List.of("design.tp", "design.pp", "design.vpp", "design.dp",
            "design.cp", "design.ep", "design.mb", "design.gbs", "design.sp", "design.rc_full", "design.rc_sel",
            "design.z1", "design.z2", "design.z3", "design.gpipe", "design.interleaved", "design.overlap_dp",
            "design.overlap_tp", "design.flash", "design.b_w", "design.b_grad", "design.b_opt", "design.b_grad_comm", "design.peak",
            "design.peak_attn", "design.hbm_bw", "design.hbm_cap", "design.bw_up", "design.domain", "design.bw_out", "design.lat_up",
            "design.lat_out", "design.eff_gemm_max", "design.gemm_half", "design.k_mem", "design.tp_hidden",
            "design.reserve", "design.eff_attn", "design.eff_link_up", "design.eff_link_out");
    /** What a prediction reads back. */
    static final List<String> TARGETS = List.of("design.t_step", "design.m", "design.t_compute_mb",
            "design.t_recompute_mb", "design.t_mem_mb", "design.t_tp_exposed_mb", "design.t_cp_exposed_mb",
            "design.t_ep_mb", "design.t_pp_mb", "design.t_bubble", "design.t_dp_exposed", "design.t_optimizer",
            "design.mem_weights", "design.mem_grads", "design.mem_opt", "design.mem_act", "design.mem_total",
            "design.tokens_step", "design.flop_model_step", "design.flop_hw_step", "design.tok_mb",
            "design.t_fwd_layer_mb", "design.t_mem_layer_mb", "design.t_recompute_layer_mb", "design.t_logits_fwd_mb",
            "design.t_tp_ar", "design.params_layer_gpu", "design.t_optimizer_param", "design.act_tok_layer",
            "design.act_logits_bytes", "design.kv_tok");

    private final Registry registry;
    private final Calibration calibration;
    private final Map<Map<String, String>, Compiled> plans = new ConcurrentHashMap<>();

    /** A model with the shipped calibration. */
    public AnalyticalStepModel() {
        this(Calibration.DEFAULT);
    }

    /** @param calibration the constants to use */
    public AnalyticalStepModel(Calibration calibration) {
        this.registry = Physics.registry();
        this.calibration = calibration;
    }

    /** @return the calibration in use */
    public Calibration calibration() {
        return calibration;
    }

    /** A compiled plan and the slots of what it reads and writes. */
    record Compiled(CompiledPlan plan, List<String> archInputs, int[] archSlots, int[] configSlots,
            Map<String, Integer> out) {}

    Compiled compiled(Model.Architecture arch) {
        Map<String, String> variants = arch.variants();
        return plans.computeIfAbsent(variants, v -> {
            List<String> archInputs = new ArrayList<>(arch.assignments().keySet());
            List<String> inputs = new ArrayList<>(archInputs);
            inputs.addAll(CONFIG_INPUTS);
            CompiledPlan plan = CompiledPlan.compile(registry, inputs, TARGETS, v);
            int[] a = archInputs.stream().mapToInt(plan::slot).toArray();
            int[] c = CONFIG_INPUTS.stream().mapToInt(plan::slot).toArray();
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String t : TARGETS) {
                out.put(t, plan.slot(t));
            }
            return new Compiled(plan, archInputs, a, c, out);
        });
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
    void fill(Compiled c, double[] slots, Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        Map<String, Double> a = arch.assignments();
        for (int i = 0; i < c.archInputs().size(); i++) {
            slots[c.archSlots()[i]] = a.get(c.archInputs().get(i));
        }
        double[] v = configValues(hw, cfg);
        for (int i = 0; i < v.length; i++) {
            slots[c.configSlots()[i]] = v[i];
        }
    }

    double[] configValues(Hardware hw, ParallelConfig cfg) {
        boolean interleaved = cfg.schedule() == Schedule.INTERLEAVED_1F1B && cfg.vpp() > 1;
        return new double[] {cfg.tp(), cfg.pp(), interleaved ? cfg.vpp() : 1, cfg.dp(), cfg.cp(), cfg.ep(),
            cfg.microBatch(), cfg.globalBatch(), cfg.sequenceParallel() ? 1 : 0,
            cfg.recompute() == Recompute.FULL ? 1 : 0, cfg.recompute() == Recompute.SELECTIVE ? 1 : 0,
            cfg.zeroStage() >= 1 ? 1 : 0, cfg.zeroStage() >= 2 ? 1 : 0, cfg.zeroStage() >= 3 ? 1 : 0,
            cfg.schedule() == Schedule.GPIPE ? 1 : 0, interleaved ? 1 : 0, cfg.overlapDp() ? 1 : 0,
            cfg.overlapTp() ? 1 : 0, cfg.flashAttention() ? 1 : 0, 2, 4, 12, calibration.gradCommBytes(), hw.peakFlops(), hw.attentionPeakFlops(),
            hw.memoryBandwidth(), hw.memoryBytes(), hw.scaleUpBandwidth() > 0 ? hw.scaleUpBandwidth() : hw.scaleOutBandwidth(),
            hw.scaleUpDomain(), hw.scaleOutBandwidth() > 0 ? hw.scaleOutBandwidth() : hw.scaleUpBandwidth(),
            hw.scaleUpLatency(), hw.scaleOutLatency(), calibration.effGemmMax(cfg.numerics()), calibration.gemmHalf(),
            calibration.kMem(), calibration.tpHidden(), calibration.reserve(), calibration.effAttn(),
            calibration.effLinkUp(), calibration.effLinkOut()};
    }

    /** @return the slots of one evaluation of the compiled plan for a design */
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
        double[] v = configValues(hw, cfg);
        int bw = CONFIG_INPUTS.indexOf("design.b_w");
        return new LayerCosts(cfg, arch.layers(), arch.hidden(),
                s[o.get("design.tok_mb")], s[o.get("design.t_fwd_layer_mb")], s[o.get("design.t_mem_layer_mb")],
                s[o.get("design.t_recompute_layer_mb")], s[o.get("design.t_logits_fwd_mb")],
                s[o.get("design.t_tp_ar")], s[o.get("design.params_layer_gpu")],
                s[o.get("design.t_optimizer_param")], s[o.get("design.act_tok_layer")],
                s[o.get("design.act_logits_bytes")], s[o.get("design.kv_tok")], v[bw], v[bw + 1], v[bw + 2],
                v[bw + 3], s[o.get("design.flop_model_step")], hw, calibration);
    }

    @Override
    public Prediction predict(Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        Compiled c = compiled(arch);
        double[] s = evaluate(c, arch, hw, cfg);
        Map<String, Integer> o = c.out();
        double m = s[o.get("design.m")];
        StepLedger ledger = new StepLedger(m * s[o.get("design.t_compute_mb")], m * s[o.get("design.t_recompute_mb")],
                m * s[o.get("design.t_mem_mb")], m * s[o.get("design.t_tp_exposed_mb")],
                m * s[o.get("design.t_cp_exposed_mb")], m * s[o.get("design.t_ep_mb")], m * s[o.get("design.t_pp_mb")],
                s[o.get("design.t_dp_exposed")], s[o.get("design.t_bubble")], s[o.get("design.t_optimizer")]);
        MemoryBreakdown mem = new MemoryBreakdown(s[o.get("design.mem_weights")], s[o.get("design.mem_grads")],
                s[o.get("design.mem_opt")], s[o.get("design.mem_act")], calibration.reserve());
        return new Prediction(cfg, cfg.devices(), ledger, mem, hw.memoryBytes(), s[o.get("design.tokens_step")],
                s[o.get("design.flop_model_step")], s[o.get("design.flop_hw_step")], hw.peakFlops());
    }
}
