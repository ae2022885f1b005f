package io.lsdt.physics.design;

import static io.lsdt.physics.design.DesignProbe.CAL;
import static io.lsdt.physics.design.DesignProbe.MODEL;
import static io.lsdt.physics.design.DesignProbe.arch;
import static io.lsdt.physics.design.DesignProbe.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.Close;
import io.lsdt.physics.catalog.Model;
import org.junit.jupiter.api.Test;

/**
 * FSDP's hybrid sharding (shard within a node, replicate across nodes) and LoRA's frozen weights, by hand.
 * Hardware: a round test GPU (1 PFLOP/s, 80 GB, 2 TB/s HBM) in domains of 8 with 400 GB/s scale-up and 50 GB/s
 * scale-out per direction, no latency; calibration {@link DesignProbe#CAL} (links 0.8 / 0.9).
 */
class ShardingAndAdaptersTest {
    private static final Hardware HW = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 8, 5e10, 0, 0);
    private static final Model.Architecture L7 = arch("llama2-7b");
    /** FSDP's bf16 reduction: 2 B weights and reduced gradients, fp32 sharded gradients, Adam. */
    private static final StateBytes FSDP_BF16 = new StateBytes(2, 4, 12, 2, "FSDP MixedPrecision bf16");

    /** DP 128 × micro-batch 2, one micro-batch per step, ZeRO-3 (FSDP), overlap off. */
    private static ParallelConfig fsdp(int shard) {
        return cfg(1, 1, 1, 128, 1, 1, 2, 256, 3, Recompute.NONE, false, true).withStateBytes(FSDP_BF16)
                .withShardGroup(shard);
    }

    @Test
    void hybridShardingShardsOverTheNodeAndReducesTheShardAcrossNodes() {
        DesignProbe.Probe full = DesignProbe.probe(MODEL, L7, HW, fsdp(0));
        DesignProbe.Probe hybrid = DesignProbe.probe(MODEL, L7, HW, fsdp(8));
        double p = full.get("design.params_gpu");
        assertThat(p).isEqualTo(6_738_415_616.0); // Llama 2 7B, no TP or PP: every parameter on every GPU
        // memory: FULL_SHARD divides weights, gradients and optimizer state by 128, HYBRID_SHARD by the node's 8
        Close.relative(full.get("design.mem_opt"), p * 12 / 128, 1e-12, "opt, full shard");
        Close.relative(hybrid.get("design.mem_opt"), p * 12 / 8, 1e-12, "opt, hybrid");
        Close.relative(hybrid.get("design.mem_weights"), p * 2 / 8, 1e-12, "weights, hybrid");
        assertThat(hybrid.get("design.n_rep")).isEqualTo(16.0);
        // per micro-batch, FULL_SHARD over 128 GPUs crosses domains: the ring stripes over the NICs of its 8 GPUs
        // in each node, min(8 × 50, 400) GB/s at the scale-out share 0.9 (NCCL issues #569, #652): reduce-scatter
        // of 2 B gradients + two all-gathers of 2 B weights, each (n − 1)/n · S: 3 × 127/128 × 2p / 3.6e11
        assertThat(full.get("design.shard_local")).isEqualTo(8.0);
        Close.relative(full.get("design.t_dp_mb"), 3 * 127.0 / 128 * 2 * p / 3.6e11, 1e-12, "full shard traffic");
        // HYBRID_SHARD: the three collectives inside the node (0.8 × 400 GB/s) with 7/8 of S, then the all-reduce of
        // the 1/8 shard over the 16 replicas across nodes: 2 × 15/16 × (2p / 8) / 4.5e10
        double inside = 3 * 7.0 / 8 * 2 * p / 3.2e11;
        double across = 2 * 15.0 / 16 * (2 * p / 8) / 4.5e10;
        Close.relative(hybrid.get("design.t_dp_mb"), inside + across, 1e-12, "hybrid traffic");
        // 0.1114 s against 0.1106 + 0.0702 = 0.1808 s: with a NIC per GPU as fast in sum as the node's NVLink,
        // FULL_SHARD's striped ring beats HYBRID_SHARD's one-NIC replica all-reduce on this traffic (0.616×)
        assertThat(full.get("design.t_dp_mb") / hybrid.get("design.t_dp_mb"))
                .isCloseTo(0.616, org.assertj.core.api.Assertions.within(0.001));
    }

    @Test
    void fsdpExposesTheFirstGatherAndTheLastReduceScatterEvenWhenOverlapping() {
        ParallelConfig c = fsdp(8);
        ParallelConfig overlapped = new ParallelConfig(c.tp(), c.pp(), c.vpp(), c.dp(), c.cp(), c.ep(), c.microBatch(),
                c.globalBatch(), 3, Recompute.NONE, false, Schedule.ONE_F_ONE_B, Numerics.BF16, true, false, true,
                FSDP_BF16, 8, 1.0);
        DesignProbe.Probe p = DesignProbe.probe(MODEL, L7, HW, overlapped);
        // one unit = one of the 32 layers: its all-gather and its reduce-scatter, 1/32 of the stage's (no latency)
        double unit = p.get("design.dp_unit_weight_comm.t_all_gather")
                + p.get("design.dp_unit_grad_comm.t_reduce_scatter");
        Close.relative(unit, (p.get("design.dp_weight_comm.t_all_gather")
                + p.get("design.dp_grad_comm.t_reduce_scatter")) / 32, 1e-12, "one unit each way");
        // the micro-batch's compute hides the rest: what stays exposed is that unit (m = 1)
        assertThat(p.get("design.t_dp_mb")).isLessThan(p.get("design.t_mb"));
        Close.relative(p.get("design.t_dp_exposed"), unit, 1e-12, "exposed");
    }

    @Test
    void eachPassHidesOnlyItsOwnTraffic() {
        // FULL_SHARD over 128 GPUs, full recomputation, on a 6.5 GB/s-per-GPU scale-out (× 8 NICs striped = 52 GB/s,
        // 0.9 achieved): per micro-batch the forward gathers 2p B once, the backward gathers again and
        // reduce-scatters 2p B, each (n − 1)/n · 2p / 4.68e10; the forward's compute (a third of what is not
        // recomputation) hides less than its gather, the backward (with the recomputed forward) more than its two
        Hardware slow = new Hardware("test-gpu", 1e15, 80e9, 2e12, 4e11, 8, 6.5e9, 0, 0);
        ParallelConfig c = fsdp(0);
        ParallelConfig overlapped = new ParallelConfig(c.tp(), c.pp(), c.vpp(), c.dp(), c.cp(), c.ep(), c.microBatch(),
                c.globalBatch(), 3, Recompute.FULL, false, Schedule.ONE_F_ONE_B, Numerics.BF16, true, false, true,
                FSDP_BF16, 0, 1.0);
        DesignProbe.Probe p = DesignProbe.probe(MODEL, L7, slow, overlapped);
        double gather = 127.0 / 128 * 2 * p.get("design.params_gpu") / 4.68e10;
        Close.relative(p.get("design.t_dp_fwd_mb"), gather, 1e-12, "forward gathers");
        Close.relative(p.get("design.t_dp_bwd_mb"), 2 * gather, 1e-12, "backward gathers and reduce-scatters");
        double tf = (p.get("design.t_mb") - p.get("design.t_recompute_mb")) / 3;
        Close.relative(p.get("design.t_fwd_mb"), tf, 1e-12, "forward third");
        double tb = p.get("design.t_mb") - tf;
        assertThat(gather).isGreaterThan(tf); // the forward cannot hide its gather
        assertThat(2 * gather).isLessThan(tb); // the backward hides its own traffic but its last reduce-scatter
        double rsUnit = p.get("design.dp_unit_grad_comm.t_reduce_scatter");
        Close.relative(p.get("design.t_dp_exposed"), gather - tf + rsUnit, 1e-12, "exposed per pass");
        // the former whole-micro-batch rule hid all three behind t_mb and exposed only the two end units
        assertThat(3 * gather).isLessThan(p.get("design.t_mb"));
        assertThat(gather - tf + rsUnit).isGreaterThan(rsUnit + p.get("design.dp_unit_weight_comm.t_all_gather"));
    }

    @Test
    void aFourBitBaseIsDequantizedBeforeEachPass() {
        // QLoRA (Dettmers et al. 2023 §3): the NF4 base (0.5 B per weight) is dequantized to BF16 before the forward
        // and the backward: per pass every weight read at 0.5 B and written at 2 B, at the HBM's 2 TB/s
        ParallelConfig lora = cfg(1, 1, 1, 1, 1, 1, 1, 1, 0, Recompute.NONE, false, true).withTrainableFraction(0.01);
        StateBytes nf4 = new StateBytes(0.5, 4, 12, 4, "QLoRA NF4 base");
        DesignProbe.Probe bf16 = DesignProbe.probe(MODEL, L7, HW, lora);
        DesignProbe.Probe q = DesignProbe.probe(MODEL, L7, HW, lora.withStateBytes(nf4));
        DesignProbe.Probe qFull = DesignProbe.probe(MODEL, L7, HW, lora.withStateBytes(nf4)
                .withRecompute(Recompute.FULL));
        double p = q.get("design.params_gpu");
        assertThat(bf16.get("design.t_dequant_mb")).isZero();
        Close.relative(q.get("design.t_dequant_mb"), 2 * p * 2.5 / 2e12, 1e-12, "forward and backward");
        Close.relative(qFull.get("design.t_dequant_mb"), 3 * p * 2.5 / 2e12, 1e-12, "and the recomputed forward");
        // 6.738 G weights: 16.8 ms per micro-batch, charged with the memory-bound kernels
        Close.relative(q.get("design.t_mem_mb") - bf16.get("design.t_mem_mb"), 0.016846, 1e-4, "in t_mem");
    }

    @Test
    void loraSkipsTheFrozenWeightsGradientsStateAndTraffic() {
        ParallelConfig full = cfg(1, 1, 1, 8, 1, 1, 1, 8, 0, Recompute.NONE, false, true);
        ParallelConfig lora = full.withTrainableFraction(0.01);
        DesignProbe.Probe f = DesignProbe.probe(MODEL, L7, HW, full);
        DesignProbe.Probe l = DesignProbe.probe(MODEL, L7, HW, lora);
        // compute: linear layers (2 + 0.01) × forward instead of 3 ×; the attention core still 3 × (dQ, dK, dV)
        double proj = f.get("design.t_proj_fwd_layer_mb") * 32 + f.get("design.t_logits_fwd_mb");
        double core = f.get("design.t_core_fwd_layer_mb") * 32;
        Close.relative(f.get("design.t_compute_mb"), 3 * proj + 3 * core, 1e-12, "full");
        Close.relative(l.get("design.t_compute_mb"), 2.01 * proj + 3 * core, 1e-12, "lora");
        // memory: gradients and optimizer state only for the 1 % trained; the frozen weights stay whole
        Close.relative(l.get("design.mem_grads"), 0.01 * f.get("design.mem_grads"), 1e-12, "grads");
        Close.relative(l.get("design.mem_opt"), 0.01 * f.get("design.mem_opt"), 1e-12, "optimizer");
        assertThat(l.get("design.mem_weights")).isEqualTo(f.get("design.mem_weights"));
        // the DP all-reduce moves the trained gradients only
        Close.relative(l.get("design.dp_grad_comm.bytes"), 0.01 * f.get("design.dp_grad_comm.bytes"), 1e-12, "dp");
        // executed FLOPs: the frozen weights' gradient GEMMs (2 FLOP per parameter per token) are skipped
        double skipped = 0.99 * f.get("design.tokens_step") * (32 * f.get("design.proj_flop_tok")
                + f.get("design.logits_flop_tok"));
        Close.relative(f.get("design.flop_hw_step") - l.get("design.flop_hw_step"), skipped, 1e-12, "FLOPs");
    }

    @Test
    void aShardGroupMustDivideTheDataParallelGroup() {
        assertThatThrownBy(() -> fsdp(6).validate(32, 32, 32, 0)).isInstanceOf(LsdtException.class)
                .hasMessageContaining("shard_group = 6").hasMessageContaining("a divisor of dp × cp = 128");
        assertThatThrownBy(() -> fsdp(8).withTrainableFraction(0)).isInstanceOf(LsdtException.class)
                .hasMessageContaining("trainable_fraction");
        assertThat(CAL.effLinkUp()).isEqualTo(0.8);
    }
}
