package io.lsdt.physics.catalog;

import java.util.List;

/**
 * How a training framework runs a data-parallel step ({@code lsdt/catalog/frameworks.yaml}), each behaviour with
 * its source: the ZeRO stage it shards at, the group it shards over, the bytes per gradient it reduces in, and
 * whether it overlaps data- and tensor-parallel communication with compute.
 *
 * @param id catalog id, e.g. {@code pytorch-fsdp-hybrid}
 * @param name full name
 * @param aliases other names it goes by (lower case)
 * @param zeroStage ZeRO stage (0–3) with its source
 * @param shardOverNode true when the state is sharded within a node and replicated across nodes (HYBRID_SHARD)
 * @param reduceBytes bytes per gradient in the data-parallel reduction (B/param)
 * @param overlapDp 1 when data-parallel communication overlaps compute
 * @param overlapTp 1 when tensor-parallel communication overlaps compute
 * @param modelParallel whether the framework runs tensor and pipeline parallelism itself
 * @param offloads what it can keep in host memory: {@code optimizer} (the optimizer state and its step),
 *     {@code parameters} (at ZeRO-3: parameters, gradients and optimizer state); empty for none
 * @param offloadSource where the framework documents it
 */
public record FrameworkProfile(String id, String name, List<String> aliases, Sourced zeroStage,
        boolean shardOverNode, Sourced reduceBytes, Sourced overlapDp, Sourced overlapTp, boolean modelParallel,
        java.util.Set<String> offloads, Source offloadSource) {
    /** What a profile may offload. */
    public static final java.util.Set<String> OFFLOADS = java.util.Set.of("optimizer", "parameters");

    /** Copies the collections. */
    public FrameworkProfile {
        aliases = List.copyOf(aliases);
        offloads = java.util.Set.copyOf(offloads);
    }
}
