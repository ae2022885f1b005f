package io.lsdt.physics.reference;

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

    /** Qi et al. 2024: zero-bubble pipeline parallelism, the backward split into B and W (ZB-H1, ZB-H2). */
    public static final Reference QI_2024 = new Reference(
            "Zero Bubble Pipeline Parallelism (Qi, Wan, Huang and Lin, ICLR 2024)",
            "https://arxiv.org/abs/2401.10241", "arXiv:2401.10241", Kind.PAPER, "2024-01",
            "§2.1, Table 2: bubble of 1F1B (p−1)(T_F+T_B+T_W), ZB-H1 (p−1)(T_F+T_B−T_W), peak memory p·M_B for both");

    /** Shoeybi et al. 2019: Megatron tensor parallelism (two all-reduces per layer in forward and in backward). */
    public static final Reference SHOEYBI_2019 = new Reference(
            "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism (Shoeybi et al.)",
            "https://arxiv.org/abs/1909.08053", "arXiv:1909.08053", Kind.PAPER, "2019-09", "§3, Figure 3");

    /** PyTorch FSDP: sharding strategies, prefetching and mixed precision (the API's own documentation). */
    /**
     * Ren et al. 2021, ZeRO-Offload: optimizer state and its step on the CPU, gradients to the host and updated
     * 16-bit parameters back over PCIe once per step; PyTorch FSDP's {@code CPUOffload(offload_params=True)} extends
     * it to the parameters (each unit's shard copied to the device before its all-gather).
     */
    public static final Reference ZERO_OFFLOAD = new Reference(
            "ZeRO-Offload: Democratizing Billion-Scale Model Training (Ren et al., USENIX ATC 2021)",
            "https://arxiv.org/abs/2101.06840", "arXiv:2101.06840", Kind.PAPER, "2021-01", null);

    /**
     * PyTorch's FSDP API: its sharding strategies (FULL_SHARD, SHARD_GRAD_OP, HYBRID_SHARD), prefetching and mixed
     * precision.
     */
    public static final Reference PYTORCH_FSDP = new Reference(
            "PyTorch FullyShardedDataParallel API: ShardingStrategy (FULL_SHARD, SHARD_GRAD_OP, HYBRID_SHARD), "
                    + "BackwardPrefetch, forward_prefetch, MixedPrecision (torch/distributed/fsdp/api.py)",
            "https://pytorch.org/docs/stable/fsdp.html", null, Kind.DOCUMENTATION, "2024", null);

    /**
     * Dettmers et al. 2023, QLoRA §3: the 4-bit NormalFloat storage type is dequantized to the BF16 computation type
     * for the forward and the backward pass; only the adapters' gradients are computed.
     */
    public static final Reference QLORA = new Reference(
            "QLoRA: Efficient Finetuning of Quantized LLMs (Dettmers et al., NeurIPS 2023)",
            "https://arxiv.org/abs/2305.14314", "arXiv:2305.14314", Kind.PAPER, "2023-05", null);

    /** Hu et al. 2021: LoRA, low-rank adapters on frozen weights. */
    public static final Reference LORA = new Reference("LoRA: Low-Rank Adaptation of Large Language Models (Hu et al.)",
            "https://arxiv.org/abs/2106.09685", "arXiv:2106.09685", Kind.PAPER, "2021-06", null);

    /** Megatron-LM's argument checks: bf16 training accumulates and all-reduces gradients in fp32. */
    public static final Reference MEGATRON_FP32_GRADS = new Reference(
            "Megatron-LM megatron/training/arguments.py: 'bfloat16 requires gradient accumulation and all-reduce to be "
                    + "done in fp32' (accumulate_allreduce_grads_in_fp32 forced on)",
            "https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/training/arguments.py", null, Kind.SOFTWARE,
            "2024", null);

    /**
     * NCCL maintainers on multi-NIC rings: bus bandwidth adds up over the NICs of the GPUs a ring has in each node
     * (issue #569: 1.6 GB all-reduce over 8 GPUs, 363 ms with 1 GPU per node, 173 ms with 2, 132 ms with 4; #652:
     * "~20 GB/s with each individual NIC, and performance should add up as you add more"; #412: "up to 160GB/s
     * which is the NVLink intra-node bandwidth").
     */
    public static final Reference NCCL_NIC_STRIPING = new Reference(
            "NVIDIA/nccl GitHub issues #569, #652 and #412: ring bandwidth across nodes adds up over the NICs of the "
                    + "ring's GPUs in each node, up to the intra-node bandwidth",
            "https://github.com/NVIDIA/nccl/issues/652", null, Kind.DOCUMENTATION, "2022-03", null);

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

    /** Seeds 003/004: gpu_stack, the SymPy equation graph whose training, cluster, thermal and economics scopes LSDT
     *  reproduces (variable names kept), and its dense_training_cost_fixture. */
    public static final Reference GPU_STACK = new Reference(
            "gpu_stack: SymPy-backed dependency graph for GPU training systems (Cuuper22/gpu_stack-, seeds 003/004)",
            "https://github.com/Cuuper22/gpu_stack-", null, Kind.SOFTWARE, "2026-07",
            "scopes training, cluster, thermal, economics; shared/reference/equation-graph.md §10");

    /** Seed 002: MLSys·im, the textbook simulator whose sustainability, reliability, serving and scorecard LSDT follows. */
    public static final Reference MLSYSIM = new Reference(
            "MLSys·im: ML systems modelling for the Machine Learning Systems textbook (harvard-edge/cs249r_book, mlsysim; "
                    + "seed 002)", "https://github.com/harvard-edge/cs249r_book", null, Kind.SOFTWARE, "2026-06",
            "shared/reference/mlsysim.md §6");

    /** The Green Grid's definition of PUE and WUE. */
    public static final Reference GREEN_GRID = new Reference(
            "PUE: A Comprehensive Examination of the Metric (The Green Grid, White Paper #49); WUE (White Paper #35)",
            "https://www.thegreengrid.org/", null, Kind.DOCUMENTATION, "2012", "PUE = total facility power / IT "
                    + "power; WUE = site water / IT energy");

    /** Barroso and Hölzle 2007: energy-proportional computing (idle power about 30–50 % of peak). */
    public static final Reference BARROSO_2007 = new Reference(
            "The Case for Energy-Proportional Computing (Barroso and Hölzle, IEEE Computer 40(12))", null,
            "10.1109/MC.2007.443", Kind.PAPER, "2007-12", null);

    /** Young 1974: first-order optimum checkpoint interval √(2δM). */
    public static final Reference YOUNG_1974 = new Reference(
            "A First Order Approximation to the Optimum Checkpoint Interval (Young, CACM 17(9))", null,
            "10.1145/361147.361115", Kind.PAPER, "1974-09", null);

    /** Daly 2006: higher-order optimum checkpoint interval and the expected wall time with failures. */
    public static final Reference DALY_2006 = new Reference(
            "A Higher Order Estimate of the Optimum Checkpoint Interval for Restart Dumps (Daly, FGCS 22(3))", null,
            "10.1016/j.future.2004.11.016", Kind.PAPER, "2006-02", null);

    /** Kleinrock 1975: M/M/c queues and Erlang's C formula. */
    public static final Reference KLEINROCK_1975 = new Reference(
            "Queueing Systems, Volume 1: Theory (Kleinrock, Wiley)", null, null, Kind.PAPER, "1975",
            "§3.5, M/M/m: Erlang's C formula; waiting time distribution");

    /** Blom 1958: the expected order statistics of a normal sample, Φ⁻¹((i − 3/8)/(n + 1/4)). */
    public static final Reference BLOM_1958 = new Reference(
            "Statistical Estimates and Transformed Beta-Variables (Blom, Wiley/Almqvist & Wiksell)", null, null,
            Kind.PAPER, "1958", "expected normal order statistic E[X(i:n)] ≈ Φ⁻¹((i − 3/8)/(n + 1/4))");

    /** Dean and Barroso 2013: the tail at scale (a synchronous step waits for its slowest member). */
    public static final Reference DEAN_BARROSO_2013 = new Reference(
            "The Tail at Scale (Dean and Barroso, CACM 56(2))", null, "10.1145/2408776.2408794", Kind.PAPER,
            "2013-02", null);

    /** Kwon et al. 2023 (vLLM): the KV cache per token, 2 · layers · kv_heads · head_dim · bytes. */
    public static final Reference KWON_2023 = new Reference(
            "Efficient Memory Management for Large Language Model Serving with PagedAttention (Kwon et al., SOSP 2023)",
            "https://arxiv.org/abs/2309.06180", "arXiv:2309.06180", Kind.PAPER, "2023-09", "§2.3: KV cache size");

    /** Williams, Waterman and Patterson 2009: the roofline model. */
    public static final Reference ROOFLINE_2009 = new Reference(
            "Roofline: An Insightful Visual Performance Model for Multicore Architectures (Williams et al., CACM 52(4))",
            null, "10.1145/1498765.1498785", Kind.PAPER, "2009-04", "time ≥ max(FLOPs / peak, bytes / bandwidth)");

    /** Patterson et al. 2021: energy and carbon of training large networks. */
    public static final Reference PATTERSON_2021 = new Reference(
            "Carbon Emissions and Large Neural Network Training (Patterson et al.)", "https://arxiv.org/abs/2104.10350",
            "arXiv:2104.10350", Kind.PAPER, "2021-04", "energy = hours × processors × average power × PUE; CO2e = "
                    + "energy × grid intensity");

    /** LSDT's fit on the development set (data/validation/dev_runs.csv). */
    public static final Reference FITTED_DEV_SET = new Reference(
            "LSDT calibration fitted on the development set (dev_runs.csv); see lsdt validate",
            "docs/calibration.md", null, Kind.ESTIMATE, "2026-11", "fitted");

    /** LSDT's residuals table: the step model's log errors on the development runs, per regime. */
    public static final Reference DEV_RESIDUALS = new Reference(
            "LSDT residuals on the development runs (dev_runs.csv, dev_runs_wave2.csv), per regime; lsdt-physics "
                    + "resource lsdt/validation/residuals.yaml, regenerated by lsdt validate --write-intervals",
            "docs/calibration.md#uncertainty", null, Kind.ESTIMATE, "2026-12", "P10 and P90 of ln(measured rate / "
                    + "predicted rate), sample quantiles of Hyndman & Fan 1996 (doi:10.2307/2684934) definition 6");

    /**
     * A definition made by LSDT (no outside source needed: it names a quantity).
     *
     * @param what the quantity defined, in words
     * @return a reference of kind {@link Kind#DEFINITION} titled "LSDT definition: " and {@code what}
     */
    public static Reference definition(String what) {
        return new Reference("LSDT definition: " + what, null, null, Kind.DEFINITION, null, null);
    }
}
