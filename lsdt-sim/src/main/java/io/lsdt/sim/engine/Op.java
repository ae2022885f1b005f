package io.lsdt.sim.engine;

import java.util.List;

/**
 * One instruction of a rank's program, on values named by {@link Key}. A strategy builds each rank's program as a
 * list of these (see {@link Program}); the engine interprets them with the lab's semantics and clocks.
 */
public sealed interface Op {
    /** Load a layer's weight shard and optimizer state (host → device). */
    record LoadWeights(int layer, int shard, int numShards) implements Op {}

    /** Store the input activation of a micro-batch (takes no time). */
    record Input(int microBatch) implements Op {}

    /** Forward of {@code layer} on a micro-batch: needs the input activation and the complete weight. */
    record Forward(int layer, int microBatch) implements Op {}

    /** Loss of a micro-batch: needs the last layer's output, stores the gradient of the last layer's output. */
    record Loss(int microBatch) implements Op {}

    /** Backward of {@code layer}: stores the micro-batch's weight gradient (added to the layer's running sum) and the
     * gradient of the layer's input. */
    record Backward(int layer, int microBatch) implements Op {}

    /** Send a stored value to another rank. */
    record Send(int peer, Key value) implements Op {}

    /** Receive a value from another rank and store it. */
    record Recv(int peer, Key value) implements Op {}

    /**
     * A collective over a group of ranks (all ranks when {@code group} is empty): every member passes its stored
     * value under {@code value}; the result replaces it. All-reduce sums weight gradients (the union of their
     * samples); all-gather combines shards; reduce-scatter sums and keeps this member's shard. Starts on every
     * member at the latest of their clocks.
     *
     * @param kind which collective
     * @param value the value each member contributes
     * @param group the member ranks, in shard order; empty for every rank
     */
    record Collective(Kind kind, Key value, List<Integer> group) implements Op {
        /** Collective kinds. */
        public enum Kind { ALL_REDUCE, ALL_GATHER, REDUCE_SCATTER }

        /** Copies the group. */
        public Collective {
            group = List.copyOf(group);
        }
    }

    /** Optimizer step of a layer, with its summed weight gradient. */
    record Update(int layer) implements Op {}

    /** Free a stored value. */
    record Delete(Key value) implements Op {}

    /**
     * A named value of a rank.
     *
     * @param type what it is
     * @param layer its layer
     * @param microBatch its micro-batch, or {@link #SUM} for a layer's summed weight gradient, or -1 for weights
     */
    record Key(io.lsdt.sim.state.Value.Type type, int layer, int microBatch) {
        /** @return a layer's weight */
        public static Key weight(int layer) {
            return new Key(io.lsdt.sim.state.Value.Type.WEIGHT, layer, -1);
        }

        /** @return a layer's optimizer state */
        public static Key optState(int layer) {
            return new Key(io.lsdt.sim.state.Value.Type.OPT_STATE, layer, -1);
        }

        /** @return a layer's summed weight gradient */
        public static Key weightGradSum(int layer) {
            return new Key(io.lsdt.sim.state.Value.Type.WEIGHT_GRAD, layer, SUM);
        }

        /** Micro-batch id of a layer's running weight-gradient sum. */
        public static final int SUM = -2;

        /** @return the activation that is the input of {@code layer} for a micro-batch */
        public static Key activation(int layer, int microBatch) {
            return new Key(io.lsdt.sim.state.Value.Type.ACTIVATION, layer, microBatch);
        }

        /** @return the gradient of {@code layer}'s output for a micro-batch */
        public static Key gradient(int layer, int microBatch) {
            return new Key(io.lsdt.sim.state.Value.Type.ACTIVATION_GRAD, layer, microBatch);
        }

        /** @return one micro-batch's weight gradient of a layer */
        public static Key weightGrad(int layer, int microBatch) {
            return new Key(io.lsdt.sim.state.Value.Type.WEIGHT_GRAD, layer, microBatch);
        }
    }
}
