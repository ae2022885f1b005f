package io.lsdt.sim.state;

/**
 * A value a rank stores: the lab's state objects (seed 001, GT {@code lib.py}: Weight, OptState, WeightGrad,
 * Activation, ActivationGrad), extended with what real training needs — Megatron tensor-parallel slices and the
 * gathered keys and values of context parallelism — and with the time the value is ready, for overlapping streams.
 *
 * <p>Two kinds of splitting are kept apart. <em>Shards</em> are the lab's: a weight, optimizer state or weight
 * gradient split {@code numShards} ways for storage (ZeRO, FSDP); a forward or backward needs the whole (complete)
 * weight. For activations and activation gradients the shards are <em>partial sums</em>: a forward through a
 * tensor-parallel slice produces contribution {@code t} of {@code numShards}, and an all-reduce over the
 * tensor-parallel group sums them into the complete activation. A <em>slice</em> is Megatron's tensor-parallel
 * split of a layer (Shoeybi et al. 2019): rank t of a group of T holds slice t of every matrix and computes with it;
 * slices are never combined.
 *
 * @param type what it is
 * @param layer the layer (activations: the layer they are the input of; activation gradients: the layer whose
 *     output they are the gradient of)
 * @param samples the samples it covers (activations, gradients, keys and values); empty for weights and optimizer
 *     state
 * @param shards the shards held, of {@code numShards} (partial-sum contributions for activations and their
 *     gradients)
 * @param numShards into how many shards the value is split, ≥ 1
 * @param slice the tensor-parallel slice of the layer, 0 … {@code slices − 1}
 * @param slices tensor-parallel slices of the layer (1 without tensor parallelism)
 * @param step optimizer steps applied (weights and optimizer state)
 * @param ready when the value is ready on the rank that stores it (s); 0 for values present from the start
 */
public record Value(Type type, int layer, IndexSet samples, IndexSet shards, int numShards, int slice, int slices,
        int step, double ready) {
    /** Kinds of values: the lab's five, and the keys and values an attention layer gathers over its CP group. */
    public enum Type {
        /** A layer's weight. */
        WEIGHT,
        /** A layer's optimizer state (the lab: 1× the weight; real training: fp32 master, Adam m and v). */
        OPT_STATE,
        /** A layer's weight gradient. */
        WEIGHT_GRAD,
        /** The input of a layer, kept for its backward. */
        ACTIVATION,
        /** The gradient of a layer's output. */
        ACTIVATION_GRAD,
        /** A layer's attention keys and values for whole sequences, gathered over the context-parallel group. */
        KV
    }

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if {@code numShards < 1}, {@code slices < 1}, or {@code slice} is not in
     *     0 … {@code slices − 1}
     */
    public Value {
        if (numShards < 1 || slices < 1 || slice < 0 || slice >= slices) {
            throw new IllegalArgumentException("shards " + numShards + ", slice " + slice + " of " + slices);
        }
    }

    /**
     * A lab value: no tensor-parallel slice, ready at once.
     *
     * @param type what it is
     * @param layer the layer
     * @param samples samples covered
     * @param shards shards held
     * @param numShards shards in all
     * @param step optimizer steps applied
     * @throws IllegalArgumentException if {@code numShards < 1}
     */
    public Value(Type type, int layer, IndexSet samples, IndexSet shards, int numShards, int step) {
        this(type, layer, samples, shards, numShards, 0, 1, step, 0);
    }

    /**
     * Whether the value is whole: a forward or backward needs a complete weight and a complete input.
     *
     * @return true when every shard (or every partial-sum contribution) is held
     */
    public boolean isComplete() {
        return shards.size() == numShards;
    }

    /**
     * The same value with another ready time, as stored by an operation that ends at {@code t}.
     *
     * @param t the time it is ready on its rank (s)
     * @return a copy ready at {@code t} (this value itself when it already is)
     */
    public Value readyAt(double t) {
        return t == ready ? this : new Value(type, layer, samples, shards, numShards, slice, slices, step, t);
    }

    /**
     * Whether this value's shards are partial-sum contributions rather than storage shards.
     *
     * @return true for activations and activation gradients, whose shards are partial-sum contributions
     */
    public boolean isActivationLike() {
        return type == Type.ACTIVATION || type == Type.ACTIVATION_GRAD;
    }
}
