package io.lsdt.physics.design;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;
import io.lsdt.physics.comm.CommScope;
import io.lsdt.physics.comm.CommScope.Op;
import java.util.List;
import java.util.Set;

/**
 * Scope {@code design}: memory, compute and communication of one parallel configuration of a training step, per GPU.
 *
 * <p>Inputs are the configuration (TP, PP, virtual stages, DP, CP, EP, micro-batch, global batch; 0/1 flags for
 * sequence parallelism, recomputation, ZeRO stages, schedule and overlap), the hardware (dense peak, HBM, scale-up
 * and scale-out links per direction) and calibration constants (GEMM efficiency curve, memory-bound factor,
 * overlap shares, framework reserve) whose provenance is stated on each. The model's shape comes from the
 * {@code arch} scope. The search compiles these equations once and evaluates them over {@code double} slots.
 *
 * <p>Structure of the step (per pipeline stage, per micro-batch, then the schedule):
 * t_mb = compute + recompute + memory-bound + exposed TP + exposed CP + EP all-to-all + PP point-to-point;
 * step = m · t_mb + bubble (p−1)/v · t_mb + exposed DP + optimizer.
 *
 * <p>Every communication term is an instance of the {@code comm} scope ({@link #comms()}): {@code design.tp_comm},
 * {@code design.cp_comm}, {@code design.ep_comm}, {@code design.pp_comm}, {@code design.dp_grad_comm} and
 * {@code design.dp_weight_comm}, each binding the group size, the payload and the link choice to this scope.
 */
public final class DesignScope {
    /** Scope name. */
    public static final String NAME = "design";

    private DesignScope() {}

    /**
     * The scopes of the design layer.
     *
     * @return the design scope and its communication instances, in load order
     */
    public static List<Scope> all() {
        List<Scope> out = new java.util.ArrayList<>();
        out.add(create());
        out.addAll(comms());
        return out;
    }

    /**
     * The design's collectives, each an instance of the {@code comm} formulas over the design's links.
     *
     * @return the instance scopes
     */
    public static List<Scope> comms() {
        CommScope.Links links = new CommScope.Links("design.bw_up", "design.bw_out", "design.eff_link_up",
                "design.eff_link_out", "design.lat_up", "design.lat_out");
        Reference sh = References.SHOEYBI_2019;
        return List.of(
                CommScope.instance("design.tp_comm", "the tensor-parallel group", "design.tp",
                        "design.tok_mb * arch.hidden * 2 [B/token]", "design.tp_cross", "1", links,
                        Set.of(Op.ALL_REDUCE), sh.at("§3: each all-reduce carries one micro-batch's 16-bit "
                                + "activations, b·s·h·2 bytes")),
                CommScope.instance("design.cp_comm", "the context-parallel group", "design.cp",
                        "design.cp * design.tok_mb * design.kv_tok", "design.cp_cross", "1", links,
                        Set.of(Op.ALL_GATHER), References.RING_ATTENTION.at("each layer's keys and values of the "
                                + "whole sequence pass the ring: an all-gather of cp chunks")),
                CommScope.instance("design.ep_comm", "the expert-parallel group", "design.ep",
                        "design.tok_mb * arch.top_k * arch.hidden * 2 [B/token] / design.tp", "design.ep_cross", "1",
                        links, Set.of(Op.ALL_TO_ALL), References.GSHARD.at("§2.2: each token's hidden state goes to "
                                + "its top-k experts")),
                CommScope.instance("design.pp_comm", "neighbouring pipeline stages", "2",
                        "design.tok_mb * arch.hidden * 2 [B/token] / design.tp", "design.pp_cross", "1", links,
                        Set.of(Op.P2P), References.NARAYANAN_2021.at("§4.1: scatter/gather splits the transfer "
                                + "over TP")),
                CommScope.instance("design.dp_grad_comm", "the shard group's gradients", "design.shard",
                        "design.params_gpu * design.train_frac * design.b_grad_comm", "design.shard_cross", "design.shard_local",
                        links, Set.of(Op.ALL_REDUCE, Op.REDUCE_SCATTER), References.ZERO_2020.at("§5.2, §7")),
                CommScope.instance("design.dp_weight_comm", "the shard group's weights", "design.shard",
                        "design.params_gpu * design.b_w", "design.shard_cross", "design.shard_local", links, Set.of(Op.ALL_GATHER),
                        References.ZERO_2020.at("§5.2, §7")),
                CommScope.instance("design.dp_unit_grad_comm", "one unit's (layer's) gradients over the shard group",
                        "design.shard", "design.params_layer_gpu * design.train_frac * design.b_grad_comm",
                        "design.shard_cross", "design.shard_local", links, Set.of(Op.REDUCE_SCATTER),
                        References.PYTORCH_FSDP.at("FULL_SHARD: one reduce-scatter per wrapped unit (layer) after "
                                + "its backward")),
                CommScope.instance("design.dp_unit_weight_comm", "one unit's (layer's) weights over the shard group",
                        "design.shard", "design.params_layer_gpu * design.b_w", "design.shard_cross",
                        "design.shard_local", links, Set.of(Op.ALL_GATHER), References.PYTORCH_FSDP.at(
                                "FULL_SHARD: one all-gather per wrapped unit (layer) before its forward and again "
                                + "before its backward")),
                CommScope.instance("design.dp_unit_rep_comm", "one unit's shard over its replicas (FSDP HYBRID_SHARD)",
                        "design.n_rep", "design.params_layer_gpu * design.train_frac * design.b_grad_comm "
                                + "/ design.shard", "design.dp_cross", "1", links, Set.of(Op.ALL_REDUCE),
                        References.PYTORCH_FSDP.at("HYBRID_SHARD: each unit's reduced shard all-reduced over the "
                                + "replicas")),
                CommScope.instance("design.dp_rep_comm", "the replicas of a shard (FSDP HYBRID_SHARD)",
                        "design.n_rep", "design.params_gpu * design.train_frac * design.b_grad_comm / design.shard",
                        "design.dp_cross", "1", links, Set.of(Op.ALL_REDUCE), References.PYTORCH_FSDP.at(
                                "ShardingStrategy.HYBRID_SHARD: FULL_SHARD within a node, parameters replicated "
                                + "across nodes; each shard's reduced gradient is all-reduced over its replicas")));
    }

