package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * Standard training on one GPU: the whole global batch forward through every layer, the loss, backward through every
 * layer, one update per layer. srush/LLM-Training-Puzzles puzzle 0 ({@code Distributed.py}, {@code basic}); like its
 * reference solution it frees the last layer's output after the loss and each layer's input and output gradient
 * after that layer's backward.
 *
 * <p>Puzzle 0 (layers 2, batches 4, steps predictor): 8 forward and 8 backward steps, updates at 16 and 16.5; memory
 * peaks at the loss, 4 layer-sized values (weights and optimizer state) + 12 activations of one sample:
 * 4·262,144 + 12·131,072 = 2,621,440 elements.
 */
public record SingleGpu() implements Strategy {
    @Override
    public String name() {
        return "single";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        Shapes.ranks(s, 1, name(), "use --ranks 1, or a data-parallel strategy such as ddp for more ranks");
        Shapes.wholeBatch(s, 1, name(), "grad-accum");
        Program p = new Program();
        for (int l = 0; l < s.layers(); l++) {
            p.load(l);
        }
        GradientAccumulation.oneMicroBatch(p, s.layers(), 0);
        for (int l = 0; l < s.layers(); l++) {
            p.update(l);
        }
        return p.ops();
    }
}
