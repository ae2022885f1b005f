package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * ZeRO data parallelism (Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
 * SC'20, §5): every rank runs its own share of the global batch as in {@link Ddp}, but the model state is
 * partitioned over the N ranks — each rank updates only its N-th of every layer (the lab's update asserts the weight
 * it steps is a subset of the gradient shard, so the rank's own shard is what it updates):
 *
 * <ul>
 *   <li><b>Stage 1</b> (P<sub>os</sub>, optimizer state): the rank keeps a full working copy of every weight (built by
 *       one all-gather per layer at the start; in a training run it is what the previous step's closing all-gather
 *       left) beside its shard, which stands for ZeRO's master-weight partition; it sums full gradients over its
 *       micro-batches and reduce-scatters each layer's sum once, at the end.
 *   <li><b>Stage 2</b> (P<sub>os+g</sub>, + gradients): as stage 1, but each layer's gradient is reduce-scattered
 *       right after its backward, micro-batch by micro-batch, and only the shard is kept.
 *   <li><b>Stage 3</b> (P<sub>os+g+p</sub>, + parameters) = FSDP: no working copy; a layer's weight is all-gathered
 *       before each forward and each backward and freed right after. This is srush/LLM-Training-Puzzles puzzle 4
 *       ({@code Distributed.py}, {@code fsdp}) and the GT lab's part 1.
 * </ul>
 *
 * <p>As in the puzzle's reference solution, the last layer's output is freed after the loss and a layer's input,
 * output gradient and gathered weight after its gradient's reduce-scatter; the gradient of the input stays until the
 * next micro-batch.
 *
 * <p>Puzzle 4 (stage 3; 4 ranks, layers 6, one sample per rank): 6 × (all-gather + forward) = 7.8 steps, 6 ×
 * (all-gather + backward + reduce-scatter) = 9.6, then 6 updates of 0.5, the last starting at 19.9; memory peaks at
 * the first reduce-scatter: 786,432 (shards) + full gradient and gathered weight (4·131,072·2) + eight activations
 * and gradients (8·131,072) = 2,359,296 elements.
 *
 * @param stage 1, 2 or 3
 */
public record Zero(int stage) implements Strategy {
    /** Checks the stage. */
    public Zero {
        if (stage < 1 || stage > 3) {
            throw LsdtException.of(Problem.INVALID_VALUE, "ZeRO stage", stage, "1, 2 or 3");
        }
    }

    @Override
    public String name() {
        return stage == 3 ? "fsdp" : "zero" + stage;
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int n = s.ranks();
        int m = Shapes.microBatchesPer(s, n, "ranks");
        Program p = new Program();
        for (int l = 0; l < s.layers(); l++) {
            p.load(l, rank, n);
        }
        if (stage < 3) {
            for (int l = 0; l < s.layers(); l++) {
                p.allGather(Op.Key.weight(l), Op.Key.gatheredWeight(l), List.of()); // the working copy
            }
        }
        int previous = -1;
        for (int mb : Shapes.microBatchesOf(rank, m)) {
            Ddp.freeLeftovers(p, s, previous, false);
            p.input(mb);
            for (int l = 0; l < s.layers(); l++) {
                gather(p, l);
                p.forward(l, mb, Op.Key.gatheredWeight(l));
                free(p, l);
            }
            p.loss(mb);
            p.delete(Op.Key.activation(s.layers(), mb));
            for (int l = s.layers() - 1; l >= 0; l--) {
                gather(p, l);
                Op.Key grad = Op.Key.weightGrad(l, mb);
                p.backward(l, mb, Op.Key.gatheredWeight(l), false);
                if (stage >= 2) {
                    p.reduceScatter(grad); // keep only this rank's shard of the summed gradient
                }
                p.accumulate(grad);
                p.delete(grad);
                p.delete(Op.Key.gradient(l, mb));
                p.delete(Op.Key.activation(l, mb));
                free(p, l);
            }
            previous = mb;
        }
        for (int l = 0; l < s.layers(); l++) {
            if (stage == 1) {
                p.reduceScatter(Op.Key.weightGradSum(l));
            }
            p.update(l);
        }
        return p.ops();
    }

    private void gather(Program p, int l) {
        if (stage == 3) {
            p.allGather(Op.Key.weight(l), Op.Key.gatheredWeight(l), List.of());
        }
    }

    private void free(Program p, int l) {
        if (stage == 3) {
            p.delete(Op.Key.gatheredWeight(l));
        }
    }
}
