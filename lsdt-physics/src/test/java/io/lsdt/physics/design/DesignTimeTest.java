package io.lsdt.physics.design;

import static io.lsdt.physics.design.DesignProbe.CAL;
import static io.lsdt.physics.design.DesignProbe.MODEL;
import static io.lsdt.physics.design.DesignProbe.arch;
import static io.lsdt.physics.design.DesignProbe.cfg;
import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.Close;
import io.lsdt.physics.catalog.Model;
import org.junit.jupiter.api.Test;

/**
 * Step time of the design scope: the ledger, the pipeline bubble (Narayanan et al. 2021 §2.2), recomputation
 * (Korthikanti et al. 2022 §5), tensor-parallel communication (Shoeybi et al. 2019 §3, ring all-reduce) and fused
 * attention (FlashAttention-2: causal blocks skipped).
 *
 * <p>The hardware is made up so that the arithmetic stays short: 1 PFLOP/s dense peak (attention too), 80 GB at
 * 2 TB/s, 400 GB/s scale-up per direction in domains of 8, 50 GB/s scale-out per direction, zero latencies; the
 * calibration is {@link DesignProbe#CAL} (eff_gemm_max 0.6, gemm_half 100, eff_attn 0.5, tp_hidden 0.5, link
 * efficiencies 0.8 up / 0.9 out).
 *
 * <p>Hand counts for megatron-22b (h 6144, a 64 × 96, ffn 4h GELU with biases, V 51200, s 2048), forward per token
 * per layer: linear layers 2 × (attention 4h² + 4h + MLP 8h² + 5h) = 24h² + 18h = 906,080,256 FLOP; attention core
 * 2·s·a·(d_qk + d_v) = 4sh = 50,331,648 FLOP; logits 2hV = 629,145,600 FLOP per token.
 */
