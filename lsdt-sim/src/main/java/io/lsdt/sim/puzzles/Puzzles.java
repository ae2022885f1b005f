package io.lsdt.sim.puzzles;

import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import io.lsdt.sim.strategy.Ddp;
import io.lsdt.sim.strategy.GPipe;
import io.lsdt.sim.strategy.GradientAccumulation;
import io.lsdt.sim.strategy.NaivePipeline;
import io.lsdt.sim.strategy.PipelineFsdp;
import io.lsdt.sim.strategy.SingleGpu;
import io.lsdt.sim.strategy.Strategy;
import io.lsdt.sim.strategy.WeightShardedDp;
import io.lsdt.sim.strategy.Zero;
import java.util.List;

/**
 * The eight puzzles of Sasha Rush's LLM-Training-Puzzles ({@code puzzles.ipynb}, reference solutions in
 * {@code Distributed.py}; {@code shared/reference/lab-simulator.md} §10.1), each with its setup, the built-in
 * strategy that solves it, and its target: the exact time and maximum memory of unmerged PR #7 (the notebook's own
 * figures are rounded). They run with the puzzles' constants (h = {@value #HIDDEN}, L = {@value #LENGTH}: a layer is
 * 262,144 elements, one sample's activation 131,072), srush's unit costs ({@link StepsPredictor}) and srush's pass
 * rule ({@link Engine.PointToPoint#SRUSH}). Time is the lab's execution time: the latest start of a rank's last event.
 */
public final class Puzzles {
    /** srush {@code lib.py} {@code HIDDEN}. */
    public static final int HIDDEN = 512;
    /** srush {@code lib.py} {@code LENGTH}. */
    public static final int LENGTH = 256;

    /**
     * One puzzle.
     *
     * @param number 0 … 7
     * @param name the puzzle's title in the notebook
     * @param setup ranks, layers, batches (samples) and the micro-batch the strategy uses
     * @param strategy the built-in strategy that solves it as the reference solution does
     * @param targetTime PR #7's time (steps)
     * @param targetMemory PR #7's maximum memory (elements)
     */
    public record Puzzle(int number, String name, LabSetup setup, Strategy strategy, double targetTime,
            long targetMemory) {
        /**
         * Simulates the puzzle's step as srush's notebook does: abstract steps ({@link StepsPredictor}), memory in
         * elements, srush's point-to-point clock rule, one stream and no capacity check.
         *
         * @return the simulated step, to compare with {@link #targetTime()} and {@link #targetMemory()}
         * @throws io.lsdt.graph.error.LsdtException if the strategy's programs deadlock or break the lab's rules
         */
        public SimulationResult run() {
            return new Engine(setup, new StepsPredictor(), new LabSizes(HIDDEN, LENGTH),
                    Engine.Options.LAB.withPointToPoint(Engine.PointToPoint.SRUSH))
                    .run(strategy.programs(setup));
        }
    }

    private static final List<Puzzle> ALL = List.of(
            new Puzzle(0, "Standard training", new LabSetup(1, 2, 4, 4), new SingleGpu(), 16.5, 2_621_440),
            new Puzzle(1, "Gradient accumulation", new LabSetup(1, 2, 4, 1), new GradientAccumulation(), 16.5,
                    1_966_080),
            new Puzzle(2, "Distributed data parallel", new LabSetup(4, 2, 4, 1), new Ddp(), 5.1, 1_835_008),
            new Puzzle(3, "Weight-sharded data parallel", new LabSetup(4, 6, 4, 1), new WeightShardedDp(), 19.9,
                    2_752_512),
            new Puzzle(4, "Fully-sharded data parallel", new LabSetup(4, 6, 4, 1), new Zero(3), 19.9, 2_359_296),
            new Puzzle(5, "Pipeline parallelism", new LabSetup(4, 8, 4, 4), new NaivePipeline(), 66.9, 3_145_728),
            new Puzzle(6, "GPipe schedule", new LabSetup(4, 8, 4, 1), new GPipe(), 33.3, 4_194_304),
            new Puzzle(7, "Pipeline + FSDP", new LabSetup(16, 4, 4, 1), new PipelineFsdp(4, true), 15.5, 966_656));

    private Puzzles() {}

    /**
     * The puzzles of srush/LLM-Training-Puzzles with their PR #7 targets.
     *
     * @return the eight puzzles, numbers 0 … 7, in order
     */
    public static List<Puzzle> all() {
        return ALL;
    }
}
