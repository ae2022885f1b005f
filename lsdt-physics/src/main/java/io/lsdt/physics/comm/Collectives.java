package io.lsdt.physics.comm;

import io.lsdt.graph.compile.CompiledPlan;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the {@code comm} scope ({@link CommScope}) for one transfer: the ring α–β time of an all-reduce,
 * all-gather, reduce-scatter or point-to-point transfer over {@code n} GPUs. The equations are compiled once;
 * thread-safe (each call evaluates its own slots).
 */
public final class Collectives {
    /** The transfers the scope times. */
    public enum Kind {
        /** Ring all-reduce. */
        ALL_REDUCE("comm.t_all_reduce"),
        /** Ring all-gather. */
        ALL_GATHER("comm.t_all_gather"),
        /** Ring reduce-scatter. */
        REDUCE_SCATTER("comm.t_reduce_scatter"),
        /** One point-to-point transfer. */
        P2P("comm.t_p2p");

        private final String target;

        Kind(String target) {
            this.target = target;
        }
    }

    private static final List<String> INPUTS = List.of("comm.n", "comm.bytes", "comm.bw", "comm.eff", "comm.lat");

    private final CompiledPlan plan;
    private final int[] in;
    private final int[] out;

    /**
     * Compiles the {@code comm} scope of a graph (a few milliseconds: build one and share it).
     *
     * @param registry a graph with the {@code comm} scope
     */
    public Collectives(io.lsdt.graph.registry.Registry registry) {
        List<String> targets = java.util.Arrays.stream(Kind.values()).map(k -> k.target).toList();
        plan = CompiledPlan.compile(registry, INPUTS, targets, Map.of());
        in = INPUTS.stream().mapToInt(plan::slot).toArray();
        out = targets.stream().mapToInt(plan::slot).toArray();
    }


    /**
     * The time of one transfer, by the {@code comm} scope's equation for its kind (the ring α–β model: per-step latency
     * plus bytes over the achieved bandwidth).
     *
     * @param kind the transfer
     * @param n GPUs in the group, ≥ 1 (2 for point-to-point)
     * @param bytes the complete value's size (B), ≥ 0
     * @param bw link bandwidth per GPU per direction (B/s), &gt; 0
     * @param eff achieved share of the link rate, in (0, 1]
     * @param lat latency of one step (s), ≥ 0
     * @return the transfer's time (s); 0 for a group of one
     * @throws LsdtException {@link Problem#INVALID_VALUE} for an argument out of range
     */
    public double time(Kind kind, int n, double bytes, double bw, double eff, double lat) {
        if (n < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, "comm.n", n, "at least 1 GPU");
        }
        if (!(bytes >= 0) || !(bw > 0) || !(eff > 0 && eff <= 1) || !(lat >= 0)) {
            throw LsdtException.of(Problem.INVALID_VALUE, "comm (bytes, bw, eff, lat)",
                    bytes + ", " + bw + ", " + eff + ", " + lat, "bytes ≥ 0, bw > 0, 0 < eff ≤ 1, lat ≥ 0");
        }
        if (n == 1 && kind != Kind.P2P) {
            return 0;
        }
        double[] s = plan.newSlots();
        s[in[0]] = n;
        s[in[1]] = bytes;
        s[in[2]] = bw;
        s[in[3]] = eff;
        s[in[4]] = lat;
        plan.evaluate(s);
        return s[out[kind.ordinal()]];
    }
}
