package io.lsdt.physics.design;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;

/**
 * One parallel design of a training step. Immutable; {@link #validate(int, int, int, int)} checks the rules a framework enforces.
 *
 * @param tp tensor-parallel degree (within the scale-up domain)
 * @param pp pipeline-parallel degree (stages)
 * @param vpp virtual stages per device (interleaved 1F1B; 1 otherwise)
 * @param dp data-parallel degree
 * @param cp context-parallel degree (sequence split across devices, ring attention)
 * @param ep expert-parallel degree (MoE; experts split across devices of the data-parallel group)
 * @param microBatch sequences per micro-batch
 * @param globalBatch sequences per optimizer step
 * @param zeroStage ZeRO stage 0–3 (3 = FSDP): which of optimizer state, gradients, weights are sharded over DP
 * @param recompute activation recomputation
 * @param sequenceParallel Megatron sequence parallelism (norm/dropout activations split over TP)
 * @param schedule pipeline schedule
 * @param numerics precision
 * @param overlapDp whether DP gradient communication overlaps the backward pass
 * @param overlapTp whether TP communication overlaps compute
 * @param flashAttention whether attention runs as a fused kernel that never stores the s × s scores
 *     (FlashAttention, Dao et al. 2022; Megatron-Core and NeMo since 2023); false for Megatron-LM up to 2022
 * @param stateBytes bytes per parameter of weights, gradients, optimizer state and the DP reduction
 * @param shardGroup GPUs over which ZeRO shards the training state: 0 for the whole data-parallel group (DP × CP;
 *     ZeRO, FSDP FULL_SHARD), the node for FSDP HYBRID_SHARD (shard within, replicate across)
 * @param trainableFraction share of the parameters that are trained (1 for pre-training and full fine-tuning; the
 *     adapters' share for LoRA): only they have weight gradients, gradient memory, optimizer state and DP traffic
 * @param offload what of the training state lives in host memory ({@link Offload})
 */
