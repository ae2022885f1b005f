package io.lsdt.physics.search;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Offload;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.StateBytes;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.limits.SizeLimits;
import java.util.List;
import java.util.Set;

/**
 * What the design search enumerates for a model on G devices of one kind.
 *
 * @param arch the model's shape
 * @param hardware the device and its links
 * @param devices G, the number of GPUs
 * @param globalBatch sequences per optimizer step (fixed by the training recipe)
 * @param numerics precision
 * @param tpMax largest tensor-parallel degree (default: the scale-up domain)
 * @param cpMax largest context-parallel degree
 * @param vppMax largest number of virtual stages per device
 * @param microBatches micro-batch sizes to try (sequences); empty: every divisor of the local batch up to 64
 * @param recomputes recomputation modes to try
 * @param zeroStages ZeRO stages to try
 * @param flashAttention whether attention is fused (the framework's property, not searched)
 * @param stateBytes bytes per parameter of the training state (the recipe's, not searched)
 * @param ppMax largest pipeline-parallel degree (default unbounded: at most the layers); 1 for frameworks without
 *     pipeline parallelism (PyTorch FSDP and DDP, DeepSpeed ZeRO-2/3)
 * @param framework the framework profile the designs run under, or null (Megatron-style: every ZeRO stage, overlap
 *     on, the whole DP group sharded); see {@link #withFramework}, which also sets the state bytes' reduction
 * @param offloads what may live in host memory ({@link Offload}; parameters only with ZeRO-3)
 * @param trainableFraction share of the parameters trained, in (0, 1]: 1 for pre-training and full fine-tuning,
 *     the adapters' share under LoRA (only trained parameters have gradients and optimizer state)
 */
