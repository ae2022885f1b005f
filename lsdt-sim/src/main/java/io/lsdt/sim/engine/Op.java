package io.lsdt.sim.engine;

import java.util.List;

/**
 * One instruction of a rank's program, on values named by {@link Key}. A strategy builds each rank's program as a
 * list of these (see {@link Program}); the engine interprets them with the lab's semantics and clocks.
 */
public sealed interface Op {
    /**
     * Load a layer's weight shard and optimizer state (host → device).
     *
     * @param layer the layer
     * @param shard the shard loaded, 0 … {@code numShards − 1}
     * @param numShards shards the layer (or its tensor-parallel slice) is stored in (ZeRO, FSDP)
     * @param slice the Megatron tensor-parallel slice of the layer this rank computes with
     * @param slices tensor-parallel slices (1 without tensor parallelism)
     */
    record LoadWeights(int layer, int shard, int numShards, int slice, int slices) implements Op {
        /**
         * A load without tensor parallelism: slice 0 of 1.
         *
         * @param layer the layer
         * @param shard the shard loaded, 0 … {@code numShards − 1}
         * @param numShards shards the layer is stored in (ZeRO, FSDP); 1 for a replicated layer
         */
        public LoadWeights(int layer, int shard, int numShards) {
            this(layer, shard, numShards, 0, 1);
        }
    }

    /**
     * Store the input activation of a micro-batch (takes no time): the activation that is the input of layer 0,
     * {@link Key#activation(int, int) activation(0, microBatch)}.
     *
     * @param microBatch the micro-batch
     */
    record Input(int microBatch) implements Op {}

    /**
     * Forward of {@code layer} on a micro-batch: needs the input activation (complete: partial sums must be
     * all-reduced first) and a complete weight. With a tensor-parallel slice of the weight the output is this slice's
     * partial sum, to be all-reduced over the tensor-parallel group.
     *
     * @param layer the layer
     * @param microBatch the micro-batch
     * @param weight the stored weight to use: {@link Key#weight(int)}, or {@link Key#gatheredWeight(int)} for a copy
     *     all-gathered from shards
     * @param context the keys and values gathered over the context-parallel group ({@link Key#kv(int, int)}), or
     *     null without context parallelism
     */
    record Forward(int layer, int microBatch, Key weight, Key context) implements Op {
        /**
         * Forward with the layer's own weight, {@link Key#weight(int)}, without context parallelism.
         *
         * @param layer the layer
         * @param microBatch the micro-batch
         */
        public Forward(int layer, int microBatch) {
            this(layer, microBatch, Key.weight(layer), null);
        }

        /**
         * Forward with a chosen weight, without context parallelism.
         *
         * @param layer the layer
         * @param microBatch the micro-batch
         * @param weight the stored weight to use: {@link Key#weight(int)}, or {@link Key#gatheredWeight(int)}
         */
        public Forward(int layer, int microBatch, Key weight) {
            this(layer, microBatch, weight, null);
        }
    }

    /**
     * Loss of a micro-batch: needs the last layer's output, stores the gradient of the last layer's output.
     *
     * @param microBatch the micro-batch
     */
    record Loss(int microBatch) implements Op {}

    /**
     * Backward of {@code layer}: stores the micro-batch's weight gradient and the gradient of the layer's input (for
     * layer 0 too: the lab's and the puzzles' {@code backward} return an {@code ActivationGrad} of layer −1, which
     * counts in memory until the program deletes it).
     *
     * @param layer the layer
     * @param microBatch the micro-batch
     * @param weight the stored weight to use (as for {@link Forward})
     * @param accumulate true to also add the gradient into the layer's running sum {@link Key#weightGradSum(int)} at
     *     once (the GT lab's reference solutions); false to leave summing to an explicit {@link Accumulate}, as
     *     srush's puzzle solutions do ({@code grad_weights[l] = grad_weights[l] + grad_weights[l, mb]})
     * @param context the keys and values gathered over the context-parallel group, or null (as for {@link Forward})
     */
    record Backward(int layer, int microBatch, Key weight, boolean accumulate, Key context) implements Op {
        /**
         * Backward with the layer's own weight, adding into the running sum at once, without context parallelism.
         *
         * @param layer the layer
         * @param microBatch the micro-batch
         */
        public Backward(int layer, int microBatch) {
            this(layer, microBatch, Key.weight(layer), true, null);
        }