public record ParallelConfig(int tp, int pp, int vpp, int dp, int cp, int ep, int microBatch, int globalBatch,
        int zeroStage, Recompute recompute, boolean sequenceParallel, Schedule schedule, Numerics numerics,
        boolean overlapDp, boolean overlapTp, boolean flashAttention, StateBytes stateBytes, int shardGroup,
        double trainableFraction, Offload offload) {

    /** Checks that the state bytes are given and the fractions are in range. */
    public ParallelConfig {
        java.util.Objects.requireNonNull(stateBytes, "stateBytes");
        java.util.Objects.requireNonNull(offload, "offload");
        if (shardGroup < 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "shard_group", shardGroup,
                    "0 (the whole data-parallel group) or a whole number of GPUs");
        }
        if (!(trainableFraction > 0 && trainableFraction <= 1)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "trainable_fraction", trainableFraction,
                    "a share in (0, 1]: 1 for full training, the adapters' share of the parameters for LoRA");
        }
    }

    /**
     * A design with nothing offloaded to the host.
     *
     * @param tp tensor-parallel degree (within the scale-up domain)
     * @param pp pipeline-parallel degree (stages)
     * @param vpp virtual stages per device (interleaved 1F1B; 1 otherwise)
     * @param dp data-parallel degree
     * @param cp context-parallel degree (sequence split across devices, ring attention)
     * @param ep expert-parallel degree (MoE; experts split across devices of the data-parallel group)
     * @param microBatch sequences per micro-batch
     * @param globalBatch sequences per optimizer step
     * @param zeroStage ZeRO stage 0–3 (3 = FSDP): which of optimizer state, gradients, weights are sharded over DP
     * @param recompute activation recomputation
     * @param sequenceParallel Megatron sequence parallelism (norm/dropout activations split over TP)
     * @param schedule pipeline schedule
     * @param numerics precision
     * @param overlapDp whether DP gradient communication overlaps the backward pass
     * @param overlapTp whether TP communication overlaps compute
     * @param flashAttention whether attention runs as a fused kernel that never stores the s × s scores
     *     (FlashAttention, Dao et al. 2022; Megatron-Core and NeMo since 2023); false for Megatron-LM up to 2022
     * @param stateBytes bytes per parameter of weights, gradients, optimizer state and the DP reduction
     * @param shardGroup GPUs over which ZeRO shards the training state: 0 for the whole data-parallel group (DP × CP;
     *     ZeRO, FSDP FULL_SHARD), the node for FSDP HYBRID_SHARD (shard within, replicate across)
     * @param trainableFraction share of the parameters that are trained (1 for pre-training and full fine-tuning; the
     *     adapters' share for LoRA): only they have weight gradients, gradient memory, optimizer state and DP traffic
     */
    public ParallelConfig(int tp, int pp, int vpp, int dp, int cp, int ep, int microBatch, int globalBatch,
            int zeroStage, Recompute recompute, boolean sequenceParallel, Schedule schedule, Numerics numerics,
            boolean overlapDp, boolean overlapTp, boolean flashAttention, StateBytes stateBytes, int shardGroup,
            double trainableFraction) {
        this(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute, sequenceParallel, schedule,
                numerics, overlapDp, overlapTp, flashAttention, stateBytes, shardGroup, trainableFraction,
                Offload.NONE);
    }

    /**
     * A design that trains every parameter, its state sharded over the whole data-parallel group.
     *
     * @param tp tensor-parallel degree (within the scale-up domain)
     * @param pp pipeline-parallel degree (stages)
     * @param vpp virtual stages per device (interleaved 1F1B; 1 otherwise)
     * @param dp data-parallel degree
     * @param cp context-parallel degree (sequence split across devices, ring attention)
     * @param ep expert-parallel degree (MoE; experts split across devices of the data-parallel group)
     * @param microBatch sequences per micro-batch
     * @param globalBatch sequences per optimizer step
     * @param zeroStage ZeRO stage 0–3 (3 = FSDP): which of optimizer state, gradients, weights are sharded over DP
     * @param recompute activation recomputation
     * @param sequenceParallel Megatron sequence parallelism (norm/dropout activations split over TP)
     * @param schedule pipeline schedule
     * @param numerics precision
     * @param overlapDp whether DP gradient communication overlaps the backward pass
     * @param overlapTp whether TP communication overlaps compute
     * @param flashAttention whether attention runs as a fused kernel that never stores the s × s scores
     *     (FlashAttention, Dao et al. 2022; Megatron-Core and NeMo since 2023); false for Megatron-LM up to 2022
     * @param stateBytes bytes per parameter of weights, gradients, optimizer state and the DP reduction
     */
    public ParallelConfig(int tp, int pp, int vpp, int dp, int cp, int ep, int microBatch, int globalBatch,
            int zeroStage, Recompute recompute, boolean sequenceParallel, Schedule schedule, Numerics numerics,
            boolean overlapDp, boolean overlapTp, boolean flashAttention, StateBytes stateBytes) {
        this(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute, sequenceParallel, schedule,
                numerics, overlapDp, overlapTp, flashAttention, stateBytes, 0, 1.0);
    }

    /**
     * A design with Megatron's mixed-precision Adam state ({@link StateBytes#MIXED_PRECISION_ADAM}).
     *
     * @param tp tensor-parallel degree (within the scale-up domain)
     * @param pp pipeline-parallel degree (stages)
     * @param vpp virtual stages per device (interleaved 1F1B; 1 otherwise)
     * @param dp data-parallel degree
     * @param cp context-parallel degree (sequence split across devices, ring attention)
     * @param ep expert-parallel degree (MoE; experts split across devices of the data-parallel group)
     * @param microBatch sequences per micro-batch
     * @param globalBatch sequences per optimizer step
     * @param zeroStage ZeRO stage 0–3 (3 = FSDP): which of optimizer state, gradients, weights are sharded over DP
     * @param recompute activation recomputation
     * @param sequenceParallel Megatron sequence parallelism (norm/dropout activations split over TP)
     * @param schedule pipeline schedule
     * @param numerics precision
     * @param overlapDp whether DP gradient communication overlaps the backward pass
     * @param overlapTp whether TP communication overlaps compute
     * @param flashAttention whether attention runs as a fused kernel that never stores the s × s scores
     *     (FlashAttention, Dao et al. 2022; Megatron-Core and NeMo since 2023); false for Megatron-LM up to 2022
     */
    public ParallelConfig(int tp, int pp, int vpp, int dp, int cp, int ep, int microBatch, int globalBatch,
            int zeroStage, Recompute recompute, boolean sequenceParallel, Schedule schedule, Numerics numerics,
            boolean overlapDp, boolean overlapTp, boolean flashAttention) {
        this(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute, sequenceParallel, schedule,
                numerics, overlapDp, overlapTp, flashAttention, StateBytes.MIXED_PRECISION_ADAM);
    }

    /**
     * A design with fused (flash) attention, the default of current frameworks.
     *
     * @param tp tensor-parallel degree (within the scale-up domain)
     * @param pp pipeline-parallel degree (stages)
     * @param vpp virtual stages per device (interleaved 1F1B; 1 otherwise)
     * @param dp data-parallel degree
     * @param cp context-parallel degree (sequence split across devices, ring attention)
     * @param ep expert-parallel degree (MoE; experts split across devices of the data-parallel group)
     * @param microBatch sequences per micro-batch
     * @param globalBatch sequences per optimizer step
     * @param zeroStage ZeRO stage 0–3 (3 = FSDP): which of optimizer state, gradients, weights are sharded over DP
     * @param recompute activation recomputation
     * @param sequenceParallel Megatron sequence parallelism (norm/dropout activations split over TP)
     * @param schedule pipeline schedule
     * @param numerics precision
     * @param overlapDp whether DP gradient communication overlaps the backward pass
     * @param overlapTp whether TP communication overlaps compute
     */
    public ParallelConfig(int tp, int pp, int vpp, int dp, int cp, int ep, int microBatch, int globalBatch,
            int zeroStage, Recompute recompute, boolean sequenceParallel, Schedule schedule, Numerics numerics,
            boolean overlapDp, boolean overlapTp) {
        this(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute, sequenceParallel, schedule,
                numerics, overlapDp, overlapTp, true);
    }

    /**
     * This design with or without fused attention.
     *
     * @param flash whether attention is fused
     * @return a copy with that attention kernel
     */
    public ParallelConfig withFlashAttention(boolean flash) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute,
                sequenceParallel, schedule, numerics, overlapDp, overlapTp, flash, stateBytes, shardGroup,
                trainableFraction, offload);
    }

    /**
     * This design with other training-state bytes.
     *
     * @param bytes the training state's bytes per parameter
     * @return a copy with them
     */
    public ParallelConfig withStateBytes(StateBytes bytes) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute,
                sequenceParallel, schedule, numerics, overlapDp, overlapTp, flashAttention, bytes, shardGroup,
                trainableFraction, offload);
    }

    /**
     * This design sharding its state over a group of a given size and replicating it across the groups.
     *
     * @param gpus GPUs over which ZeRO shards the state (0: the whole DP × CP group)
     * @return a copy sharding over that group and replicating across groups (FSDP HYBRID_SHARD)
     */
    public ParallelConfig withShardGroup(int gpus) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute,
                sequenceParallel, schedule, numerics, overlapDp, overlapTp, flashAttention, stateBytes, gpus,
                trainableFraction, offload);
    }

    /**
     * This design training a share of its parameters, as LoRA does.
     *
     * @param fraction share of the parameters trained (LoRA: the adapters')
     * @return a copy
     */
    public ParallelConfig withTrainableFraction(double fraction) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute,
                sequenceParallel, schedule, numerics, overlapDp, overlapTp, flashAttention, stateBytes, shardGroup,
                fraction, offload);
    }

    /**
     * This design with another activation recomputation.
     *
     * @param r the recomputation
     * @return a copy with it
     */
    public ParallelConfig withRecompute(Recompute r) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, r,
                sequenceParallel, schedule, numerics, overlapDp, overlapTp, flashAttention, stateBytes, shardGroup,
                trainableFraction, offload);
    }

    /**
     * This design with its state offloaded to the host.
     *
     * @param what what of the training state lives in host memory
     * @return a copy
     */
    public ParallelConfig withOffload(Offload what) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute,
                sequenceParallel, schedule, numerics, overlapDp, overlapTp, flashAttention, stateBytes, shardGroup,
                trainableFraction, what);
    }

    /**
     * The design as a framework runs it ({@code frameworks.yaml}), at the framework's own ZeRO stage: see
     * {@link #runBy}.
     *
     * @param f the framework's profile
     * @param nodeSize GPUs per node (the shard group of a hybrid-sharding framework)
     * @return a copy
     */
    public ParallelConfig withFramework(io.lsdt.physics.catalog.FrameworkProfile f, int nodeSize) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, (int) f.zeroStage().si(),
                recompute, sequenceParallel, schedule, numerics, overlapDp, overlapTp, flashAttention, stateBytes,
                shardGroup, trainableFraction, offload).runBy(f, nodeSize);
    }

    /**
     * The design, at its own ZeRO stage, as a framework runs it: the framework's gradient-reduction bytes, its
     * overlap of data- and tensor-parallel communication, and its shard group ({@link #shardGroupFor}).
     *
     * @param f the framework's profile
     * @param nodeSize GPUs per node
     * @return a copy
     */
    public ParallelConfig runBy(io.lsdt.physics.catalog.FrameworkProfile f, int nodeSize) {
        return new ParallelConfig(tp, pp, vpp, dp, cp, ep, microBatch, globalBatch, zeroStage, recompute,
                sequenceParallel, schedule, numerics, f.overlapDp().si() > 0, f.overlapTp().si() > 0, flashAttention,
                stateBytes.reducedAs(f), shardGroupFor(f, zeroStage, dp * cp, nodeSize), trainableFraction, offload);
    }

    /**
     * The shard group a framework uses: the node for a hybrid-sharding framework (HYBRID_SHARD) when the data-parallel
     * group holds whole nodes, else 0 (the whole DP × CP group).
     *
     * @param f the framework's profile
     * @param zeroStage the design's ZeRO stage (0: nothing is sharded)
     * @param dpTimesCp GPUs of the data-parallel group
     * @param nodeSize GPUs per node
     * @return the shard group, or 0
     */
    public static int shardGroupFor(io.lsdt.physics.catalog.FrameworkProfile f, int zeroStage, int dpTimesCp,
            int nodeSize) {
        boolean hybrid = f.shardOverNode() && zeroStage > 0 && dpTimesCp > nodeSize && dpTimesCp % nodeSize == 0;
        return hybrid ? nodeSize : 0;
    }

    /**
     * The ZeRO shard size.
     *
     * @return GPUs over which ZeRO shards the state: the shard group, or the whole DP × CP group
     */
    public int shardSize() {
        return zeroStage == 0 || shardGroup == 0 ? dp * cp : Math.min(shardGroup, dp * cp);
    }

    /**
     * The devices the design uses.
     *
     * @return devices used: tp · pp · dp · cp (EP reuses the data-parallel devices)
     */
    public long devices() {
        return (long) tp * pp * dp * cp;
    }

    /**
     * The pipeline's micro-batches per step.
     *
     * @return micro-batches per pipeline per step: globalBatch / (dp · microBatch)
     */
    public int microBatches() {
        return globalBatch / (dp * microBatch);
    }

    /**
     * Checks the rules a real framework enforces.
     *
     * @param layers transformer layers
     * @param heads attention heads
     * @param kvHeads key/value heads
     * @param experts routed experts (0 for dense)
     * @return this
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the rule and a hint
     */
    public ParallelConfig validate(int layers, int heads, int kvHeads, int experts) {
        positive("tp", tp);
        positive("pp", pp);
        positive("vpp", vpp);
        positive("dp", dp);
        positive("cp", cp);
        positive("ep", ep);
        positive("micro_batch", microBatch);
        positive("global_batch", globalBatch);
        if (zeroStage < 0 || zeroStage > 3) {
            throw LsdtException.of(Problem.INVALID_VALUE, "zero_stage", zeroStage, "0, 1, 2 or 3");
        }
        if (offload == Offload.PARAMETERS && zeroStage < 3) {
            throw LsdtException.of(Problem.INVALID_VALUE, "offload", "parameters at ZeRO " + zeroStage,
                    "ZeRO 3 (FSDP): parameters live on the host only when sharded, each unit gathered for its use")
                    .withHint("offload the optimizer state only, or shard the parameters (ZeRO 3)");
        }
        if ((long) pp * vpp > layers) {
            throw LsdtException.of(Problem.INVALID_VALUE, "pp × vpp", pp + " × " + vpp,
                    "at most the " + layers + " layers (each virtual stage needs a layer)")
                    .withHint("lower pp or the virtual stages");
        }
        if (heads % tp != 0 || kvHeads % tp != 0 && tp % kvHeads != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "tp", tp, "a divisor of the " + heads + " attention heads "
                    + "(and compatible with " + kvHeads + " kv heads)");
        }
        if (globalBatch % ((long) dp * microBatch) != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "global_batch", globalBatch,
                    "a multiple of dp × micro_batch = " + dp + " × " + microBatch)
                    .withHint("raise the global batch or lower the micro-batch");
        }
        if (schedule == Schedule.INTERLEAVED_1F1B && vpp > 1 && microBatches() % pp != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "micro-batches", microBatches(),
                    "a multiple of pp = " + pp + " for the interleaved schedule (Megatron's rule)");
        }
        // Megatron-Core MoE parallel folding (Liu et al. 2025, arXiv:2504.14960): the expert-parallel group is folded
        // over the TP × CP × DP ranks of a stage (expert tensor parallelism 1)
        if (experts > 0 && (experts % ep != 0 || ((long) tp * dp * cp) % ep != 0)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "ep", ep, "a divisor of the " + experts
                    + " experts and of tp × dp × cp = " + (long) tp * dp * cp);
        }
        if (shardGroup > 0 && zeroStage > 0 && (dp * cp) % Math.min(shardGroup, dp * cp) != 0) {
            throw LsdtException.of(Problem.INVALID_VALUE, "shard_group", shardGroup, "a divisor of dp × cp = "
                    + dp * cp + " (FSDP HYBRID_SHARD replicates whole shard groups)");
        }
        if (experts == 0 && ep != 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "ep", ep, "1 for a dense model");
        }
        return this;
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, name, v, "a whole number ≥ 1");
        }
    }
}
