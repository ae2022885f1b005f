package io.lsdt.physics.comm;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.References;

/**
 * Scope {@code comm}: the time of one collective or point-to-point transfer over a group of {@code n} GPUs, the
 * α–β model of ring algorithms (Thakur, Rabenseifner and Gropp 2005; Patarasuk and Yuan 2009). Every member sends
 * and receives over its own link at {@code eff · bw} per direction; each of the algorithm's steps costs one latency.
 * The simulator's physical predictor evaluates these equations for each collective it meets, with the link the
 * group actually uses (scale-up inside one domain, scale-out across domains); the {@code design} scope's TP, CP and
 * PP terms are the same formulas summed over a micro-batch.
 *
 * <ul>
 *   <li>all-reduce: 2(n − 1)/n · S / (eff · bw) + 2(n − 1) · α (reduce-scatter then all-gather);</li>
 *   <li>all-gather and reduce-scatter: (n − 1)/n · S / (eff · bw) + (n − 1) · α, S the complete value;</li>
 *   <li>point-to-point: S / (eff · bw) + α.</li>
 * </ul>
 */
public final class CommScope {
    /** Scope name. */
    public static final String NAME = "comm";

    private CommScope() {}

    /** @return a new filled scope */
    public static Scope create() {
        Reference def = References.definition("one transfer over a group");
        Reference thakur = References.THAKUR_2005;
        Reference ring = References.RING_ALLREDUCE;
        Scope s = Scope.named(NAME, "Time of one collective or point-to-point transfer (ring α–β model)");
        s.variable("n", "1", "GPUs in the group", def, Range.POSITIVE)
                .variable("bytes", "B", "the value's size: the complete (gathered or reduced) value", def,
                        Range.NON_NEGATIVE)
                .variable("bw", "B/s", "link bandwidth per GPU per direction", def, Range.POSITIVE)
                .variable("eff", "1", "achieved share of the link rate", def, Range.FRACTION)
                .variable("lat", "s", "latency of one step", def, Range.NON_NEGATIVE)
                .variable("t_all_reduce", "s", "ring all-reduce", ring, Range.NON_NEGATIVE)
                .equation("t_all_reduce", "2 * (n - 1) / n * bytes / (eff * bw) + 2 * (n - 1) * lat",
                        ring.at("bandwidth-optimal: 2(n−1)/n·S per member"))
                .variable("t_all_gather", "s", "ring all-gather of a value of this size", thakur, Range.NON_NEGATIVE)
                .equation("t_all_gather", "(n - 1) / n * bytes / (eff * bw) + (n - 1) * lat",
                        thakur.at("§2: ring all-gather, n − 1 steps of S/n"))
                .variable("t_reduce_scatter", "s", "ring reduce-scatter of a value of this size", thakur,
                        Range.NON_NEGATIVE)
                .equation("t_reduce_scatter", "(n - 1) / n * bytes / (eff * bw) + (n - 1) * lat",
                        thakur.at("§2: reduce-scatter mirrors all-gather"))
                .variable("t_p2p", "s", "one point-to-point transfer", def, Range.NON_NEGATIVE)
                .equation("t_p2p", "bytes / (eff * bw) + lat", def);
        s.headline("t_all_reduce", "t_all_gather", "t_reduce_scatter", "t_p2p");
        return s;
    }
}