class DesignTimeTest {
    private static final Model.Architecture M22B = arch("megatron-22b");
    private static final Hardware HW = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 8, 5e10, 0, 0);
    private static final double PROJ = 906_080_256.0;
    private static final double CORE = 50_331_648.0;
    private static final double LOGITS = 629_145_600.0;
    /** eff_gemm at h/t = 768: 0.6 × 768 / (768 + 100). */
    private static final double EFF_TP8 = 0.6 * 768 / 868;

    private static Prediction predict(Hardware hw, ParallelConfig c) {
        c.validate(M22B.layers(), M22B.heads(), M22B.kvHeads(), 0);
        return MODEL.predict(M22B, hw, c);
    }

    @Test
    void handCountsOfTheTwentyTwoBillionModel() {
        DesignProbe.Probe p = DesignProbe.probe(MODEL, M22B, HW, cfg(8, 1, 1, 1, 1, 1, 1, 1, 0, Recompute.NONE, true,
                true));
        assertThat(p.get("design.proj_flop_tok")).isEqualTo(PROJ);
        assertThat(p.get("design.core_flop_tok")).isEqualTo(CORE);
        assertThat(p.get("design.logits_flop_tok")).isEqualTo(LOGITS);
        Close.relative(24.0 * 6144 * 6144 + 18 * 6144, PROJ, 0, "24h² + 18h");
        Close.relative(4.0 * 2048 * 6144, CORE, 0, "4sh");
    }

    @Test
    void computeIsTheStageFlopsOverTheEffectivePeak() {
        // tp 8, pp 4, b 1, global batch 32 on dp 2: m = 16 micro-batches of 2048 tokens, 12 layers per stage
        // flop_stage_mb = 3 × 2048 × (12 × (PROJ + CORE) + LOGITS) / 8 = 9,297,475,928,064 FLOP, of which the
        // attention core 3 × 2048 × 12 × CORE / 8 = 463,856,467,968 FLOP runs at eff_attn 0.5 and, fused, executes
        // half of it: t_compute_mb = (9.297e12 − 4.639e11)/(1e15 · 0.5309) + 4.639e11 · 0.5/(1e15 · 0.5309 · 0.5)
        // = 0.0175134746 s; × 16 = 0.280215594 s
        Prediction p = predict(HW, cfg(8, 4, 1, 2, 1, 1, 1, 32, 0, Recompute.NONE, true, true));
        double stage = 3 * 2048 * (12 * (PROJ + CORE) + LOGITS) / 8;
        double core = 3 * 2048 * 12 * CORE / 8;
        assertThat(stage).isEqualTo(9_297_475_928_064.0);
        assertThat(core).isEqualTo(463_856_467_968.0);
        double tMb = (stage - core) / (1e15 * EFF_TP8) + core * 0.5 / (1e15 * EFF_TP8 * 0.5);
        Close.relative(p.ledger().compute(), 16 * tMb, 1e-12, "compute");
        Close.relative(p.ledger().compute(), 0.2802155939430401, 1e-12, "compute, hand value");
    }

    @Test
    void stepIsTheLedgerTotalAndTheBubbleIsPMinusOneOverVMicroBatchTimes() {
        for (int vpp : new int[] {1, 2, 3}) {
            // tp 8, pp 4, dp 2, global batch 32: m = 16 (a multiple of p, as interleaving requires)
            ParallelConfig c = cfg(8, 4, vpp, 2, 1, 1, 1, 32, 1, Recompute.SELECTIVE, true, true);
            Prediction p = predict(HW, c);
            DesignProbe.Probe probe = DesignProbe.probe(MODEL, M22B, HW, c);
            double tMb = probe.get("design.t_mb");
            StepLedger l = p.ledger();
            // the per-micro-batch entries of the ledger are m × their t_*_mb: their sum is m · t_mb
            double perMb = (l.compute() + l.recompute() + l.memoryBound() + l.tpComm() + l.cpComm() + l.epComm()
                    + l.ppComm()) / 16;
            Close.relative(perMb, tMb, 1e-12, "t_mb, v " + vpp);
            Close.relative(l.bubble(), 3.0 / vpp * tMb, 1e-12, "bubble (p − 1)/v · t_mb, v " + vpp);
            // the graph's t_step (m·t_mb + bubble + DP + optimizer) equals the sum of the ledger up to rounding:
            // m·(a + b + …) and m·a + m·b + … differ in the last bits
            Close.relative(probe.get("design.t_step"), l.total(), 1e-12, "t_step, v " + vpp);
            assertThat(p.stepTime()).isEqualTo(l.total());
        }
        // no pipeline, no bubble
        assertThat(predict(HW, cfg(8, 1, 1, 8, 1, 1, 1, 32, 0, Recompute.NONE, true, true)).ledger().bubble())
                .isZero();
    }

    @Test
    void zeroBubbleH1RecoversTwoWeightGradientPassesOfEachBubbleSlot() {
        // Qi et al. 2024 (ICLR), Table 2: 1F1B's bubble is (p−1)(T_F + T_B + T_W) = (p−1)·t_mb, ZB-H1's
        // (p−1)(T_F + T_B − T_W) = (p−1)(t_mb − 2·T_W). T_W, the weight-gradient GEMMs of the busiest stage, is one
        // forward of its linear layers and logits: tp 8, pp 4 → 12 layers, b 1 (2048 tokens):
        // T_W = 2048 × (12 × PROJ + LOGITS) / (8 × 1e15 × eff_gemm) = 0.0055165 s
        ParallelConfig c = cfg(8, 4, 1, 2, 1, 1, 1, 32, 1, Recompute.NONE, true, true);
        ParallelConfig zb = new ParallelConfig(c.tp(), c.pp(), 1, c.dp(), c.cp(), c.ep(), c.microBatch(),
                c.globalBatch(), c.zeroStage(), c.recompute(), c.sequenceParallel(), Schedule.ZB_H1, c.numerics(),
                c.overlapDp(), c.overlapTp(), c.flashAttention());
        double tW = 2048 * (12 * PROJ + LOGITS) / (8 * 1e15 * EFF_TP8);
        DesignProbe.Probe probe = DesignProbe.probe(MODEL, M22B, HW, zb);
        Close.relative(probe.get("design.t_w_mb"), tW, 1e-12, "T_W");
        double tMb = probe.get("design.t_mb");
        Close.relative(predict(HW, zb).ledger().bubble(), 3 * (tMb - 2 * tW), 1e-12, "ZB-H1 (p−1)(t_mb − 2·T_W)");
        Close.relative(predict(HW, c).ledger().bubble(), 3 * tMb, 1e-12, "1F1B (p−1)·t_mb");
        // with T_F = T_B = T_W = t the two are (p−1)·t and 3(p−1)·t: the paper's "a third of 1F1B's"
        // the step is the same otherwise: ZB-H1 changes only the bubble (and the DP overlap window with it)
        assertThat(predict(HW, zb).ledger().compute()).isEqualTo(predict(HW, c).ledger().compute());
    }

    @Test
    void doublingTheGlobalBatchDoublesComputeButNotTheFixedCosts() {
        // pp 1, tp 8, dp 4, b 1: m = 8 then 16. Compute, recompute and memory-bound entries are m × per-micro-batch
        // times, so they double exactly; DP exposure (max(0, t_dp − (t_bubble + t_mb))) and the optimizer do not.
        Prediction one = predict(HW, cfg(8, 1, 1, 4, 1, 1, 1, 32, 0, Recompute.SELECTIVE, true, true));
        Prediction two = predict(HW, cfg(8, 1, 1, 4, 1, 1, 1, 64, 0, Recompute.SELECTIVE, true, true));
        assertThat(two.ledger().compute() / one.ledger().compute()).isEqualTo(2.0);
        assertThat(two.ledger().recompute() / one.ledger().recompute()).isEqualTo(2.0);
        assertThat(two.ledger().memoryBound() / one.ledger().memoryBound()).isEqualTo(2.0);
        assertThat(two.ledger().dpComm()).isEqualTo(one.ledger().dpComm());
        assertThat(two.ledger().optimizer()).isEqualTo(one.ledger().optimizer()).isPositive();
        // so 2 · t(B) − t(2B) is exactly the fixed part
        Close.scaled(2 * one.stepTime() - two.stepTime(), one.ledger().dpComm() + one.ledger().optimizer(), 1e-12,
                two.stepTime(), "fixed costs");
        // here the DP all-reduce (dp 4 × tp 8 spans two domains: 3/4 × P/8 × 8 B over 0.9 × 50 GB/s = 0.368 s, not
        // overlapped) is a large fixed cost, so the step grows by less than 2×
        Close.relative(one.ledger().dpComm(), 0.75 * 22_074_273_792.0 / 8 * 8 / (0.9 * 5e10), 1e-12, "DP all-reduce");
        assertThat(two.stepTime() / one.stepTime()).isLessThan(2.0).isGreaterThan(1.0);
        Close.relative(two.modelFlopsPerStep() / one.modelFlopsPerStep(), 2.0, 1e-15, "model FLOPs");
    }

    @Test
    void recomputationAddsTheForwardItRepeats() {
        // global batch 32 × 2048 = 65,536 tokens, 48 layers; model FLOPs = 3 × tokens × (48·(PROJ + CORE) + LOGITS)
        double tokens = 32 * 2048.0;
        double model = 3 * tokens * (48 * (PROJ + CORE) + LOGITS);
        Prediction none = predict(HW, cfg(8, 4, 1, 2, 1, 1, 1, 32, 0, Recompute.NONE, true, true));
        Prediction sel = predict(HW, cfg(8, 4, 1, 2, 1, 1, 1, 32, 0, Recompute.SELECTIVE, true, true));
        Prediction full = predict(HW, cfg(8, 4, 1, 2, 1, 1, 1, 32, 0, Recompute.FULL, true, true));
        Close.relative(none.modelFlopsPerStep(), model, 1e-12, "model FLOPs");
        assertThat(sel.modelFlopsPerStep()).isEqualTo(none.modelFlopsPerStep());
        assertThat(full.modelFlopsPerStep()).isEqualTo(none.modelFlopsPerStep());
        assertThat(none.hardwareFlopsPerStep()).isEqualTo(none.modelFlopsPerStep());
        // full: hardware = model + tokens · L · (proj + core), the whole forward of the layers again (not the logits)
        Close.relative(full.hardwareFlopsPerStep() - full.modelFlopsPerStep(), tokens * 48 * (PROJ + CORE), 1e-9,
                "full recompute FLOPs");
        // selective: only the attention core
        Close.relative(sel.hardwareFlopsPerStep() - sel.modelFlopsPerStep(), tokens * 48 * CORE, 1e-9,
                "selective recompute FLOPs");
        // the recompute entry: m · tok_mb · layers_stage · (proj + core) / tp at the GEMM rate
        Close.relative(full.ledger().recompute(), 16 * 2048 * 12 * (PROJ + CORE) / 8 / (1e15 * EFF_TP8), 1e-12,
                "full recompute time");
        assertThat(none.ledger().recompute()).isZero();
        // HFU > MFU by exactly the FLOP ratio
        Close.relative(full.hfu(1e15) / full.mfu(1e15), full.hardwareFlopsPerStep() / full.modelFlopsPerStep(),
                1e-12, "HFU/MFU");
    }

    @Test
    void tensorParallelCommunicationIsZeroWithoutTensorParallelism() {
        Prediction p = predict(HW, cfg(1, 4, 1, 2, 1, 1, 1, 32, 0, Recompute.SELECTIVE, false, true));
        assertThat(p.ledger().tpComm()).isZero();
    }

    @Test
    void tensorParallelCommunicationUsesTheScaleUpLinkInsideTheDomain() {
        // tp 8 ≤ domain 8: 4 collectives per layer (no recompute), each a ring all-reduce moving 2·(t−1)/t of the
        // 2-byte activations tok_mb·h: 48 × 4 × 2·7/8 × 2048 × 6144 × 2 B / (0.8 × 400 GB/s) = 0.0264241152 s per
        // micro-batch; m = 4. The scale-out bandwidth does not enter.
        ParallelConfig c = new ParallelConfig(8, 1, 1, 1, 1, 1, 1, 4, 0, Recompute.NONE, true, Schedule.ONE_F_ONE_B,
                Numerics.BF16, false, false, true);
        Hardware slowOut = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 8, 2.5e10, 0, 0);
        double expected = 4 * 48 * 4 * (2 * 7.0 / 8 * 2048 * 6144 * 2 / (0.8 * 4e11));
        Close.relative(predict(HW, c).ledger().tpComm(), expected, 1e-12, "TP inside the domain");
        Close.relative(expected, 4 * 0.0264241152, 1e-12, "hand value");
        assertThat(predict(slowOut, c).ledger().tpComm()).isEqualTo(predict(HW, c).ledger().tpComm());
        // overlap hides tp_hidden = 50 % of it
        ParallelConfig overlapped = new ParallelConfig(8, 1, 1, 1, 1, 1, 1, 4, 0, Recompute.NONE, true,
                Schedule.ONE_F_ONE_B, Numerics.BF16, false, true, true);
        Close.relative(predict(HW, overlapped).ledger().tpComm(), expected * (1 - CAL.tpHidden()), 1e-12,
                "TP overlapped");
    }

    @Test
    void tensorParallelCommunicationUsesTheScaleOutLinkAcrossDomains() {
        // domains of 4, tp 8: the TP group spans two domains and runs at 0.9 × the scale-out bandwidth
        Hardware a = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 4, 5e10, 0, 0);
        Hardware b = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 4, 2.5e10, 0, 0);
        ParallelConfig c = new ParallelConfig(8, 1, 1, 1, 1, 1, 1, 4, 0, Recompute.NONE, true, Schedule.ONE_F_ONE_B,
                Numerics.BF16, false, false, true);
        // 48 × 4 × 2·7/8 × 2048 × 6144 × 2 B / (0.9 × 50 GB/s) = 0.1879048192 s per micro-batch, × m = 4
        double expected = 4 * 48 * 4 * (2 * 7.0 / 8 * 2048 * 6144 * 2 / (0.9 * 5e10));
        Close.relative(predict(a, c).ledger().tpComm(), expected, 1e-12, "TP across domains");
        Close.relative(expected, 4 * 0.1879048192, 1e-12, "hand value");
        Close.relative(predict(b, c).ledger().tpComm() / predict(a, c).ledger().tpComm(), 2.0, 1e-12,
                "half the scale-out bandwidth, twice the time");
        // with latencies, each collective adds 2(t − 1) hops of the scale-out latency: 4 × 48 × 4 × 14 × 10 µs
        Hardware latent = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 4, 5e10, 5e-6, 10e-6);
        Close.relative(predict(latent, c).ledger().tpComm() - expected, 4 * 48 * 4 * 14 * 10e-6, 1e-9, "latency");
    }

    @Test
    void dataParallelVolumeFollowsZeroSection7() {
        // Rajbhandari et al. 2020 (ZeRO) §7 with Ψ parameters and 16-bit gradients and weights: the baseline
        // all-reduce moves 2Ψ (reduce-scatter + all-gather); ZeRO-1/2 move 2Ψ too (reduce-scatter of gradients,
        // all-gather of the updated weights); ZeRO-3 moves 3Ψ (reduce-scatter, and the weights gathered once for the
        // forward and once for the backward — no gather after the step, the weights stay sharded): 1.5×.
        // Gradients reduced in 2 B here so that both widths are equal, as in the paper.
        AnalyticalStepModel model = io.lsdt.physics.Physics.stepModel(new Calibration(0.6, 100, 1.0, 0.5, 0, 0.5, 0.8, 0.9, 0.5));
        StateBytes sixteenBit = new StateBytes(2, 2, 12, 2, "ZeRO §7: 16-bit gradients and weights");
        double[] dp = new double[4];
        double[] accumulated = new double[4];
        for (int z = 0; z <= 3; z++) {
            // tp 8 × dp 8 = 64 GPUs: the DP group spans domains (scale-out, 0.9 × 50 GB/s); no overlap; one
            // micro-batch per step, as in the paper's §7 (one forward and backward pass per step)
            ParallelConfig c = cfg(8, 1, 1, 8, 1, 1, 1, 8, z, Recompute.NONE, true, true).withStateBytes(sixteenBit);
            dp[z] = model.predict(M22B, HW, c).ledger().dpComm();
            // with 8 micro-batches of gradient accumulation, sharded gradients are reduce-scattered every
            // micro-batch (ZeRO-2, as DeepSpeed does) and sharded weights gathered for every pass (ZeRO-3)
            accumulated[z] = model.predict(M22B, HW, cfg(8, 1, 1, 8, 1, 1, 1, 64, z, Recompute.NONE, true, true)
                    .withStateBytes(sixteenBit)).ledger().dpComm();
        }
        // baseline: (n − 1)/n × 2 × 2 B × P/8 over 45 GB/s = 7/8 × 4 × 2,759,284,224 B / 4.5e10 B/s = 0.2146 s
        Close.relative(dp[0], 7.0 / 8 * 4 * (22_074_273_792.0 / 8) / 4.5e10, 1e-12, "all-reduce");
        Close.relative(dp[1] / dp[0], 1.0, 1e-12, "ZeRO-1 / baseline");
        Close.relative(dp[2] / dp[0], 1.0, 1e-12, "ZeRO-2 / baseline");
        Close.relative(dp[3] / dp[0], 1.5, 1e-12, "ZeRO-3 / baseline");
        // per Ψ: baseline and ZeRO-1 still 4 B once; ZeRO-2 the 2 B gather once + 8 × 2 B = 18 B; ZeRO-3
        // 8 × (2 + 2 × 2) = 48 B
        Close.relative(accumulated[0], dp[0], 1e-12, "baseline, accumulated");
        Close.relative(accumulated[1], dp[0], 1e-12, "ZeRO-1, accumulated");
        Close.relative(accumulated[2] / dp[0], 18.0 / 4, 1e-12, "ZeRO-2, accumulated");
        Close.relative(accumulated[3] / dp[0], 48.0 / 4, 1e-12, "ZeRO-3, accumulated");
    }

    @Test
    void fusedAttentionExecutesHalfOfTheCountedAttentionCore() {
        ParallelConfig fused = cfg(8, 4, 1, 2, 1, 1, 1, 32, 0, Recompute.NONE, true, true);
        ParallelConfig unfused = fused.withFlashAttention(false);
        assertThat(DesignProbe.probe(MODEL, M22B, HW, fused).get("design.core_exec")).isEqualTo(0.5);
        assertThat(DesignProbe.probe(MODEL, M22B, HW, unfused).get("design.core_exec")).isEqualTo(1.0);
        // the difference of the compute entries is half the attention core at eff_gemm × eff_attn:
        // 16 × 0.5 × 463,856,467,968 / (1e15 × 0.5309 × 0.5)
        double core = 3 * 2048 * 12 * CORE / 8;
        Close.relative(predict(HW, unfused).ledger().compute() - predict(HW, fused).ledger().compute(),
                16 * 0.5 * core / (1e15 * EFF_TP8 * CAL.effAttn()), 1e-9, "half the core");
        // model FLOPs count the full (unmasked) attention either way, as Megatron reports them
        assertThat(predict(HW, fused).modelFlopsPerStep()).isEqualTo(predict(HW, unfused).modelFlopsPerStep());
    }
}
