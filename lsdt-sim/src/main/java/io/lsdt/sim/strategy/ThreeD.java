package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.List;

/**
 * 3D parallelism, TP × PP × DP (Narayanan et al., SC'21, §2.3 and §3), in the closest form the lab's model allows.
 * Ranks are numbered as Megatron-LM numbers them, tensor-parallel fastest: rank = t + T·(d + D·s) for TP index t,
 * data-parallel replica d and pipeline stage s. Stage s holds layers [s·L/P, (s+1)·L/P); each (d, t) pipeline runs the
 * lab's 1F1B schedule ({@link OneFOneB}) over its own micro-batches; after the last backward each layer's gradient is
 * reduce-scattered over the TP group, all-reduced over the DP group, and the rank updates its shard.
 *
 * <p><b>What "TP" means here.</b> In the lab a layer is one indivisible h × h matmul: {@code forward} and
 * {@code backward} assert that the weight is complete and are costed for the whole layer on a micro-batch, so the
 * defining move of Megatron tensor parallelism — splitting one matmul's FLOPs over T ranks that see the same samples —
 * cannot be expressed. What can be expressed is its effect on each rank: T times less model state and T times less
 * compute per micro-batch. So a TP group of T ranks <b>shards its stage's layers T ways</b> (weight, gradient and
 * optimizer state: each member stores and updates one T-th), all-gathers a layer's weight before each forward and
 * backward and frees it after, and splits the data: each member computes the whole layer on its own share of the
 * group's samples (--micro-batch is per rank; a TP group covers T micro-batches at once). Per rank that is the
 * compute and the weight, gradient and optimizer memory of Megatron TP (with sequence parallelism for the
 * activations); the communication differs: weights are gathered where Megatron all-reduces activations, and the
 * engine costs every collective for the whole world (the lab has no sub-groups).
 *
 * <p>Activations, gradients and gathered weights are freed as soon as nothing needs them; weight gradients are
 * summed as they come. Needs ranks = T·P·D, layers a multiple of P, and the global batch a multiple of
 * D·T·micro-batch.
 *
 * @param tp tensor-parallel degree T
 * @param pp pipeline stages P
 */
public record ThreeD(int tp, int pp) implements Strategy {
    /** Checks the degrees. */
    public ThreeD {
        Shapes.atLeast("--tp", tp, 1);
        Shapes.atLeast("--pp", pp, 1);
    }

    @Override
    public String name() {
        return "3d";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        Shapes.ranksMultipleOf(s, tp * pp, "--tp × --pp", name());
        int dp = s.ranks() / (tp * pp);
        int per = Shapes.layersPer(s, pp, "pipeline stages (--pp)");
        int m = Shapes.microBatchesPer(s, dp * tp, "data-parallel × tensor-parallel ranks");
        int t = rank % tp;
        int d = (rank / tp) % dp;
        int stage = rank / (tp * dp);
        List<Integer> tpGroup = Shapes.group(tp * (d + dp * stage), 1, tp);
        List<Integer> dpGroup = Shapes.group(t + tp * dp * stage, tp, dp);
        StageBlock block = StageBlock.stage(stage, pp, per, rank, tp * dp, tp > 1 ? tpGroup : List.of());
        Program p = new Program();
        block.load(p, t, tp);
        Schedules.oneFOneB(stage, pp, Shapes.microBatchesOf(d * tp + t, m), mb -> block.forward(p, mb),
                mb -> block.backward(p, mb));
        for (int l = block.first(); l <= block.last(); l++) {
            if (tp > 1) {
                p.reduceScatter(Op.Key.weightGradSum(l), tpGroup.toArray(Integer[]::new));
            }
            if (dp > 1) {
                p.allReduce(Op.Key.weightGradSum(l), dpGroup.toArray(Integer[]::new));
            }
            p.update(l);
        }
        return p.ops();
    }
}