public record SearchSpace(Model.Architecture arch, Hardware hardware, long devices, int globalBatch, Numerics numerics,
        int tpMax, int cpMax, int vppMax, List<Integer> microBatches, Set<Recompute> recomputes,
        Set<Integer> zeroStages, boolean flashAttention, StateBytes stateBytes, int ppMax,
        io.lsdt.physics.catalog.FrameworkProfile framework, Set<Offload> offloads, double trainableFraction) {

    /**
     * Copies the collections; checks that {@code ppMax} is at least 1 and that G and the global batch are at least 1
     * and within {@link SizeLimits}.
     */
    public SearchSpace {
        microBatches = List.copyOf(microBatches);
        recomputes = Set.copyOf(recomputes);
        zeroStages = Set.copyOf(zeroStages);
        offloads = Set.copyOf(offloads);
        if (offloads.isEmpty()) {
            throw new IllegalArgumentException("offloads must hold at least Offload.NONE");
        }
        java.util.Objects.requireNonNull(stateBytes, "stateBytes");
        if (!(trainableFraction > 0 && trainableFraction <= 1)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "trainable fraction", trainableFraction, "a share in (0, 1]");
        }
        if (ppMax < 1) {
            throw new IllegalArgumentException("ppMax must be at least 1, got " + ppMax);
        }
        if (devices < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "devices", devices, "a whole number ≥ 1");
        }
        if (globalBatch < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "global batch", globalBatch, "a whole number ≥ 1");
        }
        SizeLimits.devices("devices", devices);
        SizeLimits.globalBatch("global batch", globalBatch);
    }

    /**
     * A space whose designs train every parameter.
     *
     * @param arch the model's shape
     * @param hardware the device and its links
     * @param devices G, the number of GPUs
     * @param globalBatch sequences per optimizer step (fixed by the training recipe)
     * @param numerics precision
     * @param tpMax largest tensor-parallel degree (default: the scale-up domain)
     * @param cpMax largest context-parallel degree
     * @param vppMax largest number of virtual stages per device
     * @param microBatches micro-batch sizes to try (sequences); empty: every divisor of the local batch up to 64
     * @param recomputes recomputation modes to try
     * @param zeroStages ZeRO stages to try
     * @param flashAttention whether attention is fused (the framework's property, not searched)
     * @param stateBytes bytes per parameter of the training state (the recipe's, not searched)
     * @param ppMax largest pipeline-parallel degree (default unbounded: at most the layers); 1 for frameworks without
     *     pipeline parallelism (PyTorch FSDP and DDP, DeepSpeed ZeRO-2/3)
     * @param framework the framework profile the designs run under, or null (Megatron-style: every ZeRO stage, overlap
     *     on, the whole DP group sharded); see {@link #withFramework}, which also sets the state bytes' reduction
     * @param offloads what may live in host memory ({@link Offload}; parameters only with ZeRO-3)
     */
    public SearchSpace(Model.Architecture arch, Hardware hardware, long devices, int globalBatch, Numerics numerics,
            int tpMax, int cpMax, int vppMax, List<Integer> microBatches, Set<Recompute> recomputes,
            Set<Integer> zeroStages, boolean flashAttention, StateBytes stateBytes, int ppMax,
            io.lsdt.physics.catalog.FrameworkProfile framework, Set<Offload> offloads) {
        this(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches, recomputes,
                zeroStages, flashAttention, stateBytes, ppMax, framework, offloads, 1.0);
    }

    /**
     * A space whose designs keep their state on the device.
     *
     * @param arch the model's shape
     * @param hardware the device and its links
     * @param devices G, the number of GPUs
     * @param globalBatch sequences per optimizer step (fixed by the training recipe)
     * @param numerics precision
     * @param tpMax largest tensor-parallel degree (default: the scale-up domain)
     * @param cpMax largest context-parallel degree
     * @param vppMax largest number of virtual stages per device
     * @param microBatches micro-batch sizes to try (sequences); empty: every divisor of the local batch up to 64
     * @param recomputes recomputation modes to try
     * @param zeroStages ZeRO stages to try
     * @param flashAttention whether attention is fused (the framework's property, not searched)
     * @param stateBytes bytes per parameter of the training state (the recipe's, not searched)
     * @param ppMax largest pipeline-parallel degree (default unbounded: at most the layers); 1 for frameworks without
     *     pipeline parallelism (PyTorch FSDP and DDP, DeepSpeed ZeRO-2/3)
     * @param framework the framework profile the designs run under, or null (Megatron-style: every ZeRO stage, overlap
     *     on, the whole DP group sharded); see {@link #withFramework}, which also sets the state bytes' reduction
     */
    public SearchSpace(Model.Architecture arch, Hardware hardware, long devices, int globalBatch, Numerics numerics,
            int tpMax, int cpMax, int vppMax, List<Integer> microBatches, Set<Recompute> recomputes,
            Set<Integer> zeroStages, boolean flashAttention, StateBytes stateBytes, int ppMax,
            io.lsdt.physics.catalog.FrameworkProfile framework) {
        this(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches, recomputes,
                zeroStages, flashAttention, stateBytes, ppMax, framework, Set.of(Offload.NONE));
    }

    /**
     * This space with host offloads allowed.
     *
     * @param what what may live in host memory
     * @return a copy searching those offloads
     */
    public SearchSpace withOffloads(Set<Offload> what) {
        return new SearchSpace(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches,
                recomputes, zeroStages, flashAttention, stateBytes, ppMax, framework, what, trainableFraction);
    }

    /**
     * A space without a bound on the pipeline degree beyond the layers.
     *
     * @param arch the model's shape
     * @param hardware the device and its links
     * @param devices G, the number of GPUs
     * @param globalBatch sequences per optimizer step (fixed by the training recipe)
     * @param numerics precision
     * @param tpMax largest tensor-parallel degree (default: the scale-up domain)
     * @param cpMax largest context-parallel degree
     * @param vppMax largest number of virtual stages per device
     * @param microBatches micro-batch sizes to try (sequences); empty: every divisor of the local batch up to 64
     * @param recomputes recomputation modes to try
     * @param zeroStages ZeRO stages to try
     * @param flashAttention whether attention is fused (the framework's property, not searched)
     * @param stateBytes bytes per parameter of the training state (the recipe's, not searched)
     */
    public SearchSpace(Model.Architecture arch, Hardware hardware, long devices, int globalBatch, Numerics numerics,
            int tpMax, int cpMax, int vppMax, List<Integer> microBatches, Set<Recompute> recomputes,
            Set<Integer> zeroStages, boolean flashAttention, StateBytes stateBytes) {
        this(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches, recomputes,
                zeroStages, flashAttention, stateBytes, Integer.MAX_VALUE, null);
    }

    /**
     * This space narrowed to what a framework can run.
     *
     * @param f a framework profile
     * @return the space its designs can take: its ZeRO stage only, TP = CP = PP = 1 unless it runs model
     *     parallelism itself, and only the offloads it documents ({@code frameworks.yaml})
     */
    public SearchSpace withFramework(io.lsdt.physics.catalog.FrameworkProfile f) {
        boolean mp = f.modelParallel();
        Set<Offload> allowed = new java.util.HashSet<>();
        allowed.add(Offload.NONE);
        for (Offload o : offloads) {
            if (o == Offload.OPTIMIZER && f.offloads().contains("optimizer")
                    || o == Offload.PARAMETERS && f.offloads().contains("parameters")) {
                allowed.add(o);
            }
        }
        return new SearchSpace(arch, hardware, devices, globalBatch, numerics, mp ? tpMax : 1, mp ? cpMax : 1,
                mp ? vppMax : 1, microBatches, recomputes, Set.of((int) f.zeroStage().si()), flashAttention,
                stateBytes.reducedAs(f), mp ? ppMax : 1, f, allowed, trainableFraction);
    }

    /**
     * A space with Megatron's mixed-precision Adam state ({@link StateBytes#MIXED_PRECISION_ADAM}).
     *
     * @param arch the model's shape
     * @param hardware the device and its links
     * @param devices G, the number of GPUs
     * @param globalBatch sequences per optimizer step (fixed by the training recipe)
     * @param numerics precision
     * @param tpMax largest tensor-parallel degree (default: the scale-up domain)
     * @param cpMax largest context-parallel degree
     * @param vppMax largest number of virtual stages per device
     * @param microBatches micro-batch sizes to try (sequences); empty: every divisor of the local batch up to 64
     * @param recomputes recomputation modes to try
     * @param zeroStages ZeRO stages to try
     * @param flashAttention whether attention is fused (the framework's property, not searched)
     */
    public SearchSpace(Model.Architecture arch, Hardware hardware, long devices, int globalBatch, Numerics numerics,
            int tpMax, int cpMax, int vppMax, List<Integer> microBatches, Set<Recompute> recomputes,
            Set<Integer> zeroStages, boolean flashAttention) {
        this(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches, recomputes,
                zeroStages, flashAttention, StateBytes.MIXED_PRECISION_ADAM);
    }

    /**
     * This space with other training-state bytes.
     *
     * @param bytes the training state's bytes per parameter
     * @return a copy with them
     */
    public SearchSpace withStateBytes(StateBytes bytes) {
        return new SearchSpace(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches,
                recomputes, zeroStages, flashAttention, bytes, ppMax, framework, offloads, trainableFraction);
    }

    /**
     * The designs as a framework runs them, within this space's own limits (unlike {@link #withFramework}, which
     * also narrows the space to what the framework can do): its gradient-reduction bytes, its overlap and shard
     * group ({@link io.lsdt.physics.design.ParallelConfig#runBy}).
     *
     * @param f a framework profile
     * @return a copy
     */
    public SearchSpace runBy(io.lsdt.physics.catalog.FrameworkProfile f) {
        return new SearchSpace(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches,
                recomputes, zeroStages, flashAttention, stateBytes.reducedAs(f), ppMax, f, offloads, trainableFraction);
    }

    /**
     * This space for training a share of the parameters, as LoRA does.
     *
     * @param fraction share of the parameters trained, in (0, 1] (LoRA: the adapters' share)
     * @return a copy whose designs train only that share
     */
    public SearchSpace withTrainableFraction(double fraction) {
        return new SearchSpace(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches,
                recomputes, zeroStages, flashAttention, stateBytes, ppMax, framework, offloads, fraction);
    }

    /**
     * This space with a bound on the pipeline degree.
     *
     * @param max the largest pipeline-parallel degree to try (≥ 1)
     * @return a copy bounded so
     */
    public SearchSpace withPpMax(int max) {
        return new SearchSpace(arch, hardware, devices, globalBatch, numerics, tpMax, cpMax, vppMax, microBatches,
                recomputes, zeroStages, flashAttention, stateBytes, max, framework, offloads, trainableFraction);
    }

    /**
     * The space a practitioner would search by default — at least Calculon's: TP up to the scale-up domain (beyond 8
     * on NVL72), CP up to 16, virtual stages up to the layers per stage, every micro-batch that divides the local
     * batch (up to 64 sequences), every recomputation mode, ZeRO 0–3, fused attention, and offload of the optimizer
     * state (or, at ZeRO-3, the parameters) to host memory.
     *
     * @param arch the model
     * @param hardware the hardware
     * @param devices G
     * @param globalBatch sequences per step
     * @param numerics precision
     * @return the space
     */
    public static SearchSpace standard(Model.Architecture arch, Hardware hardware, long devices, int globalBatch,
            Numerics numerics) {
        return new SearchSpace(arch, hardware, devices, globalBatch, numerics, Math.max(1, hardware.scaleUpDomain()),
                16, arch.layers(), List.of(), Set.of(Recompute.values()), Set.of(0, 1, 2, 3), true)
                .withOffloads(Set.of(Offload.values()));
    }
}