        /**
         * Backward with a chosen weight and summing policy, without context parallelism.
         *
         * @param layer the layer
         * @param microBatch the micro-batch
         * @param weight the stored weight to use (as for {@link Forward})
         * @param accumulate true to also add the gradient into {@link Key#weightGradSum(int)} at once; false to
         *     leave summing to an explicit {@link Accumulate}
         */
        public Backward(int layer, int microBatch, Key weight, boolean accumulate) {
            this(layer, microBatch, weight, accumulate, null);
        }
    }

    /**
     * Adds a stored weight gradient into the layer's running sum {@link Key#weightGradSum(int)} (the union of their
     * samples; both must hold the same shards) and takes no time, like the puzzles' {@code +} on two
     * {@code WeightGrad}s. The added gradient stays stored until deleted.
     *
     * @param value the gradient to add, e.g. {@link Key#weightGrad(int, int)}
     */
    record Accumulate(Key value) implements Op {}

    /**
     * Send a stored value to another rank; the peer must run the matching {@link Recv}.
     *
     * @param peer the receiving rank
     * @param value the stored value sent (it stays stored here until deleted)
     */
    record Send(int peer, Key value) implements Op {}

    /**
     * Receive a value from another rank and store it; the peer must run the matching {@link Send}.
     *
     * @param peer the sending rank
     * @param value the value received, stored under the same key
     */
    record Recv(int peer, Key value) implements Op {}

    /**
     * A collective over a group of ranks (all ranks when {@code group} is empty): every member passes its stored
     * value under {@code value}; the result is stored under {@code into}, which is {@code value} itself (the result
     * replaces it) or another key (the contribution stays, as in the puzzles' {@code weights[l, 0] =
     * allgather(weights[l])}). What is combined depends on the value:
     * <ul>
     *   <li>all-gather of weights or optimizer state: the union of their shards;</li>
     *   <li>all-gather of activations into {@link Key#kv(int, int)}: the union of the sequence chunks (context
     *       parallelism), stored as keys and values;</li>
     *   <li>all-reduce or reduce-scatter of weight gradients: the union of their samples, over equal shards;</li>
     *   <li>all-reduce of activations or activation gradients: the sum of tensor-parallel partial sums (the union of
     *       the contributions), over equal samples;</li>
     *   <li>reduce-scatter keeps member i's shard i of the result.</li>
     * </ul>
     * Starts on every member at the latest of their clocks (and of the contributions' ready times). Members meet by
     * kind, group, and the type and layer of the value — the lab's {@code Dist} matches collectives by order alone,
     * so members may contribute values of different micro-batches — and a group has one collective open at a time.
     *
     * @param kind which collective
     * @param value the value each member contributes
     * @param group the member ranks, in shard order; empty for every rank
     * @param into where the result is stored
     * @param empty true when this member contributes an empty weight gradient that it does not store (srush's
     *     {@code fake_grad(l, [])}, puzzle 7: a rank that does not own a layer still joins its reduce-scatter)
     * @param replicas how many identical copies of the group the collective spans, ≥ 1: a simulation that runs one
     *     data-parallel replica of a symmetric design (the others would do exactly the same) joins only its own
     *     members but is charged for the whole group of {@code group.size() × replicas} ranks
     */
    record Collective(Kind kind, Key value, List<Integer> group, Key into, boolean empty, int replicas)
            implements Op {
        /** Collective kinds. */
        public enum Kind {
            /** Every member receives the combination of all contributions. */
            ALL_REDUCE,
            /** Every member receives the union of all members' shards (or sequence chunks). */
            ALL_GATHER,
            /** The contributions are combined and member i keeps shard i of the result. */
            REDUCE_SCATTER
        }

        /**
         * Copies the group.
         *
         * @throws IllegalArgumentException if {@code empty} is set on an all-gather or on a value that is not a
         *     weight gradient, or if {@code replicas < 1}
         */
        public Collective {
            group = List.copyOf(group);
            if (empty && (kind == Kind.ALL_GATHER || value.type() != io.lsdt.sim.state.Value.Type.WEIGHT_GRAD)) {
                throw new IllegalArgumentException("only a reduction of weight gradients takes an empty contribution");
            }
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas " + replicas);
            }
        }

        /**
         * A collective over the group itself ({@code replicas} 1).
         *
         * @param kind which collective
         * @param value the value each member contributes
         * @param group the member ranks, in shard order; empty for every rank
         * @param into where the result is stored
         * @param empty true when this member contributes an empty weight gradient that it does not store
         * @throws IllegalArgumentException if {@code empty} is set on an all-gather or on a value that is not a
         *     weight gradient
         */
        public Collective(Kind kind, Key value, List<Integer> group, Key into, boolean empty) {
            this(kind, value, group, into, empty, 1);
        }

