package io.lsdt.sim.state;

import java.util.BitSet;

/**
 * A value a rank stores: the lab's state objects (seed 001, GT {@code lib.py}). Memory is counted in elements, as
 * the lab counts it: a full layer's weight, gradient or optimizer state is h² elements, an activation of one sample
 * h·L elements.
 *
 * @param type what it is
 * @param layer the layer (activations: the layer they are the input of; activation gradients: the layer whose
 *     output they are the gradient of)
 * @param samples the samples it covers (activations, gradients); empty for weights and optimizer state
 * @param shards the shards held, of {@code numShards}
 * @param numShards into how many shards the layer is split
 * @param step optimizer steps applied (weights and optimizer state)
 */
public record Value(Type type, int layer, BitSet samples, BitSet shards, int numShards, int step) {
    /** Kinds of lab values. */
    public enum Type { WEIGHT, OPT_STATE, WEIGHT_GRAD, ACTIVATION, ACTIVATION_GRAD }

    /** Copies the bit sets. */
    public Value {
        samples = (BitSet) samples.clone();
        shards = (BitSet) shards.clone();
    }

    /**
     * @param hidden h
     * @param sequence L
     * @return the lab's memory of this value (elements)
     */
    public double memory(int hidden, int sequence) {
        double layerElements = (double) hidden * hidden;
        return switch (type) {
            case WEIGHT, OPT_STATE, WEIGHT_GRAD -> layerElements * shards.cardinality() / numShards;
            case ACTIVATION, ACTIVATION_GRAD -> (double) samples.cardinality() * hidden * sequence;
        };
    }

    /** @return true when every shard is held */
    public boolean isComplete() {
        return shards.cardinality() == numShards;
    }

    /**
     * @param from first sample (inclusive)
     * @param to last sample (exclusive)
     * @return the samples {@code [from, to)}
     */
    public static BitSet range(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }

    /**
     * @param i one shard
     * @return the set {i}
     */
    public static BitSet one(int i) {
        BitSet b = new BitSet();
        b.set(i);
        return b;
    }
}
