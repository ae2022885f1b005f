package io.lsdt.physics.design;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;

/**
 * Test fixtures of the design layer: the catalog, a calibration whose constants are round numbers (so that hand
 * calculations stay short), configurations, and a probe that reads any intermediate variable of the compiled
 * {@code design} plan (e.g. {@code design.inflight}, {@code design.core_exec}) for one configuration.
 */
final class DesignProbe {
    private DesignProbe() {}

    /** 2^30 B. */
    static final double GIB = 0x1p30;

    static final Catalog CATALOG = Catalog.builtIn();

    /**
     * Round constants, unrelated to the shipped fit: eff_gemm_max 0.6, gemm_half 100, k_mem 1, tp_hidden 0.5,
     * reserve 2 GiB, eff_attn 0.5, link efficiencies 0.8 (scale-up) and 0.9 (scale-out),
     * FP8 GEMM efficiency 0.5.
     */
    static final Calibration CAL = new Calibration(0.6, 100, 1.0, 0.5, 2 * GIB, 0.5, 0.8, 0.9, 0.5);

    static final AnalyticalStepModel MODEL = io.lsdt.physics.Physics.stepModel(CAL);

    static Model.Architecture arch(String id) {
        return CATALOG.model(id).architecture();
    }

    /**
     * A configuration with DP/TP overlap off unless asked for, the schedule implied by vpp (interleaved when vpp > 1),
     * 16-bit numerics.
     */
    static ParallelConfig cfg(int tp, int pp, int vpp, int dp, int cp, int ep, int mb, int gbs, int zero,
            Recompute rc, boolean sp, boolean flash) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, mb, gbs, zero, rc, sp,
                vpp > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, Numerics.BF16, false, false, flash);
    }

    /** The values of every variable the compiled plan computes for one design. */
    record Probe(AnalyticalStepModel.Compiled compiled, double[] slots) {
        double get(String variable) {
            return slots[compiled.plan().slot(variable)];
        }
    }

    static Probe probe(AnalyticalStepModel model, Model.Architecture arch, Hardware hw, ParallelConfig cfg) {
        AnalyticalStepModel.Compiled c = model.compiled(arch);
        return new Probe(c, model.evaluate(c, arch, hw, cfg));
    }
}
