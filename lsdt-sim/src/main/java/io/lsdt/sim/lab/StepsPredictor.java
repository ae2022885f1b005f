package io.lsdt.sim.lab;

import static io.lsdt.sim.lab.LabConstants.checkAtLeast;
import static io.lsdt.sim.lab.LabConstants.checkShards;

import io.lsdt.sim.engine.Predictor;
import java.util.Objects;

/**
 * The fixed costs of Sasha Rush's original puzzles (srush/LLM-Training-Puzzles {@code lib.py}), in abstract
 * <em>steps</em> rather than seconds ({@code shared/reference/lab-simulator.md} §5.1): forward and backward one step
 * per batch (sample), update 0.5, every collective 0.3, a pass 0.2 (charged on both sender and receiver), loss 0.
 * The puzzles have no weight-loading event, so loading is free. Sizes and world size do not matter.
 */
public final class StepsPredictor implements Predictor {
    /** Steps of an update. */
    public static final double UPDATE = 0.5;
    /** Steps of any collective ({@code allreduce}, {@code scatterreduce}, {@code allgather}). */
    public static final double COLLECTIVE = 0.3;
    /** Steps of a pass ({@code pass_to} / {@code receive}), on each side. */
    public static final double PASS = 0.2;

    /** The puzzles' predictor (it holds no state). */
    public StepsPredictor() {}

    /** @return the number of samples, the puzzles' {@code len(batches)} (steps) */
    @Override
    public double forwardBackward(int samples) {
        checkAtLeast("samples", samples, 0);
        return samples;
    }

    /** @return {@value #UPDATE} (steps) */
    @Override
    public double update(int shardsOnDevice, int numShards) {
        checkShards(shardsOnDevice, numShards);
        return UPDATE;
    }

    /** @return 0: the puzzles do not cost loading */
    @Override
    public double loadWeights(int shardsOnDevice, int numShards) {
        checkShards(shardsOnDevice, numShards);
        return 0;
    }

    /** @return {@value #COLLECTIVE} (steps) */
    @Override
    public double collective(Collective op, long bytes) {
        Objects.requireNonNull(op, "op");
        checkAtLeast("bytes", bytes, 0);
        return COLLECTIVE;
    }

    /** @return {@value #PASS} (steps) */
    @Override
    public double p2p(long bytes) {
        checkAtLeast("bytes", bytes, 0);
        return PASS;
    }

    /** @return 0 */
    @Override
    public double loss() {
        return 0;
    }

    /** @return {@value Predictor#STEPS}: the puzzles count abstract steps, not seconds */
    @Override
    public String timeUnit() {
        return STEPS;
    }

    /** @return {@code "elements"}: the puzzles' memory accounting */
    @Override
    public String memoryUnit() {
        return "elements";
    }

    @Override
    public String toString() {
        return "StepsPredictor[forward/backward = samples, update 0.5, collective 0.3, pass 0.2]";
    }
}
