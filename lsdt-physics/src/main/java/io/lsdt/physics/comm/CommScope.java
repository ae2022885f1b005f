package io.lsdt.physics.comm;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Scope {@code comm}: the time of one collective or point-to-point transfer over a group of {@code n} GPUs, the
 * α–β model of ring algorithms (Thakur, Rabenseifner and Gropp 2005; Patarasuk and Yuan 2009). Every member sends
 * and receives over its own link at {@code eff · bw} per direction; each of the algorithm's steps costs one latency
 * α (catalog {@code collectives.yaml}: NCCL's per-step figures).
 *
 * <ul>
 *   <li>all-reduce: 2(n − 1)/n · S / (eff · bw) + 2(n − 1) · α (reduce-scatter then all-gather);</li>
 *   <li>all-gather and reduce-scatter: (n − 1)/n · S / (eff · bw) + (n − 1) · α, S the complete value;</li>
 *   <li>all-to-all (pairwise exchange): (n − 1)/n · S / (eff · bw) + (n − 1) · α, S what one member holds;</li>
 *   <li>point-to-point: S / (eff · bw) + α.</li>
 * </ul>
 *
 * <p>These formulas are written once, here. The generic scope {@code comm} serves the simulator (one evaluation per
 * collective it meets); every communication term of the {@code design} scope is an {@link #instance instance}: a
 * scope of its own (e.g. {@code design.tp_comm}) whose group size, payload and link are bound by equations to the
 * design's variables, with the same formula text and reference. The link choice — scale-up inside one domain,
 * scale-out across domains — is written once too, in {@link #instance}.
 *
 * <p>Across domains a ring collective whose group has {@code k} members in each domain runs at {@code k · bw_out}
 * per member, up to the scale-up bandwidth: NCCL stripes the ring's channels over the k members' NICs, so the
 * traffic that crosses each domain boundary is spread over k links while every member still moves 2(n−1)/n·S
 * (NVIDIA/nccl issues #569, #652 and #412: bus bandwidth grows with the GPUs, hence NICs, per node, "up to the
 * NVLink intra-node bandwidth"). With {@code G/k} such groups side by side in a domain of G GPUs the domain's NICs
 * are shared exactly, so the rule holds for concurrent groups too. Point-to-point and pairwise all-to-all traffic
 * leaves through each member's own NIC and takes {@code k = 1}.
 */
public final class CommScope {
    /** Scope name. */
    public static final String NAME = "comm";

    /** The operations of the scope, each with its one formula. */
    public enum Op {
        /** Ring all-reduce. */
        ALL_REDUCE("t_all_reduce", "ring all-reduce", "2 * (n - 1) / n * bytes / (eff * bw) + 2 * (n - 1) * lat",
                "bandwidth-optimal: 2(n−1)/n·S per member"),
        /** Ring all-gather. */
        ALL_GATHER("t_all_gather", "ring all-gather of a value of this size",
                "(n - 1) / n * bytes / (eff * bw) + (n - 1) * lat", "§2: ring all-gather, n − 1 steps of S/n"),
        /** Ring reduce-scatter. */
        REDUCE_SCATTER("t_reduce_scatter", "ring reduce-scatter of a value of this size",
                "(n - 1) / n * bytes / (eff * bw) + (n - 1) * lat", "§2: reduce-scatter mirrors all-gather"),
        /** Pairwise-exchange all-to-all. */
        ALL_TO_ALL("t_all_to_all", "pairwise-exchange all-to-all of what one member holds",
                "(n - 1) / n * bytes / (eff * bw) + (n - 1) * lat",
                "§3: pairwise exchange, n − 1 steps, each sending S/n to one peer"),
        /** One point-to-point transfer. */
        P2P("t_p2p", "one point-to-point transfer", "bytes / (eff * bw) + lat", null);

        private final String variable;
        private final String description;
        private final String formula;
        private final String locator;

        Op(String variable, String description, String formula, String locator) {
            this.variable = variable;
            this.description = description;
            this.formula = formula;
            this.locator = locator;
        }

        /**
         * The graph variable of this transfer's time.
         *
         * @return the variable's short name, e.g. {@code t_all_reduce}
         */
        public String variable() {
            return variable;
        }

        /**
         * The transfer's time formula, as the graph's equation states it.
         *
         * @return the formula's text over n, bytes, bw, eff and lat
         */
        public String formula() {
            return formula;
        }

        /**
         * The source of the kind's formula: Patarasuk and Yuan 2009 for the ring all-reduce, Thakur et al. 2005 for the
         * other collectives, a definition for a point-to-point transfer.
         *
         * @return the reference of the transfer's equation
         */
        Reference reference() {
            Reference base = this == ALL_REDUCE ? References.RING_ALLREDUCE
                    : this == P2P ? References.definition("one transfer over a group") : References.THAKUR_2005;
            return locator == null ? base : base.at(locator);
        }
    }

    /**
     * The link variables a family of instances chooses between, by fully qualified name: per-direction bandwidth,
     * achieved share and per-step latency of the scale-up and the scale-out link.
     *
     * @param bwUp scale-up bandwidth per GPU per direction (B/s)
     * @param bwOut scale-out bandwidth per GPU per direction (B/s)
     * @param effUp achieved share of the scale-up rate
     * @param effOut achieved share of the scale-out rate
     * @param latUp α of one step on the scale-up link (s)
     * @param latOut α of one step on the scale-out link (s)
     */
    public record Links(String bwUp, String bwOut, String effUp, String effOut, String latUp, String latOut) {
        /** Checks the names. */
        public Links {
            Objects.requireNonNull(bwUp);
            Objects.requireNonNull(bwOut);
            Objects.requireNonNull(effUp);
            Objects.requireNonNull(effOut);
            Objects.requireNonNull(latUp);
            Objects.requireNonNull(latOut);
        }
    }

    private CommScope() {}

    /**
     * The {@code comm} scope: the collectives' times in the ring α–β model.
     *
     * @return a new filled scope
     */
    public static Scope create() {
        Scope s = Scope.named(NAME, "Time of one collective or point-to-point transfer (ring α–β model)");
        declareInputs(s, References.definition("one transfer over a group"), true);
        for (Op op : Op.values()) {
            s.variable(op.variable, "s", op.description, op.reference(), Range.NON_NEGATIVE)
                    .equation(op.variable, op.formula, op.reference());
        }
        s.headline(java.util.Arrays.stream(Op.values()).map(o -> o.variable).toArray(String[]::new));
        return s;
    }

    /**
     * One use of the formulas: a scope named {@code name} (e.g. {@code design.tp_comm}) whose inputs are bound to the
     * caller's variables and whose operations are {@code ops}. The link is chosen by {@code cross}: 0 inside one
     * scale-up domain (scale-up bandwidth, share and latency), 1 across domains (scale-out).
     *
     * @param name the instance's scope name
     * @param description what the group is, e.g. "the tensor-parallel group"
     * @param n expression of the group size (fully qualified names); unused by a point-to-point-only instance
     * @param bytes expression of the payload S (B), as each operation defines it
     * @param cross expression that is 1 when the group spans scale-up domains, else 0
     * @param perDomain expression of the group's members inside one scale-up domain whose NICs a ring stripes over
     *     (≥ 1; "1" for point-to-point, all-to-all and groups with one member per domain)
     * @param links the link variables
     * @param ops the operations the caller uses (others are left out, so every equation reaches a target)
     * @param why reference of the bindings (where the group size and payload come from)
     * @return the filled scope
     */
    public static Scope instance(String name, String description, String n, String bytes, String cross,
            String perDomain, Links links, Set<Op> ops, Reference why) {
        Scope s = Scope.named(name, "Communication of " + description + " (an instance of scope comm)");
        boolean groupSized = ops.stream().anyMatch(o -> o != Op.P2P);
        declareInputs(s, why, groupSized);
        Reference choice = References.definition("link choice: scale-up inside one domain, scale-out across domains");
        Reference striping = References.NCCL_NIC_STRIPING;
        if (groupSized) {
            s.equation("n", n, why);
        }
        s.variable("cross", "1", "1 when " + description + " spans scale-up domains", choice, Range.UNIT_INTERVAL)
                .variable("k", "1", "members of " + description + " in one scale-up domain, whose NICs a ring "
                        + "collective stripes its channels over", striping, Range.POSITIVE)
                .equation("bytes", bytes, why)
                .equation("cross", cross, choice)
                .equation("k", perDomain, striping)
                .equation("bw", links.bwUp() + " * (1 - cross) + min(k * " + links.bwOut() + ", " + links.bwUp()
                        + ") * cross", striping, "across domains k members' NICs carry the ring, up to the "
                        + "scale-up bandwidth")
                .equation("eff", links.effUp() + " * (1 - cross) + " + links.effOut() + " * cross", choice)
                .equation("lat", links.latUp() + " * (1 - cross) + " + links.latOut() + " * cross", choice);
        for (Op op : EnumSet.copyOf(ops)) {
            s.variable(op.variable, "s", op.description + " over " + description, op.reference(), Range.NON_NEGATIVE)
                    .equation(op.variable, op.formula, op.reference());
        }
        return s;
    }

    /**
     * The link rate a ring collective runs at per member: the scale-up bandwidth inside one domain; across domains
     * {@code min(k · bwOut, bwUp)}, the instances' {@code bw} equation for callers that pick links themselves (the
     * simulator); {@code CommScopeTest} checks the two agree.
     *
     * @param cross whether the group spans scale-up domains
     * @param k the group's members in one domain (≥ 1)
     * @param bwUp scale-up bandwidth per GPU per direction (B/s); a device without one is capped at its scale-out
     *     link, as the design's inputs read it ({@code DesignInput.BW_UP})
     * @param bwOut scale-out bandwidth per GPU per direction (B/s)
     * @return the bandwidth (B/s)
     */
    public static double ringBandwidth(boolean cross, int k, double bwUp, double bwOut) {
        double up = bwUp > 0 ? bwUp : bwOut;
        return cross ? Math.min(Math.max(1, k) * bwOut, up) : up;
    }

    private static void declareInputs(Scope s, Reference def, boolean groupSized) {
        if (groupSized) {
            s.variable("n", "1", "GPUs in the group", def, Range.POSITIVE);
        }
        s.variable("bytes", "B", "the value's size: the complete (gathered or reduced) value", def,
                        Range.NON_NEGATIVE)
                .variable("bw", "B/s", "link bandwidth per GPU per direction", def, Range.POSITIVE)
                .variable("eff", "1", "achieved share of the link rate", def, Range.FRACTION)
                .variable("lat", "s", "latency of one step", def, Range.NON_NEGATIVE);
    }
}
