package io.lsdt.sim.engine;

import io.lsdt.sim.state.IndexSet;
import java.util.List;

/**
 * One operation a rank performed, as the lab's event log records it: its kind, layer, start time on the rank's
 * clock, duration, the rank's memory just before the operation's result is stored, and the samples it concerned.
 *
 * @param kind the operation
 * @param layer the layer it concerns (for sends and receives: the layer of the value moved)
 * @param rank the rank that performed it
 * @param start start time (s)
 * @param duration duration (s)
 * @param memory the rank's memory when the event was logged, in the run's memory unit (elements or bytes)
 * @param samples the samples concerned (empty for per-layer operations such as updates)
 * @param microBatch the micro-batch id the samples form, or -1 for operations across micro-batches
 * @param peer the other rank of a send or receive, else -1
 * @param stream the rank's stream it ran on: 0 for compute (and everything, on one stream), 1, 2, … for the
 *     communication streams of a run with overlap (see {@link SimulationResult#streamNames(int)})
 */
public record Event(Kind kind, int layer, int rank, double start, double duration, double memory, IndexSet samples,
        int microBatch, int peer, int stream) {

    /** Operation kinds, named as the lab names them. */
    public enum Kind {
        /** Loading a layer's weight shard and optimizer state (host → device), {@code "load_weights"}. */
        LOAD_WEIGHTS("load_weights"),
        /** A layer's forward on a micro-batch, {@code "forward"}. */
        FORWARD("forward"),
        /** A layer's backward on a micro-batch, {@code "backward"}. */
        BACKWARD("backward"),
        /** The loss of a micro-batch, {@code "loss"}. */
        LOSS("loss"),
        /** A layer's optimizer step, {@code "update"}. */
        UPDATE("update"),
        /** An all-reduce collective, {@code "all_reduce"}. */
        ALL_REDUCE("all_reduce"),
        /** A reduce-scatter collective, {@code "reduce_scatter"}. */
        REDUCE_SCATTER("reduce_scatter"),
        /** An all-gather collective, {@code "all_gather"}. */
        ALL_GATHER("all_gather"),
        /** A point-to-point send to {@link Event#peer()}, {@code "send"}. */
        SEND("send"),
        /** A point-to-point receive from {@link Event#peer()}, {@code "recv"}. */
        RECV("recv");

        private static final Kind[] VALUES = values();

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /**
         * The name the lab's event log gives this kind.
         *
         * @return the lab's name, e.g. {@code "forward"}
         */
        public String label() {
            return label;
        }

        /**
         * Whether this kind moves data between ranks rather than computing.
         *
         * @return true for communication (collectives and point-to-point), false for loads and compute
         */
        public boolean isCommunication() {
            return switch (this) {
                case ALL_REDUCE, REDUCE_SCATTER, ALL_GATHER, SEND, RECV -> true;
                default -> false;
            };
        }

        static Kind of(int ordinal) {
            return VALUES[ordinal];
        }
    }

    /**
     * An event on stream 0, with its samples given as a list (tests, hand-made timelines).
     *
     * @param kind the operation
     * @param layer the layer
     * @param rank the rank
     * @param start start (s)
     * @param duration duration (s)
     * @param memory memory before the result is stored
     * @param samples the samples
     * @param microBatch micro-batch or -1
     * @param peer peer or -1
     */
    public Event(Kind kind, int layer, int rank, double start, double duration, double memory, List<Integer> samples,
            int microBatch, int peer) {
        this(kind, layer, rank, start, duration, memory, toSet(samples), microBatch, peer, 0);
    }

    private static IndexSet toSet(List<Integer> samples) {
        java.util.BitSet b = new java.util.BitSet();
        samples.forEach(b::set);
        return IndexSet.of(b);
    }

    /**
     * When the event ended on the rank's clock.
     *
     * @return {@code start + duration} (s)
     */
    public double end() {
        return start + duration;
    }
}
