package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * GPipe (Huang et al., "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism", NeurIPS 2019):
 * stages as in {@link NaivePipeline}, but the batch is split into micro-batches; every stage runs all forwards,
 * passing each micro-batch on as soon as it is done, then all backwards in the same order, then sums each layer's
 * micro-batch gradients and updates. srush/LLM-Training-Puzzles puzzle 6 ({@code Distributed.py}, {@code gpipe}).
 *
 * <p>Like the reference solution, each micro-batch's weight gradients are kept apart until the end of the step and
 * summed just before the update, a stage keeps the activations it sent on and the gradients it sent back, and only a
 * layer's input and output gradient are freed after its backward.
 *
 * <p>Puzzle 6 (4 ranks, layers 8, 4 micro-batches of 1; srush's pass rule): the first stage's last update starts at
 * 33.3 steps; memory peaks when a middle stage sends its last gradient back: 4·262,144 + 8 micro-batch weight
 * gradients (16·131,072) + 8 activations and gradients kept (8·131,072) = 4,194,304 elements.
 */
public record GPipe() implements Strategy {
    @Override
    public String name() {
        return "gpipe";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int pp = s.ranks();
        int per = Shapes.layersPer(s, pp, "pipeline stages (ranks)");
        StageBlock stage = StageBlock.stage(rank, pp, per, rank, 1, List.of());
        int first = stage.first();
        int last = stage.last();
        int m = s.microBatches();
        Program p = new Program();
        stage.load(p);
        for (int mb = 0; mb < m; mb++) {
            stage.forward(p, mb);
        }
        for (int mb = 0; mb < m; mb++) {
            stage.startBackward(p, mb);
            for (int l = last; l >= first; l--) {
                p.backward(l, mb, Op.Key.weight(l), false);
                p.delete(Op.Key.gradient(l, mb));
                p.delete(Op.Key.activation(l, mb));
            }
            if (rank > 0) {
                p.send(rank - 1, Op.Key.gradient(first - 1, mb));
            }
        }
        for (int l = last; l >= first; l--) {
            for (int mb = 0; mb < m; mb++) {
                p.accumulate(Op.Key.weightGrad(l, mb));
                p.delete(Op.Key.weightGrad(l, mb));
            }
            p.update(l);
        }
        return p.ops();
    }
}
