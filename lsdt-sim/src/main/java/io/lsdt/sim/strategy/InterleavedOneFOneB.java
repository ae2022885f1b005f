package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * Interleaved 1F1B (Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using
 * Megatron-LM", SC'21, §2.2.2): the layers are cut into P·V blocks (virtual stages) and rank r holds the V blocks
 * r, r + P, r + 2P, …, so a micro-batch visits every rank V times and the pipeline bubble shrinks by V. The order of
 * work is Megatron-LM's ({@code forward_backward_pipelining_with_interleaving}): rank r first runs
 * min((P − r − 1)·2 + (V − 1)·P, M·V) forward blocks, then alternates one forward and one backward, then drains;
 * the k-th forward is block (k mod PV) div P of micro-batch (k div PV)·P + k mod P, backwards visit the blocks in
 * reverse. Activations go to the next rank (the last rank's blocks feed rank 0's next block), gradients back.
 *
 * <p>Every value is freed as soon as nothing needs it; weight gradients are summed as they come. Needs the
 * micro-batches to be a multiple of P (as Megatron-LM does) and the layers a multiple of P·V. With P = 2, V &gt; 1
 * and more micro-batches than ranks the two ranks send activations to each other and the lab's blocking
 * one-message channels deadlock (Megatron-LM pairs each send with a receive); that case is refused.
 *
 * @param virtualStages blocks per rank, V ≥ 1 (1 is plain 1F1B with early freeing)
 */
public record InterleavedOneFOneB(int virtualStages) implements Strategy {
    /** Checks V. */
    public InterleavedOneFOneB {
        Shapes.atLeast("--virtual-stages", virtualStages, 1);
    }

    @Override
    public String name() {
        return "interleaved-1f1b";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int pp = s.ranks();
        int v = virtualStages;
        if ((long) pp * v > s.layers()) {
            // every virtual stage holds at least one layer (and ranks × V must not overflow)
            throw LsdtException.of(Problem.INVALID_VALUE, "--virtual-stages", v, "at most the layers per rank, "
                    + s.layers() + " / " + pp + " = " + s.layers() / pp + " (each virtual stage holds a layer)")
                    .withHint("use --virtual-stages " + Math.max(1, s.layers() / pp) + " or fewer");
        }
        int per = Shapes.layersPer(s, pp * v, "virtual stages (ranks × --virtual-stages " + v + ")");
        int m = s.microBatches();
        if (m % pp != 0 || (pp == 2 && v > 1 && m > pp)) {
            Schedules.checkInterleaved(pp, Math.max(v, 2), m, s.globalBatch(), s.microBatch(), "--ranks");
        }
        List<StageBlock> blocks = new ArrayList<>();
        int blocksTotal = pp * v;
        for (int c = 0; c < v; c++) {
            int vs = c * pp + rank;
            int prevRank = (rank + pp - 1) % pp;
            int nextRank = (rank + 1) % pp;
            int prev = vs == 0 ? StageBlock.MODEL : prevRank == rank ? StageBlock.SAME_RANK : prevRank;
            int next = vs == blocksTotal - 1 ? StageBlock.MODEL : nextRank == rank ? StageBlock.SAME_RANK : nextRank;
            blocks.add(new StageBlock(vs * per, vs * per + per - 1, prev, next, List.of()));
        }
        Program p = new Program();
        for (StageBlock b : blocks) {
            b.load(p);
        }
        Schedules.interleaved(rank, pp, v, m, (c, k) -> blocks.get(c).forward(p, k),
                (c, k) -> blocks.get(c).backward(p, k));
        for (StageBlock b : blocks) {
            b.update(p);
        }
        return p.ops();
    }
}