    /**
     * The {@code design} scope: the step time ledger, memory per device and MFU of one parallel design.
     *
     * @return a new filled scope (without its communication instances: see {@link #all()})
     */
    public static Scope create() {
        Reference def = References.definition("design configuration");
        Reference k = References.KORTHIKANTI_2022;
        Reference n = References.NARAYANAN_2021;
        Reference ring = References.RING_ALLREDUCE;
        Reference fit = References.FITTED_DEV_SET;
        Scope s = Scope.named(NAME, "Memory, compute and communication of one parallel configuration, per GPU");

        // ---- configuration
        s.variable("tp", "1", "tensor-parallel degree", def, Range.POSITIVE)
                .variable("pp", "1", "pipeline stages", def, Range.POSITIVE)
                .variable("vpp", "1", "virtual stages per device (interleaved 1F1B; else 1)", def, Range.POSITIVE)
                .variable("dp", "1", "data-parallel degree", def, Range.POSITIVE)
                .variable("cp", "1", "context-parallel degree", def, Range.POSITIVE)
                .variable("ep", "1", "expert-parallel degree", def, Range.POSITIVE)
                .variable("mb", "1", "sequences per micro-batch", def, Range.POSITIVE)
                .variable("gbs", "1", "sequences per optimizer step", def, Range.POSITIVE)
                .variable("sp", "1", "1 with Megatron sequence parallelism", def, Range.UNIT_INTERVAL)
                .variable("rc_full", "1", "1 with full activation recomputation", def, Range.UNIT_INTERVAL)
                .variable("rc_sel", "1", "1 with selective recomputation (attention core)", def, Range.UNIT_INTERVAL)
                .variable("z1", "1", "1 when optimizer state is sharded over DP (ZeRO ≥ 1)", def, Range.UNIT_INTERVAL)
                .variable("z2", "1", "1 when gradients are sharded over DP (ZeRO ≥ 2)", def, Range.UNIT_INTERVAL)
                .variable("z3", "1", "1 when weights are sharded over DP (ZeRO-3 / FSDP)", def, Range.UNIT_INTERVAL)
                .variable("gpipe", "1", "1 for the GPipe schedule (all micro-batches in flight)", def,
                        Range.UNIT_INTERVAL)
                .variable("interleaved", "1", "1 for interleaved 1F1B", def, Range.UNIT_INTERVAL)
                .variable("zb", "1", "1 for the zero-bubble ZB-H1 schedule (backward split into B and W)", def,
                        Range.UNIT_INTERVAL)
                .variable("overlap_dp", "1", "1 when DP communication overlaps the backward pass", def,
                        Range.UNIT_INTERVAL)
                .variable("overlap_tp", "1", "1 when TP communication overlaps compute", def, Range.UNIT_INTERVAL)
                .variable("flash", "1", "1 when attention is a fused kernel that never stores the scores "
                        + "(FlashAttention)", def, Range.UNIT_INTERVAL)
                .variable("shard", "1", "GPUs over which ZeRO shards the state: the DP × CP group, or the node for "
                        + "FSDP HYBRID_SHARD", References.PYTORCH_FSDP, Range.POSITIVE)
                .variable("train_frac", "1", "share of the parameters trained: 1 for pre-training and full "
                        + "fine-tuning, the adapters' share for LoRA", References.LORA, Range.FRACTION)
                .variable("off_opt", "1", "1 when the optimizer state and its step live on the host (offload)",
                        References.ZERO_OFFLOAD, Range.UNIT_INTERVAL)
                .variable("off_par", "1", "1 when parameters and gradients live on the host too (FSDP CPU offload)",
                        References.ZERO_OFFLOAD, Range.UNIT_INTERVAL)
                .variable("dequant", "1", "1 when weights are stored below 16 bits and dequantized before use "
                        + "(QLoRA's NF4 base)", References.QLORA, Range.UNIT_INTERVAL)
                .variable("b_w", "B/param", "bytes per weight held (16-bit)", References.ZERO_2020, Range.POSITIVE)
                .variable("b_grad", "B/param", "bytes per gradient held (fp32 main gradients in Megatron)",
                        References.ZERO_2020, Range.POSITIVE)
                .variable("b_opt", "B/param", "optimizer bytes per parameter (fp32 master, Adam m and v)",
                        References.ZERO_2020, Range.NON_NEGATIVE)
                .variable("b_grad_comm", "B/param", "bytes per gradient in the DP reduction", def, Range.POSITIVE);

        // ---- hardware
        Reference hw = References.definition("catalog device and fabric");
        s.variable("peak", "FLOP/s", "dense peak per GPU at the GEMM precision", hw, Range.POSITIVE)
                .variable("peak_attn", "FLOP/s", "dense 16-bit peak per GPU, at which attention runs", hw,
                        Range.POSITIVE)
                .variable("hbm_bw", "B/s", "device memory bandwidth", hw, Range.POSITIVE)
                .variable("host_bw", "B/s", "host (PCIe) link per GPU per direction", hw, Range.POSITIVE)
                .variable("host_mem_bw", "B/s", "host DRAM bandwidth per GPU of the server", hw, Range.POSITIVE)
                .variable("host_cap", "B", "host memory per GPU of the server", hw, Range.POSITIVE)
                .variable("hbm_cap", "GB", "device memory capacity", hw, Range.POSITIVE)
                .variable("bw_up", "B/s", "scale-up bandwidth per GPU per direction", hw, Range.POSITIVE)
                .variable("domain", "1", "GPUs in one scale-up domain", hw, Range.POSITIVE)
                .variable("bw_out", "B/s", "scale-out bandwidth per GPU per direction", hw, Range.POSITIVE)
                .variable("lat_up", "s", "α of one ring step on the scale-up link (catalog collectives.yaml)", hw, Range.NON_NEGATIVE)
                .variable("lat_out", "s", "α of one ring step on the scale-out link (catalog collectives.yaml)", hw, Range.NON_NEGATIVE);
        // the physical floor: a plan takes the datasheet figures above; a resolve choosing these variants takes them
        // from the silicon (io.lsdt.physics.floor.FloorScopes). Capacity enters no time, only memory_fits: a brief's
        // floor section sets it through the hardware (io.lsdt.physics.floor.FloorHardware)
        Reference floor = References.definition("the device's physical floor (scopes chip, hbm, links)");
        s.variant("peak", "floor", "chip.peak", floor, "units × FLOP per clock × clock")
                .variant("hbm_bw", "floor", "hbm.bw", floor, "stacks × pins × per-pin rate")
                .variant("bw_up", "floor", "links.scale_up_bw", floor, "links × per-link bandwidth");

        // ---- calibration
        s.variable("eff_gemm_max", "1", "GEMM efficiency of large matrix multiplications (share of dense peak)", fit,
                        Range.FRACTION)
                .variable("gemm_half", "1", "per-GPU GEMM width (hidden / TP) at which efficiency is half its "
                        + "maximum", fit, Range.POSITIVE)
                .variable("k_mem", "1", "memory traffic of memory-bound kernels per stored activation byte", fit,
                        Range.NON_NEGATIVE)
                .variable("tp_hidden", "1", "share of TP communication hidden when overlap is on", fit,
                        Range.UNIT_INTERVAL)
                .variable("eff_attn", "1", "attention-core efficiency relative to large GEMMs", fit, Range.FRACTION)
                .variable("eff_link_up", "1", "achieved share of the scale-up link rate in collectives (NCCL bus "
                        + "bandwidth; assumption)", References.definition("assumption"), Range.FRACTION)
                .variable("eff_link_out", "1", "achieved share of the scale-out link rate in collectives "
                        + "(assumption)", References.definition("assumption"), Range.FRACTION)
                .variable("reserve", "GiB", "framework, allocator and communication buffers per GPU (assumption)",
                        References.definition("assumption"), Range.NON_NEGATIVE);

        // ---- work
        s.variable("m", "1", "micro-batches per pipeline per step", n, Range.POSITIVE)
                .equation("m", "gbs / (dp * mb)", n.at("§2.2: m = B / (d·b)"))
                .variable("tok_mb", "token", "tokens of one micro-batch on one GPU (CP splits the sequence)", def,
                        Range.POSITIVE)
                .equation("tok_mb", "mb * arch.seq_len / cp * [token]", def)
                .variable("tokens_step", "token", "tokens per optimizer step", def, Range.POSITIVE)
                .equation("tokens_step", "gbs * arch.seq_len * [token]", def)
                .variable("layers_stage", "1", "layers on the busiest pipeline device (stages may be uneven)", n,
                        Range.POSITIVE)
                .equation("layers_stage", "ceil(arch.layers / (pp * vpp)) * vpp", n,
                        "uneven stages allowed (Llama 3: 126 layers on 16 stages); the fullest stage sets the pace")
                .variable("ffn_active_params_avg", "param", "FFN parameters a token passes through, averaged over "
                        + "layers", References.MOE, Range.NON_NEGATIVE)
                .equation("ffn_active_params_avg", "(arch.dense_layers * arch.ffn_dense_params_per_layer"
                        + " + arch.moe_layers * arch.moe_ffn_active_params_per_layer) / arch.layers", References.MOE)
                .variable("proj_flop_tok", "FLOP/token", "forward FLOPs per token per layer in linear layers", n,
                        Range.POSITIVE)
                .equation("proj_flop_tok", "2 * (arch.attn_params_per_layer + ffn_active_params_avg)"
                        + " * [FLOP/(param·token)]", References.KAPLAN_2020.at("§2.1: 2 FLOP per parameter per token "
                                + "in the forward pass"))
                .variable("core_flop_tok", "FLOP/token", "forward FLOPs per token per layer in attention scores and "
                        + "values (full, not causal-halved, as Megatron counts)", n, Range.POSITIVE)
                .equation("core_flop_tok", "2 * arch.seq_len * arch.heads * (arch.attn_qk_dim + arch.attn_v_dim)"
                        + " * [FLOP/token]", n.at("§5.1 Eq. 2: the 4·b·s²·h attention terms per layer"))
                .variable("logits_flop_tok", "FLOP/token", "forward FLOPs per token of the output projection", n,
                        Range.POSITIVE)
                .equation("logits_flop_tok", "2 * arch.hidden * arch.vocab * [FLOP/token]", n.at("§5.1 Eq. 2: V/(16lh)"))
                .variable("flop_model_step", "FLOP", "model FLOPs of one step: forward + backward (= 3 × forward)", n,
                        Range.POSITIVE)
                .equation("flop_model_step", "3 * tokens_step * (arch.layers * (proj_flop_tok + core_flop_tok)"
                        + " + logits_flop_tok)", n.at("§5.1: backward = 2 × forward"))
                .variable("flop_hw_step", "FLOP", "FLOPs executed per step: model FLOPs plus recomputation", k,
                        Range.POSITIVE)
                .equation("flop_hw_step", "flop_model_step + tokens_step * arch.layers"
                        + " * (rc_full * (proj_flop_tok + core_flop_tok) + rc_sel * core_flop_tok)"
                        + " - (1 - train_frac) * tokens_step * (arch.layers * proj_flop_tok + logits_flop_tok)",
                        k.at("§5: full recompute repeats the forward; selective repeats the attention core"),
                        "frozen weights skip their weight gradients (LoRA)");

        // ---- compute per layer per micro-batch, then per stage (the simulator's physical predictor reads the
        // ---- per-layer quantities; the stage sums are built from them, so both say the same)
        s.variable("gemm_width", "1", "per-GPU width of the layer's GEMMs: hidden / TP", def, Range.POSITIVE)
                .equation("gemm_width", "arch.hidden / tp", def)
                .variable("eff_gemm", "1", "GEMM efficiency at this width (saturating)", fit, Range.FRACTION)
                .equation("eff_gemm", "eff_gemm_max * gemm_width / (gemm_width + gemm_half)", fit,
                        "fitted shape: narrow per-GPU GEMMs under-use the tensor cores; Korthikanti et al.'s MFU rises "
                                + "41.7 → 56.3 % as hidden/TP grows 768 → 3,200")
                .variable("core_exec", "1", "share of the counted attention-core FLOPs a kernel executes: fused "
                        + "kernels skip the blocks a causal mask hides", References.FLASH_ATTENTION_2, Range.FRACTION)
                .equation("core_exec", "1 - flash * 0.5", References.FLASH_ATTENTION_2)
                .variable("t_proj_fwd_layer_mb", "s", "forward time of one layer's linear layers (GEMMs) for one "
                        + "micro-batch on one GPU", n, Range.POSITIVE)
                .equation("t_proj_fwd_layer_mb", "tok_mb / tp * proj_flop_tok / (peak * eff_gemm)", n)
                .variable("t_core_fwd_layer_mb", "s", "forward time of one layer's attention core (scores and values) "
                        + "for one micro-batch on one GPU", n, Range.POSITIVE)
                .equation("t_core_fwd_layer_mb", "tok_mb / tp * core_flop_tok * core_exec"
                        + " / (peak_attn * eff_gemm * eff_attn)", n,
                        "attention runs in 16-bit at eff_attn of the GEMM efficiency, causal blocks skipped when fused")
                .variable("t_fwd_layer_mb", "s", "forward GEMM and attention time of one transformer layer for one "
                        + "micro-batch on one GPU", n, Range.POSITIVE)
                .equation("t_fwd_layer_mb", "t_proj_fwd_layer_mb + t_core_fwd_layer_mb", n)
                .variable("t_logits_fwd_mb", "s", "forward time of the output projection for one micro-batch (last "
                        + "stage)", n, Range.POSITIVE)
                .equation("t_logits_fwd_mb", "tok_mb * logits_flop_tok / (tp * peak * eff_gemm)", n)
                .variable("t_compute_mb", "s", "GEMM and attention time of one micro-batch on the busiest stage, "
                        + "forward and backward: a linear layer's backward is its activation gradient (1 × forward) "
                        + "and, for trained weights, its weight gradient (1 × forward); the attention core's is 2 × "
                        + "forward", n, Range.POSITIVE)
                .equation("t_compute_mb", "(2 + train_frac) * (layers_stage * t_proj_fwd_layer_mb + t_logits_fwd_mb)"
                        + " + 3 * layers_stage * t_core_fwd_layer_mb",
                        n.at("§5.1: backward = 2 × forward; the last stage also computes the logits"),
                        "frozen weights (LoRA) skip their weight-gradient GEMMs (Hu et al. 2021 §4.2): train_frac "
                                + "= 1 gives 3 × forward")
                .variable("t_recompute_layer_mb", "s", "recomputation time of one layer for one micro-batch", k,
                        Range.NON_NEGATIVE)
                .equation("t_recompute_layer_mb", "rc_full * tok_mb * proj_flop_tok / (tp * peak * eff_gemm)"
                        + " + (rc_full + rc_sel) * tok_mb * core_flop_tok * core_exec"
                        + " / (tp * peak_attn * eff_gemm * eff_attn)", k,
                        "the repeated linear layers run at the GEMM rate, the repeated attention core at the attention "
                                + "rate, as in the forward pass")
                .variable("t_recompute_mb", "s", "recomputation time of one micro-batch", k, Range.NON_NEGATIVE)
                .equation("t_recompute_mb", "layers_stage * t_recompute_layer_mb", k);

        // ---- activation bytes per token per layer (Korthikanti §4, generalised to GQA, gated FFN and MoE)
        s.variable("ffn_act_width", "1", "FFN inner width a token activates, averaged over layers", References.MOE,
                        Range.POSITIVE)
                .equation("ffn_act_width", "(arch.dense_layers * arch.ffn_hidden + arch.moe_layers"
                        + " * (arch.top_k + arch.shared_experts) * arch.expert_ffn_hidden) / arch.layers", References.MOE)
                .variable("act_rep_tok", "B/token", "activation bytes per token per layer that TP replicates unless "
                        + "sequence parallelism splits them: norm inputs, block inputs, dropout masks",
                        k.at("§4.2: the 10·sbh term"), Range.POSITIVE)
                .equation("act_rep_tok", "10 * arch.hidden * [B/token]", k.at("§4.1–4.2: 4 (norms) + 2 + 2 (block "
                        + "inputs) + 1 + 1 (dropout masks) bytes per hidden element"))
                .variable("act_split_tok", "B/token", "activation bytes per token per layer that TP splits: Q, K, V, "
                        + "attention output, FFN inner activations", k, Range.POSITIVE)
                .equation("act_split_tok", "(2 * arch.heads * arch.attn_qk_dim + 2 * arch.kv_heads * arch.attn_qk_dim"
                        + " + 2 * arch.kv_heads * arch.attn_v_dim + 2 * arch.heads * arch.attn_v_dim"
                        + " + 2 * ffn_act_width * arch.ffn_matrices) * [B/token]",
                        k.at("§4.1: 24·sbh for MHA and a 4h GELU MLP (Q,K 4, V 2, output 2; MLP 8 + 8)"),
                        "generalised: K and V scale with kv heads; a gated FFN stores one more inner activation")
                .variable("act_scores_tok", "B/token", "attention score, softmax and dropout bytes per token per layer",
                        k, Range.NON_NEGATIVE)
                .equation("act_scores_tok", "5 * arch.heads * arch.seq_len * [B/token]", k.at("§4.1: 5·as²b"))
                .variable("sp_factor", "1", "share of the replicated activations one GPU keeps", k, Range.FRACTION)
                .equation("sp_factor", "1 - sp + sp / tp", k.at("§4.2.2: sequence parallelism splits them over t"))
                .variable("act_tok_layer", "B/token", "activation bytes stored per token per layer, per GPU", k,
                        Range.POSITIVE)
                .equation("act_tok_layer", "rc_full * 2 * arch.hidden * sp_factor * [B/token]"
                        + " + (1 - rc_full) * (act_rep_tok * sp_factor + (act_split_tok"
                        + " + (1 - rc_sel) * (1 - flash) * act_scores_tok) / tp)",
                        k.at("§4.2 Eq. (1)–(4), §5: full recompute keeps 2·sbh; selective drops 5as²b"),
                        "a fused (flash) attention kernel never stores the 5as²b scores either (it keeps only "
                                + "per-row softmax statistics, negligible)")
                .variable("inflight", "1", "micro-batches whose activations the first stage holds at once", k,
                        Range.POSITIVE)
                .equation("inflight", "gpipe * m + (1 - gpipe) * min(m, min(m, pp)"
                        + " * (1 + interleaved * (pp - 1) / (pp * vpp)))",
                        k.at("§4.2.3: 1F1B holds p micro-batches on the first stage; interleaving × (1 + (p−1)/(pv))"),
                        "never more than the step's m micro-batches: with m ≤ p the interleaved warm-up already runs "
                                + "every forward (found by simulating the schedule, lsdt simulate --plan)")
                .variable("act_logits_bytes", "B", "output-layer activations (norm input, projection input, fp32 "
                        + "logits) of one micro-batch on the last stage", k, Range.POSITIVE)
                .equation("act_logits_bytes", "4 * tok_mb * arch.hidden * (1 + arch.vocab / arch.hidden) / tp"
                        + " * [B/token]", k.at("§4.3: 4·sbh/t·(1 + v/h)"));

        // ---- memory per GPU
        s.variable("params_gpu", "param", "parameters one GPU holds before ZeRO sharding", n, Range.POSITIVE)
                .equation("params_gpu", "(arch.params_total - arch.routed_expert_params) / (pp * tp)"
                        + " + arch.routed_expert_params / (pp * ep)", n, "routed experts are split over EP, the rest "
                        + "over TP and PP")
                .variable("n_dp", "1", "replicas over which gradients are reduced (DP × CP)", def, Range.POSITIVE)
                .equation("n_dp", "dp * cp", def)
                .variable("n_rep", "1", "replicas of each shard group (FSDP HYBRID_SHARD; 1 when the state is sharded "
                        + "over the whole DP × CP group)", References.PYTORCH_FSDP, Range.POSITIVE)
                .equation("n_rep", "n_dp / shard", References.PYTORCH_FSDP)
                .variable("mem_weights", "B", "weights per GPU", References.ZERO_2020, Range.POSITIVE)
                .equation("mem_weights", "params_gpu * b_w * (1 - z3 + z3 / shard) * (1 - off_par)"
                        + " + off_par * 2 * params_layer_gpu * b_w", References.ZERO_2020.at("§5.1"),
                        "with parameters offloaded only the unit in use and the prefetched one are on the device")
                .variable("mem_grads", "B", "gradients per GPU", References.ZERO_2020, Range.POSITIVE)
                .equation("mem_grads", "params_gpu * train_frac * b_grad * (1 - z2 + z2 / shard) * (1 - off_par)"
                        + " + off_par * params_layer_gpu * train_frac * b_grad",
                        References.ZERO_2020.at("§5.1"), "only trained parameters have gradients (LoRA); offloaded, "
                                + "one unit's gradient before its copy to the host")
                .variable("mem_opt", "B", "optimizer state per GPU", References.ZERO_2020, Range.NON_NEGATIVE)
                .equation("mem_opt", "params_gpu * train_frac * b_opt * (1 - z1 + z1 / shard) * (1 - off_opt)",
                        References.ZERO_2020.at("§5.1"), "only trained parameters have optimizer state (LoRA); none "
                                + "on the device when offloaded")
                .variable("mem_host", "B", "training state offloaded to host memory, per GPU", References.ZERO_OFFLOAD,
                        Range.NON_NEGATIVE)
                .equation("mem_host", "off_opt * params_gpu * train_frac * b_opt * (1 - z1 + z1 / shard)"
                        + " + off_par * params_gpu / shard * (b_w + train_frac * b_grad)", References.ZERO_OFFLOAD,
                        "the optimizer state the device no longer holds; with parameters offloaded their shard and "
                                + "its gradient too")
                .variable("mem_act", "B", "activations per GPU (first stage; the last stage's logits when pp = 1)", k,
                        Range.POSITIVE)
                .equation("mem_act", "act_tok_layer * tok_mb * layers_stage * inflight"
                        + " + max(0, 2 - pp) * act_logits_bytes", k)
                .variable("mem_total", "GiB", "memory per GPU", def, Range.POSITIVE)
                .equation("mem_total", "mem_weights + mem_grads + mem_opt + mem_act + reserve", def);

        // ---- links: a group crosses the scale-up domain when it is larger than it
        s.variable("tp_cross", "1", "1 when the TP group spans more than one scale-up domain", def, Range.UNIT_INTERVAL)
                .equation("tp_cross", "min(1, ceil(tp / domain) - 1)", def)
                .variable("pp_cross", "1", "1 when neighbouring stages sit in different scale-up domains", def,
                        Range.UNIT_INTERVAL)
                .equation("pp_cross", "min(1, ceil(tp * cp * dp * pp / domain) - 1)", def)
                .variable("cp_cross", "1", "1 when the CP group spans scale-up domains", def, Range.UNIT_INTERVAL)
                .equation("cp_cross", "min(1, ceil(tp * cp / domain) - 1)", def)
                .variable("ep_cross", "1", "1 when the EP group spans scale-up domains", def, Range.UNIT_INTERVAL)
                .equation("ep_cross", "min(1, ceil(tp * ep / domain) - 1)", def)
                .variable("shard_cross", "1", "1 when the shard group spans scale-up domains", def,
                        Range.UNIT_INTERVAL)
                .equation("shard_cross", "min(1, ceil(tp * shard / domain) - 1)", def)
                .variable("shard_local", "1", "members of the shard group in one scale-up domain: the group's GPUs "
                        + "sit tp apart (Megatron's rank order tp, cp, dp, pp)", def, Range.POSITIVE)
                .equation("shard_local", "max(1, min(shard, floor(domain / tp)))", def)
                .variable("dp_cross", "1", "1 when the DP group spans scale-up domains", def, Range.UNIT_INTERVAL)
                .equation("dp_cross", "min(1, ceil(tp * cp * dp / domain) - 1)", def);

        // ---- tensor parallel
        Reference sh = References.SHOEYBI_2019;
        s.variable("t_tp_ar", "s", "one TP all-reduce of a micro-batch's activations (ring: 2(n−1)/n of the "
                        + "payload, 2(n−1) latencies)", ring, Range.NON_NEGATIVE)
                .equation("t_tp_ar", "tp_comm.t_all_reduce", ring.at("ring all-reduce 2(n−1)/n·S (Patarasuk and Yuan "
                        + "2009), scope design.tp_comm"))
                .variable("t_tp_mb", "s", "TP collectives of one micro-batch: 2 all-reduces (or all-gather + "
                        + "reduce-scatter with SP) per layer forward and backward, 2 more with full recompute", sh,
                        Range.NON_NEGATIVE)
                .equation("t_tp_mb", "min(1, tp - 1) * layers_stage * (4 + 2 * rc_full) * t_tp_ar", sh.at("§3"))
                .variable("t_tp_exposed_mb", "s", "TP communication left on the critical path", fit, Range.NON_NEGATIVE)
                .equation("t_tp_exposed_mb", "t_tp_mb * (1 - overlap_tp * tp_hidden)", fit);

        // ---- context parallel (ring attention), overlapped with the attention core
        s.variable("kv_tok", "B/token", "key and value bytes per token per layer on one GPU", def, Range.POSITIVE)
                .equation("kv_tok", "arch.kv_heads * (arch.attn_qk_dim + arch.attn_v_dim) * 2 * [B/token] / tp", def)
                .variable("t_cp_layer", "s", "ring exchange of one layer's K and V in the forward: (cp − 1) chunks",
                        References.RING_ATTENTION, Range.NON_NEGATIVE)
                .equation("t_cp_layer", "cp_comm.t_all_gather", References.RING_ATTENTION,
                        "(cp − 1) chunks of one GPU's keys and values: a ring all-gather (scope design.cp_comm)")
                .variable("t_cp_mb", "s", "ring exchange of K and V: (cp − 1) chunks forward, twice that backward",
                        References.RING_ATTENTION, Range.NON_NEGATIVE)
                .equation("t_cp_mb", "layers_stage * 3 * t_cp_layer", References.RING_ATTENTION)
                .variable("t_core_mb", "s", "attention-core compute time of one micro-batch (forward and backward)",
                        References.RING_ATTENTION, Range.POSITIVE)
                .equation("t_core_mb", "3 * tok_mb * layers_stage * core_flop_tok * core_exec"
                        + " / (tp * peak_attn * eff_gemm * eff_attn)",
                        References.RING_ATTENTION)
                .variable("t_cp_exposed_mb", "s", "ring exchange not hidden behind the attention core",
                        References.RING_ATTENTION, Range.NON_NEGATIVE)
                .equation("t_cp_exposed_mb", "max(0 [s], t_cp_mb - t_core_mb)", References.RING_ATTENTION);

        // ---- expert parallel all-to-all
        s.variable("t_ep_mb", "s", "expert all-to-all of one micro-batch: dispatch and combine, forward and backward "
                        + "(two more with full recompute)",
                        References.GSHARD, Range.NON_NEGATIVE)
                .equation("t_ep_mb", "arch.moe_layers / pp * (4 + 2 * rc_full) * ep_comm.t_all_to_all",
                        References.GSHARD.at("§2.2: dispatch and combine all-to-all (scope design.ep_comm)"));

        // ---- pipeline point-to-point and schedule
        s.variable("t_pp_hop", "s", "one transfer of a micro-batch's activations (or their gradient) between "
                        + "stages", n, Range.POSITIVE)
                .equation("t_pp_hop", "pp_comm.t_p2p", n.at("§4.1: scatter/gather splits the transfer over TP "
                        + "(scope design.pp_comm)"))
                .variable("t_pp_mb", "s", "activation and gradient transfers of one micro-batch between stages", n,
                        Range.NON_NEGATIVE)
                .equation("t_pp_mb", "min(1, pp - 1) * 2 * vpp * t_pp_hop", n.at("§2.2: p2p per micro-batch, "
                        + "interleaving multiplies it by v"))
                .variable("t_mem_layer_mb", "s", "memory-bound kernels (norms, activations, dropout, residuals) of "
                        + "one layer's forward for one micro-batch; the backward moves twice as much", fit,
                        Range.NON_NEGATIVE)
                .equation("t_mem_layer_mb", "k_mem * tok_mb * (act_rep_tok * sp_factor"
                        + " + (act_split_tok + (1 - flash) * act_scores_tok) / tp) / hbm_bw", fit,
                        "traffic proportional to the stored activations; without fused attention the scores, "
                                + "softmax and dropout are read and written too")
                .variable("t_mem_mb", "s", "memory-bound kernels of one micro-batch, forward and backward", fit,
                        Range.NON_NEGATIVE)
                .variable("t_dequant_mb", "s", "dequantization of weights stored below 16 bits (QLoRA's 4-bit base) "
                        + "to 16 bits before each use: per pass every weight of the stage read at its stored size "
                        + "and written at 2 B; the forward, the backward and a full recomputation each pass once",
                        References.QLORA, Range.NON_NEGATIVE)
                .equation("t_dequant_mb", "dequant * (2 + rc_full) * params_gpu * (b_w + 2 [B/param]) / hbm_bw",
                        References.QLORA.at("§3: the storage type is dequantized to the computation type for the "
                                + "forward and backward pass"))
                .equation("t_mem_mb", "3 * layers_stage * t_mem_layer_mb + t_dequant_mb", fit,
                        "plus the dequantization of a low-bit base (QLoRA)")
                .variable("t_mb", "s", "time of one micro-batch on the slowest stage", n, Range.POSITIVE)
                .equation("t_mb", "t_compute_mb + t_recompute_mb + t_mem_mb + t_tp_exposed_mb + t_cp_exposed_mb"
                        + " + t_ep_mb + t_pp_mb", n)
                .variable("t_w_mb", "s", "the weight-gradient pass W of one micro-batch on the busiest stage: "
                        + "the trained linear layers' weight-gradient GEMMs, 1 × their forward (the attention core has "
                        + "no weights)", References.QI_2024, Range.NON_NEGATIVE)
                .equation("t_w_mb", "train_frac * (layers_stage * t_proj_fwd_layer_mb + t_logits_fwd_mb)",
                        References.QI_2024.at("§2: B computes the input gradient, W the parameter gradient, each "
                                + "about the forward's FLOPs"))
                .variable("t_bubble", "s", "pipeline bubble: (p − 1)/v micro-batch times; ZB-H1 recovers two W "
                        + "passes of each", n, Range.NON_NEGATIVE)
                .equation("t_bubble", "(pp - 1) / vpp * (t_mb - 2 * zb * t_w_mb)", References.QI_2024.at("Table "
                        + "2: 1F1B (p−1)(T_F+T_B+T_W) = (p−1)·t_mb, ZB-H1 (p−1)(T_F+T_B−T_W) = (p−1)(t_mb − 2·T_W)"),
                        "interleaving divides the 1F1B bubble by v (Narayanan et al. 2021 §2.2.2); ZB-H1 is not "
                                + "interleaved (v = 1)");

        // ---- data parallel and optimizer
        s.variable("t_dp_step", "s", "DP traffic once per step: all-reduce of the summed gradients (no ZeRO); "
                        + "reduce-scatter of the sums and all-gather of the updated weights (ZeRO-1); the all-gather "
                        + "alone (ZeRO-2, whose gradients go every micro-batch); none (ZeRO-3)", References.ZERO_2020,
                        Range.NON_NEGATIVE)
                .equation("t_dp_step", "min(1, n_dp - 1) * ((1 - z1) * dp_grad_comm.t_all_reduce"
                        + " + (z1 - z2) * (dp_grad_comm.t_reduce_scatter + dp_rep_comm.t_all_reduce"
                        + " + train_frac * dp_weight_comm.t_all_gather)"
                        + " + (z2 - z3) * train_frac * dp_weight_comm.t_all_gather)",
                        References.ZERO_2020.at("§5.2, §7: ZeRO-1/2 move as much as all-reduce"),
                        "with hybrid sharding each shard's reduced gradient is also all-reduced over its replicas; "
                                + "only the trained weights change and are gathered after the step")
                .variable("t_dp_fwd_mb", "s", "DP traffic of one micro-batch's forward: with weights sharded "
                        + "(ZeRO-3 / FSDP) one all-gather per unit (layer), each paying its ring's latency",
                        References.PYTORCH_FSDP, Range.NON_NEGATIVE)
                .equation("t_dp_fwd_mb", "min(1, n_dp - 1) * z3 * layers_stage * dp_unit_weight_comm.t_all_gather"
                        + " + off_par * params_gpu / shard * b_w / host_bw",
                        References.PYTORCH_FSDP.at("FULL_SHARD: unshard before each unit's forward; with CPU offload "
                                + "each unit's shard is first copied to the device"))
                .variable("t_dp_bwd_mb", "s", "DP traffic of one micro-batch's backward: with gradients sharded "
                        + "(ZeRO-2) the micro-batch's gradient is reduce-scattered to keep only the shard; with "
                        + "weights sharded (ZeRO-3) per unit the weights are all-gathered again and the gradient "
                        + "reduce-scattered (and, hybrid, all-reduced over the replicas)", References.ZERO_2020,
                        Range.NON_NEGATIVE)
                .equation("t_dp_bwd_mb", "min(1, n_dp - 1) * ((z2 - z3) * (dp_grad_comm.t_reduce_scatter"
                        + " + dp_rep_comm.t_all_reduce) + z3 * layers_stage * (dp_unit_weight_comm.t_all_gather"
                        + " + dp_unit_grad_comm.t_reduce_scatter + dp_unit_rep_comm.t_all_reduce))"
                        + " + off_par * params_gpu / shard * (b_w + train_frac * b_grad_comm) / host_bw",
                        References.ZERO_2020.at("§5.2: ZeRO-3 1.5× all-reduce per pass; with gradient accumulation "
                                + "every micro-batch is a pass"))
                .variable("t_dp_mb", "s", "DP traffic every micro-batch, forward and backward", References.ZERO_2020,
                        Range.NON_NEGATIVE)
                .equation("t_dp_mb", "t_dp_fwd_mb + t_dp_bwd_mb", References.ZERO_2020)
                .variable("t_fwd_mb", "s", "the forward's share of one micro-batch's time: a third of what is not "
                        + "recomputation (the backward does twice the forward's FLOPs)", n, Range.NON_NEGATIVE)
                .equation("t_fwd_mb", "(t_mb - t_recompute_mb) / 3", n.at("§3.1: backward 2×, forward 1× the FLOPs"))
                .variable("t_dp_exposed_mb", "s", "DP traffic of one micro-batch not hidden: each pass hides its own "
                        + "traffic behind its own compute only (the forward's gathers behind the forward, the "
                        + "backward's gathers and reduce-scatters behind the backward and its recomputation), and "
                        + "the first gather and the last reduce-scatter stay exposed", References.PYTORCH_FSDP,
                        Range.NON_NEGATIVE)
                .equation("t_dp_exposed_mb", "max(overlap_dp * min(1, n_dp - 1) * z3 * dp_unit_weight_comm.t_all_gather,"
                        + " t_dp_fwd_mb - overlap_dp * t_fwd_mb)"
                        + " + max(overlap_dp * min(1, n_dp - 1) * z3 * dp_unit_grad_comm.t_reduce_scatter,"
                        + " t_dp_bwd_mb - overlap_dp * (t_mb - t_fwd_mb))", References.PYTORCH_FSDP.at(
                                "forward prefetch overlaps a forward with the next unit's gather, backward prefetch "
                                + "a backward with the previous unit's gather and its reduce-scatter"))
                .variable("t_dp", "s", "DP communication of one step", References.ZERO_2020, Range.NON_NEGATIVE)
                .equation("t_dp", "t_dp_step + m * t_dp_mb", References.ZERO_2020)
                .variable("t_dp_exposed", "s", "DP communication not hidden: the per-step part behind the last "
                        + "backward and the pipeline drain, each micro-batch's part behind that micro-batch", n,
                        Range.NON_NEGATIVE)
                .equation("t_dp_exposed", "max(0 [s], t_dp_step - overlap_dp * (t_bubble + t_mb))"
                        + " + m * t_dp_exposed_mb",
                        n.at("§4.2: gradient reduction overlaps the pipeline flush"))
                .variable("t_optimizer", "s", "Adam step, memory-bound: per parameter it reads master weight, m, v "
                        + "and gradient, writes master, m and v, writes the 16-bit weight, reads the gradients once "
                        + "more for the norm and zeroes them", References.ZERO_2020, Range.NON_NEGATIVE)
                .equation("t_optimizer", "params_gpu * train_frac * (1 - z1 + z1 / shard) * (t_optimizer_param"
                        + " + off_opt * (1 - off_par) * (b_grad_comm + b_w) / host_bw)", References.ZERO_OFFLOAD.at(
                                "§4: the gradient shard to the host and the updated 16-bit weights back, each step"))
                .variable("t_optimizer_param", "s/param", "Adam step time per parameter held", References.ZERO_2020,
                        Range.POSITIVE)
                .equation("t_optimizer_param", "(2 * b_opt + 3 * b_grad + b_w)"
                        + " / (hbm_bw * (1 - off_opt) + host_mem_bw * off_opt)",
                        References.definition("fused Adam traffic: (b_opt + b_grad) + b_opt + b_w + b_grad (norm) "
                                + "+ b_grad (zero) bytes per parameter, at HBM bandwidth — or, offloaded, at the "
                                + "host's DRAM bandwidth (CPU Adam)"))
                .variable("params_layer_gpu", "param", "parameters of one layer on one GPU, embeddings and output "
                        + "layer spread over the layers", n, Range.POSITIVE)
                .equation("params_layer_gpu", "params_gpu * pp / arch.layers", n);

        // ---- the step's ledger: every part a graph value, the step their sum
        s.variable("t_compute", "s", "GEMM and attention time of the step on the busiest stage", n, Range.POSITIVE)
                .equation("t_compute", "m * t_compute_mb", n)
                .variable("t_recompute", "s", "recomputation time of the step", k, Range.NON_NEGATIVE)
                .equation("t_recompute", "m * t_recompute_mb", k)
                .variable("t_mem", "s", "memory-bound kernels of the step", fit, Range.NON_NEGATIVE)
                .equation("t_mem", "m * t_mem_mb", fit)
                .variable("t_tp_exposed", "s", "TP communication of the step left on the critical path", sh,
                        Range.NON_NEGATIVE)
                .equation("t_tp_exposed", "m * t_tp_exposed_mb", sh)
                .variable("t_cp_exposed", "s", "CP ring exchange of the step not hidden behind attention",
                        References.RING_ATTENTION, Range.NON_NEGATIVE)
                .equation("t_cp_exposed", "m * t_cp_exposed_mb", References.RING_ATTENTION)
                .variable("t_ep", "s", "expert all-to-all of the step", References.GSHARD, Range.NON_NEGATIVE)
                .equation("t_ep", "m * t_ep_mb", References.GSHARD)
                .variable("t_pp", "s", "pipeline point-to-point transfers of the step", n, Range.NON_NEGATIVE)
                .equation("t_pp", "m * t_pp_mb", n);
        s.variable("t_step", "s", "time of one training step: the sum of its ledger", n, Range.POSITIVE)
                .equation("t_step", "t_compute + t_recompute + t_mem + t_tp_exposed + t_cp_exposed + t_ep + t_pp"
                        + " + t_bubble + t_dp_exposed + t_optimizer", n.at("§2.2: m micro-batch times, the bubble, "
                                + "then the exposed gradient reduction and the optimizer"));
        s.variable("devices", "1", "GPUs of the design: TP × CP × PP × DP (EP reuses the data-parallel GPUs)", def,
                        Range.POSITIVE)
                .equation("devices", "tp * cp * pp * dp", def)
                .variable("mfu", "1", "model FLOPs utilisation of the design step: model FLOPs (6·P·T plus attention, "
                        + "Narayanan et al. Eq. 3) / (step time × GPUs × dense peak)", n, Range.NON_NEGATIVE)
                .equation("mfu", "flop_model_step / (t_step * devices * peak)", n.at("§5.1: model FLOPs per second "
                        + "as a share of the aggregate peak"))
                .variable("hfu", "1", "hardware FLOPs utilisation: executed FLOPs (recomputation included) / (step "
                        + "time × GPUs × dense peak)", k, Range.NON_NEGATIVE)
                .equation("hfu", "flop_hw_step / (t_step * devices * peak)", k.at("§6: HFU counts recomputation"))
                .variable("tokens_per_s", "token/s", "training throughput of the design", def, Range.POSITIVE)
                .equation("tokens_per_s", "tokens_step / t_step", def)
                .variable("flops_gpu", "FLOP/s", "model FLOP/s per GPU", n, Range.POSITIVE)
                .equation("flops_gpu", "flop_model_step / (t_step * devices)", n.at("§5.1: achieved teraFLOP/s per "
                        + "GPU"))
                .variable("zero_stage", "1", "ZeRO stage (0–3): which of optimizer state, gradients and weights are "
                        + "sharded over DP", References.ZERO_2020, Range.NON_NEGATIVE)
                .equation("zero_stage", "z1 + z2 + z3", References.ZERO_2020);
        s.constraint("memory_fits", "mem_total <= hbm_cap", "the design does not fit in device memory", def);
        s.constraint("host_memory_fits", "mem_host <= host_cap", "the offloaded state does not fit in host memory",
                References.ZERO_OFFLOAD);
        s.headline("t_fwd_layer_mb", "t_logits_fwd_mb", "t_recompute_layer_mb", "t_mem_layer_mb", "t_tp_ar",
                "t_cp_layer", "t_pp_hop", "params_layer_gpu", "t_optimizer_param", "kv_tok", "act_tok_layer",
                "act_logits_bytes", "tok_mb", "t_dp");
        s.headline("t_step", "mem_total", "flop_model_step", "flop_hw_step", "mem_weights", "mem_grads", "mem_opt",
                "mem_act", "t_compute_mb", "t_recompute_mb", "t_mem_mb", "t_tp_exposed_mb", "t_cp_exposed_mb", "t_ep_mb",
                "t_pp_mb", "t_dp_mb", "t_dp_exposed", "mem_host", "mfu", "devices", "hfu", "tokens_per_s", "flops_gpu", "zero_stage",
                "t_compute", "t_recompute", "t_mem", "t_tp_exposed", "t_cp_exposed", "t_ep", "t_pp");
        return s;
    }
}
