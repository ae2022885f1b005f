package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * Naive pipeline parallelism: rank r holds the r-th contiguous block of L/N layers; the whole global batch goes
 * forward through the stages, passed point-to-point, and its gradient comes back the same way; no collective.
 * srush/LLM-Training-Puzzles puzzle 5 ({@code Distributed.py}, {@code pipeline}) and the GT lab's part 2.
 *
 * <p>Like the reference solution, a stage keeps the activation it sent on and the gradient it sent back (only a
 * layer's input and output gradient are freed, after its backward), and the last stage keeps the final output.
 *
 * <p>Puzzle 5 (4 ranks, layers 8, batches 4; srush's pass rule, see {@link io.lsdt.sim.engine.Engine.PointToPoint}):
 * every stage takes 8 steps forward and 8 backward and each of the 6 hops costs 0.2 on the sender and 0.2 on the
 * receiver, so the first stage's last update starts at 4·8 + 4·8 + 6·0.4 + 0.5 = 66.9; memory peaks at the
 * backward of a stage's last layer: 4·262,144 + 16 activations and gradients of one sample (16·131,072) =
 * 3,145,728 elements.
 */
public record NaivePipeline() implements Strategy {
    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int pp = s.ranks();
        int per = Shapes.layersPer(s, pp, "pipeline stages (ranks)");
        Shapes.wholeBatch(s, 1, name(), "gpipe or 1f1b");
        StageBlock stage = StageBlock.stage(rank, pp, per, rank, 1, List.of());
        int first = stage.first();
        int last = stage.last();
        int mb = 0;
        Program p = new Program();
        stage.load(p);
        stage.forward(p, mb);
        stage.startBackward(p, mb);
        for (int l = last; l >= first; l--) {
            p.backward(l, mb);
            p.delete(Op.Key.weightGrad(l, mb)); // the running sum is the whole gradient
            p.delete(Op.Key.gradient(l, mb));
            p.delete(Op.Key.activation(l, mb));
        }
        if (rank > 0) {
            p.send(rank - 1, Op.Key.gradient(first - 1, mb));
        }
        stage.update(p);
        return p.ops();
    }
}
