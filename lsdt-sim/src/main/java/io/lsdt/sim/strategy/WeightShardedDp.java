package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * Weight-sharded data parallel: every rank stores one N-th of each layer's weight and optimizer state, all-gathers a
 * layer's full weight before each forward and each backward (and frees it right after), runs its own share of the
 * global batch as {@link Ddp} does, then all-reduces each layer's full weight gradient and updates its own shard.
 * srush/LLM-Training-Puzzles puzzle 3 ({@code Distributed.py}, {@code wsdp}).
 *
 * <p>Like the reference solution, the last layer's output and the gradient of the input are not freed (with several
 * micro-batches per rank: not until the next micro-batch starts).
 *
 * <p>Puzzle 3 (4 ranks, layers 6, one sample per rank): 6 × (all-gather 0.3 + forward 1) + 6 × (all-gather 0.3 +
 * backward 1) = 15.6 steps, then 6 × (all-reduce 0.3 + update 0.5), the last update starting at 19.9; memory peaks
 * at the backward of layer 0: 6 layers' weight and optimizer-state shards (786,432) + the gathered weight and five
 * summed gradients (6·262,144) + three activations or gradients (3·131,072) = 2,752,512 elements.
 */
public record WeightShardedDp() implements Strategy {
    @Override
    public String name() {
        return "wsdp";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int n = s.ranks();
        int m = Shapes.microBatchesPer(s, n, "ranks");
        Program p = new Program();
        for (int l = 0; l < s.layers(); l++) {
            p.load(l, rank, n);
        }
        int previous = -1;
        for (int mb : Shapes.microBatchesOf(rank, m)) {
            Ddp.freeLeftovers(p, s, previous, true);
            p.input(mb);
            for (int l = 0; l < s.layers(); l++) {
                p.allGather(Op.Key.weight(l), Op.Key.gatheredWeight(l), List.of());
                p.forward(l, mb, Op.Key.gatheredWeight(l));
                p.delete(Op.Key.gatheredWeight(l));
            }
            p.loss(mb);
            for (int l = s.layers() - 1; l >= 0; l--) {
                p.allGather(Op.Key.weight(l), Op.Key.gatheredWeight(l), List.of());
                p.backward(l, mb, Op.Key.gatheredWeight(l), true);
                p.delete(Op.Key.weightGrad(l, mb)); // summed into the running gradient
                p.delete(Op.Key.gradient(l, mb));
                p.delete(Op.Key.activation(l, mb));
                p.delete(Op.Key.gatheredWeight(l));
            }
            previous = mb;
        }
        for (int l = 0; l < s.layers(); l++) {
            p.allReduce(Op.Key.weightGradSum(l));
            p.update(l);
        }
        return p.ops();
    }
}
