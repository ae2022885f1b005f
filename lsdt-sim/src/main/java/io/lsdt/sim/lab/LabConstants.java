package io.lsdt.sim.lab;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;

/**
 * The constants of the GT CS 8803 Lab 2 {@code lib.py} and the byte sizes its {@code RuntimePredictor} gives the
 * lab's values ({@code shared/reference/lab-simulator.md} §2, §6.3). Every "layer" is one square h × h matmul; every
 * sample is L tokens.
 *
 * <p>Byte sizes follow {@code get_comm_bytes}: the element count as {@code lib.py} computes it (in integers, with
 * its integer division), then × {@link #BYTES_PER_ELEMENT}. A {@code Weight} or {@code WeightGrad} is costed at the
 * full layer whatever its sharding; an {@code OptState} shrinks with it.
 */
public final class LabConstants {
    /** {@code HIDDEN_SIZE}, h: the layer's matmul is h × h. */
    public static final int HIDDEN = 4096;

    /** {@code BLOCK_SIZE}, L: tokens per sample. */
    public static final int SEQUENCE = 1024;

    /** {@code BYTES_PER_ELEMENT}: used by the predictor only, never by the lab's memory accounting. */
    public static final int BYTES_PER_ELEMENT = 2;

    /** {@code DATATYPE}: the key of the Calculon {@code matrix} table the predictor reads. */
    public static final String DATATYPE = "float16";

    /** Elements of one full layer's weight, gradient or optimizer state: h² = 16,777,216. */
    public static final long LAYER_ELEMENTS = (long) HIDDEN * HIDDEN;

    /** Elements of one sample's activation or activation gradient: h·L = 4,194,304. */
    public static final long SAMPLE_ELEMENTS = (long) HIDDEN * SEQUENCE;

    private LabConstants() {}

    /**
     * The bytes {@code get_comm_bytes} gives a {@code Weight}: always the full layer, whatever its sharding.
     *
     * @return bytes of a {@code Weight}, sharded or not: 2·h² = 33,554,432 B
     */
    public static long weightBytes() {
        return LAYER_ELEMENTS * BYTES_PER_ELEMENT;
    }

    /**
     * The bytes {@code get_comm_bytes} gives a {@code WeightGrad}: always the full layer, whatever its sharding.
     *
     * @return bytes of a {@code WeightGrad}, sharded or not: 2·h² = 33,554,432 B
     */
    public static long weightGradBytes() {
        return LAYER_ELEMENTS * BYTES_PER_ELEMENT;
    }

    /**
     * The bytes {@code get_comm_bytes} gives an {@code Activation}: h·L elements a sample, 2 B each.
     *
     * @param samples samples of the activation, at least 0
     * @return bytes of an {@code Activation}: 2·h·L·samples (B)
     * @throws LsdtException ({@code INVALID_VALUE}) if {@code samples < 0}
     */
    public static long activationBytes(int samples) {
        checkAtLeast("samples", samples, 0);
        return SAMPLE_ELEMENTS * samples * BYTES_PER_ELEMENT;
    }

    /**
     * The bytes {@code get_comm_bytes} gives an {@code ActivationGrad}: the same as an activation of as many samples.
     *
     * @param samples samples of the gradient, at least 0
     * @return bytes of an {@code ActivationGrad}: 2·h·L·samples (B)
     * @throws LsdtException ({@code INVALID_VALUE}) if {@code samples < 0}
     */
    public static long activationGradBytes(int samples) {
        return activationBytes(samples);
    }

    /**
     * The bytes {@code get_comm_bytes} gives one shard of an {@code OptState}, which shrinks with the sharding.
     *
     * @param numShards shards the layer's optimizer state is split into, at least 1
     * @return bytes of an {@code OptState}: ⌊h²/numShards⌋·2 (B) — {@code lib.py} divides the element count, then
     *     multiplies by 2, so for a shard count that does not divide h² this can be 1 B less than ⌊2·h²/numShards⌋
     * @throws LsdtException ({@code INVALID_VALUE}) if {@code numShards < 1}
     */
    public static long optStateBytes(int numShards) {
        checkAtLeast("numShards", numShards, 1);
        return LAYER_ELEMENTS / numShards * BYTES_PER_ELEMENT;
    }

    static void checkAtLeast(String name, long value, long min) {
        if (value < min) {
            throw LsdtException.of(Problem.INVALID_VALUE, name, value, "at least " + min);
        }
    }

    /** Requires 1 ≤ {@code shardsOnDevice} ≤ {@code numShards}, naming the argument that breaks it. */
    static void checkShards(int shardsOnDevice, int numShards) {
        checkAtLeast("numShards", numShards, 1);
        if (shardsOnDevice < 1 || shardsOnDevice > numShards) {
            throw LsdtException.of(Problem.INVALID_VALUE, "shardsOnDevice", shardsOnDevice,
                    "1 … numShards = " + numShards);
        }
    }
}
