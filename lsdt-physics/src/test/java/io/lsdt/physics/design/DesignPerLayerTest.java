package io.lsdt.physics.design;

import static io.lsdt.physics.design.DesignProbe.MODEL;
import static io.lsdt.physics.design.DesignProbe.arch;
import static io.lsdt.physics.design.DesignProbe.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.Close;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.comm.Collectives;
import org.junit.jupiter.api.Test;

/**
 * The per-layer quantities the event simulator charges, and that the stage sums are built from them: the same test
 * hardware and calibration as {@link DesignTimeTest} (1 PFLOP/s, 400 GB/s scale-up at 80 %, no latency;
 * eff_gemm_max 0.6, gemm_half 100, eff_attn 0.5), megatron-22b with TP 8, PP 4, 12 layers per stage.
 */
class DesignPerLayerTest {
    private static final Model.Architecture M22B = arch("megatron-22b");
    private static final Hardware HW = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 8, 5e10, 0, 0);
    private static final double PROJ = 906_080_256.0;
    private static final double CORE = 50_331_648.0;
    private static final double LOGITS = 629_145_600.0;
    private static final double EFF_TP8 = 0.6 * 768 / 868;
    private static final ParallelConfig CFG = cfg(8, 4, 1, 2, 1, 1, 1, 32, 0, Recompute.NONE, true, true);

    @Test
    void forwardOfOneLayerIsItsTokensFlopsAtTheEffectivePeak() {
        DesignProbe.Probe p = DesignProbe.probe(MODEL, M22B, HW, CFG);
        // fused attention: half the core executes at eff_attn 0.5, i.e. the core costs as if at the GEMM rate:
        // 2048/8 · (PROJ + CORE) / (1e15 · eff)
        double fwd = 2048.0 / 8 * (PROJ + CORE) / (1e15 * EFF_TP8);
        Close.relative(fwd, p.get("design.t_fwd_layer_mb"), 1e-12, "t_fwd_layer_mb");
        double logits = 2048.0 * LOGITS / (8 * 1e15 * EFF_TP8);
        Close.relative(logits, p.get("design.t_logits_fwd_mb"), 1e-12, "t_logits_fwd_mb");
        Close.relative(3 * (12 * fwd + logits), p.get("design.t_compute_mb"), 1e-12, "t_compute_mb");
        Close.relative(3 * 12 * p.get("design.t_mem_layer_mb"), p.get("design.t_mem_mb"), 1e-12, "t_mem_mb");
    }

    @Test
    void theTensorParallelAllReduceIsTheCommScopesRingAllReduce() {
        DesignProbe.Probe p = DesignProbe.probe(MODEL, M22B, HW, CFG);
        double ar = io.lsdt.physics.Physics.collectives().time(Collectives.Kind.ALL_REDUCE, 8, 2048.0 * 6144 * 2, 4e11,
                DesignProbe.CAL.effLinkUp(), 0);
        assertThat(p.get("design.t_tp_ar")).isCloseTo(ar, within(1e-15));
        // 2 · 7/8 · 25,165,824 B / (0.8 · 400 GB/s)
        assertThat(ar).isCloseTo(1.376256e-4, within(1e-12));
        Close.relative(12 * 4 * ar, p.get("design.t_tp_mb"), 1e-12, "t_tp_mb: 4 all-reduces per layer");
    }

    @Test
    void layerCostsCarryTheDesignsNumbers() {
        LayerCosts c = MODEL.layerCosts(M22B, HW, CFG);
        DesignProbe.Probe p = DesignProbe.probe(MODEL, M22B, HW, CFG);
        assertThat(c.forwardLayer()).isEqualTo(p.get("design.t_fwd_layer_mb"));
        assertThat(c.tokensPerMicroBatch()).isEqualTo(2048);
        assertThat(c.tokensPerSample()).isEqualTo(2048);
        // parameters per GPU over TP 8 and PP 4, spread over the 48 layers: params_gpu · 4 / 48
        assertThat(c.paramsPerLayer()).isCloseTo(p.get("design.params_gpu") * 4 / 48, within(1e-3));
        assertThat(c.weightBytes()).isEqualTo(2);
        assertThat(c.gradBytes()).isEqualTo(4);
        assertThat(c.optimizerBytes()).isEqualTo(12);
        assertThat(c.layers()).isEqualTo(48);
        assertThat(c.hidden()).isEqualTo(6144);
    }
}
