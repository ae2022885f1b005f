package io.lsdt.physics;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Reference.Kind;

/** The literature and seed documents the physics equations cite. One place, so a citation is written once. */
public final class References {
    private References() {}

    /** Seed 000: the LSDT fundamentals (physics) layer and its implementation, CausalCompute. */
    public static final Reference SEED_FUNDAMENTALS = new Reference(
            "LSDT Fundamentals — Physics Layer (seed 000); implementation: CausalCompute step0_fundamentals/fundamentals.py",
            "https://github.com/VictorySpecificationII/CausalCompute", null, Kind.SOFTWARE, "2026-02", null);

    /** Kaplan et al. 2020: training compute C ≈ 6N FLOP per token. */
    public static final Reference KAPLAN_2020 = new Reference(
            "Scaling Laws for Neural Language Models (Kaplan et al.)", "https://arxiv.org/abs/2001.08361",
            "arXiv:2001.08361", Kind.PAPER, "2020-01", "§2.1, C ≈ 6N");

    /** Korthikanti et al. 2022: activation memory per transformer layer. */
    public static final Reference KORTHIKANTI_2022 = new Reference(
            "Reducing Activation Recomputation in Large Transformer Models (Korthikanti et al., MLSys 2023)",
            "https://arxiv.org/abs/2205.05198", "arXiv:2205.05198", Kind.PAPER, "2022-05", null);

    /** Rajbhandari et al. 2020 (ZeRO): model-state bytes of mixed-precision Adam. */
    public static final Reference ZERO_2020 = new Reference(
            "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models (Rajbhandari et al., SC20)",
            "https://arxiv.org/abs/1910.02054", "arXiv:1910.02054", Kind.PAPER, "2019-10",
            "§3.1: mixed-precision Adam keeps 2Ψ + 2Ψ + 12Ψ = 16Ψ bytes");

    /** Vaswani et al. 2017 and the standard decoder-only parameter count. */
    public static final Reference TRANSFORMER_PARAMS = new Reference(
            "Parameter count of a decoder-only transformer: attention Q,K,V,O + FFN + norms + embeddings "
                    + "(Vaswani et al. 2017; GQA: Ainslie et al. 2023; SwiGLU: Shazeer 2020)",
            "https://arxiv.org/abs/1706.03762", "arXiv:1706.03762", Kind.PAPER, "2017-06", null);

    /** DeepSeek-V3: multi-head latent attention and the DeepSeekMoE layer. */
    public static final Reference DEEPSEEK_V3 = new Reference("DeepSeek-V3 Technical Report",
            "https://arxiv.org/abs/2412.19437", "arXiv:2412.19437", Kind.PAPER, "2024-12", "§2.1 (MLA, DeepSeekMoE)");

    /** Fedus et al. 2021 / Mixtral: a routed mixture-of-experts FFN with a linear router. */
    public static final Reference MOE = new Reference("Mixtral of Experts (Jiang et al.)",
            "https://arxiv.org/abs/2401.04088", "arXiv:2401.04088", Kind.PAPER, "2024-01",
            "§2.1: router gating W_g (hidden × experts), top-k experts per token");

    /** Narayanan et al. 2021: Megatron-LM 3D parallelism, 1F1B and interleaved schedules, the FLOPs formula. */
    public static final Reference NARAYANAN_2021 = new Reference(
            "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM (Narayanan et al., SC21)",
            "https://arxiv.org/abs/2104.04473", "arXiv:2104.04473", Kind.PAPER, "2021-04", null);

    /** Shoeybi et al. 2019: Megatron tensor parallelism (two all-reduces per layer in forward and in backward). */
    public static final Reference SHOEYBI_2019 = new Reference(
            "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism (Shoeybi et al.)",
            "https://arxiv.org/abs/1909.08053", "arXiv:1909.08053", Kind.PAPER, "2019-09", "§3, Figure 3");

    /** Patarasuk and Yuan 2009: bandwidth-optimal ring all-reduce, 2(n−1)/n · S over the link. */
    public static final Reference RING_ALLREDUCE = new Reference(
            "Bandwidth Optimal All-reduce Algorithms for Clusters of Workstations (Patarasuk and Yuan, JPDC 2009)",
            null, "10.1016/j.jpdc.2008.09.002", Kind.PAPER, "2009-02", null);

    /**
     * Thakur, Rabenseifner and Gropp 2005: α–β cost models of MPICH's collectives; ring all-gather and
     * reduce-scatter move (n−1)/n · S per member in n−1 steps.
     */
    public static final Reference THAKUR_2005 = new Reference(
            "Optimization of Collective Communication Operations in MPICH (Thakur, Rabenseifner and Gropp, IJHPCA "
                    + "2005)", null, "10.1177/1094342005051521", Kind.PAPER, "2005-02", "§2, Table 1");

    /** Liu et al. 2023: ring attention, the context-parallel K/V exchange overlapped with attention compute. */
    public static final Reference RING_ATTENTION = new Reference(
            "Ring Attention with Blockwise Transformers for Near-Infinite Context (Liu, Zaharia, Abbeel)",
            "https://arxiv.org/abs/2310.01889", "arXiv:2310.01889", Kind.PAPER, "2023-10", null);

    /** Lepikhin et al. 2020: expert parallelism with all-to-all dispatch and combine. */
    public static final Reference GSHARD = new Reference(
            "GShard: Scaling Giant Models with Conditional Computation and Automatic Sharding (Lepikhin et al.)",
            "https://arxiv.org/abs/2006.16668", "arXiv:2006.16668", Kind.PAPER, "2020-06", null);

    /** Dao 2023: FlashAttention-2; with a causal mask, blocks above the diagonal are skipped (about half). */
    public static final Reference FLASH_ATTENTION_2 = new Reference(
            "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning (Dao)",
            "https://arxiv.org/abs/2307.08691", "arXiv:2307.08691", Kind.PAPER, "2023-07",
            "§3.1.1: causal masking skips blocks whose columns all exceed their rows (about half of them)");

    /** LSDT's fit on the development set (shared/data/validation/dev_runs.csv). */
    public static final Reference FITTED_DEV_SET = new Reference(
            "LSDT calibration fitted on the development set (dev_runs.csv); see lsdt validate",
            "docs/calibration.md", null, Kind.ESTIMATE, "2026-11", "fitted");

    /** A definition made by LSDT (no outside source needed: it names a quantity). */
    public static Reference definition(String what) {
        return new Reference("LSDT definition: " + what, null, null, Kind.DEFINITION, null, null);
    }
}
