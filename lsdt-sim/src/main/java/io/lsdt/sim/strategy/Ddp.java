package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * Distributed data parallel: every rank holds the whole model, runs its own share of the global batch (rank r the
 * samples [r·G/N, (r+1)·G/N), in micro-batches, gradients summed locally), then for each layer in turn all-reduces the
 * layer's weight gradient over all ranks and updates it. srush/LLM-Training-Puzzles puzzle 2 ({@code Distributed.py},
 * {@code ddp}); the GT lab's part 0 demo is the same with an all-reduce per micro-batch.
 *
 * <p>Like the puzzle's reference solution, a micro-batch's backward frees each layer's input and output gradient,
 * but the last layer's output and the gradient of the input stay: the reference never frees them. With several
 * micro-batches per rank they are freed when the next micro-batch starts.
 *
 * <p>Puzzle 2 (4 ranks, layers 2, one sample per rank): forward 2 steps, backward 2 steps, then all-reduce (0.3) and
 * update (0.5) per layer, the last update starting at 5.1; memory peaks at the first all-reduce: weights and
 * optimizer state and two gradients (6·262,144) + the last output and the input gradient (2·131,072) =
 * 1,835,008 elements.
 */
public record Ddp() implements Strategy {
    @Override
    public String name() {
        return "ddp";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int m = Shapes.microBatchesPer(s, s.ranks(), "ranks");
        Program p = new Program();
        for (int l = 0; l < s.layers(); l++) {
            p.load(l);
        }
        int previous = -1;
        for (int mb : Shapes.microBatchesOf(rank, m)) {
            freeLeftovers(p, s, previous, true);
            p.input(mb);
            for (int l = 0; l < s.layers(); l++) {
                p.forward(l, mb);
            }
            p.loss(mb);
            for (int l = s.layers() - 1; l >= 0; l--) {
                p.backward(l, mb);
                p.delete(Op.Key.weightGrad(l, mb)); // summed into the running gradient
                p.delete(Op.Key.gradient(l, mb));
                p.delete(Op.Key.activation(l, mb));
            }
            previous = mb;
        }
        for (int l = 0; l < s.layers(); l++) {
            p.allReduce(Op.Key.weightGradSum(l));
            p.update(l);
        }
        return p.ops();
    }

    /**
     * Frees what srush's reference solutions leave behind after a micro-batch: the gradient of the input and, when
     * {@code output}, the last layer's output.
     */
    static void freeLeftovers(Program p, LabSetup s, int mb, boolean output) {
        if (mb < 0) {
            return;
        }
        if (output) {
            p.delete(Op.Key.activation(s.layers(), mb));
        }
        p.delete(Op.Key.gradient(-1, mb));
    }
}