        /**
         * A collective over the group itself whose result replaces the contribution ({@code into == value}), with a
         * stored (non-empty) contribution.
         *
         * @param kind which collective
         * @param value the value each member contributes, and where the result is stored
         * @param group the member ranks, in shard order; empty for every rank
         */
        public Collective(Kind kind, Key value, List<Integer> group) {
            this(kind, value, group, value, false);
        }
    }

    /**
     * Optimizer step of a layer, with its summed weight gradient {@link Key#weightGradSum(int)}.
     *
     * @param layer the layer
     */
    record Update(int layer) implements Op {}

    /**
     * Free a stored value, releasing its memory.
     *
     * @param value the value freed
     */
    record Delete(Key value) implements Op {}

    /**
     * A named value of a rank.
     *
     * @param type what it is
     * @param layer its layer
     * @param microBatch its micro-batch, or {@link #SUM} for a layer's summed weight gradient, or -1 for weights and
     *     optimizer state, or {@link #GATHERED} for an all-gathered weight
     */
    record Key(io.lsdt.sim.state.Value.Type type, int layer, int microBatch) {
        /** A hash that is the same in every run (an enum's own hash is its identity), and cheap. */
        @Override
        public int hashCode() {
            return (type.ordinal() * 0x9E3779B1 + layer) * 0x01000193 + microBatch;
        }

        /**
         * The key of a layer's weight (the rank's stored shard or slice of it).
         *
         * @param layer the layer
         * @return the key: type {@code WEIGHT}, micro-batch −1
         */
        public static Key weight(int layer) {
            return new Key(io.lsdt.sim.state.Value.Type.WEIGHT, layer, -1);
        }

        /**
         * The key of a layer's optimizer state.
         *
         * @param layer the layer
         * @return the key: type {@code OPT_STATE}, micro-batch −1
         */
        public static Key optState(int layer) {
            return new Key(io.lsdt.sim.state.Value.Type.OPT_STATE, layer, -1);
        }

        /**
         * The key of a layer's running sum of weight gradients over micro-batches, which {@link Update} consumes.
         *
         * @param layer the layer
         * @return the key: type {@code WEIGHT_GRAD}, micro-batch {@link #SUM}
         */
        public static Key weightGradSum(int layer) {
            return new Key(io.lsdt.sim.state.Value.Type.WEIGHT_GRAD, layer, SUM);
        }

        /** Micro-batch id of a layer's running weight-gradient sum. */
        public static final int SUM = -2;

        /** Micro-batch id of a layer's all-gathered (complete) weight, kept beside the rank's own shard. */
        public static final int GATHERED = -3;

        /**
         * The key of the complete copy of a layer's weight that an all-gather builds beside the rank's shard.
         *
         * @param layer the layer
         * @return the key: type {@code WEIGHT}, micro-batch {@link #GATHERED}
         */
        public static Key gatheredWeight(int layer) {
            return new Key(io.lsdt.sim.state.Value.Type.WEIGHT, layer, GATHERED);
        }

        /**
         * The key of the activation that is the input of {@code layer} for a micro-batch (the output of
         * {@code layer − 1}).
         *
         * @param layer the layer whose input it is
         * @param microBatch the micro-batch
         * @return the key: type {@code ACTIVATION}
         */
        public static Key activation(int layer, int microBatch) {
            return new Key(io.lsdt.sim.state.Value.Type.ACTIVATION, layer, microBatch);
        }

        /**
         * The key of the gradient of {@code layer}'s output for a micro-batch.
         *
         * @param layer the layer whose output gradient it is (−1 for the gradient of layer 0's input)
         * @param microBatch the micro-batch
         * @return the key: type {@code ACTIVATION_GRAD}
         */
        public static Key gradient(int layer, int microBatch) {
            return new Key(io.lsdt.sim.state.Value.Type.ACTIVATION_GRAD, layer, microBatch);
        }

        /**
         * The key of the keys and values of {@code layer}'s attention for a micro-batch's whole sequences,
         * all-gathered over the context-parallel group from each member's input activation (its sequence chunk).
         *
         * @param layer the layer
         * @param microBatch the micro-batch
         * @return the key: type {@code KV}
         */
        public static Key kv(int layer, int microBatch) {
            return new Key(io.lsdt.sim.state.Value.Type.KV, layer, microBatch);
        }

        /**
         * The key of one micro-batch's weight gradient of a layer.
         *
         * @param layer the layer
         * @param microBatch the micro-batch
         * @return the key: type {@code WEIGHT_GRAD}
         */
        public static Key weightGrad(int layer, int microBatch) {
            return new Key(io.lsdt.sim.state.Value.Type.WEIGHT_GRAD, layer, microBatch);
        }
    }
}
