package io.lsdt.sim.strategy;

import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.Op;
import io.lsdt.sim.engine.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipeline parallelism combined with FSDP: the N ranks form D = N/P replicas of a P-stage naive pipeline (rank r is
 * stage r mod P of replica r div P, as in srush's puzzle 7), each replica running its own G/D samples through as one
 * batch, and the model state is sharded across replicas. Two forms:
 *
 * <ul>
 *   <li><b>Per-stage groups</b> ({@code global = false}, {@code pp-fsdp}): stage s's layers are sharded over the D
 *       ranks of stage s, which all-gather a layer's weight before its forward and backward and reduce-scatter its
 *       gradient among themselves. This is what srush/LLM-Training-Puzzles issue #5 asks for; the lab's
 *       {@code Dist} has no sub-groups, the engine does.
 *   <li><b>Global</b> ({@code global = true}, {@code pp-fsdp-global}): srush/LLM-Training-Puzzles puzzle 7
 *       ({@code Distributed.py}, {@code pipeline_fsdp}) as its reference solution writes it with the lab's one
 *       global group: every layer is sharded over all N ranks, every rank joins every layer's all-gather and
 *       reduce-scatter in layer order, a rank that does not own the layer contributing an empty gradient
 *       ({@code fake_grad(l, [])}), and every rank updates its N-th of every layer.
 * </ul>
 *
 * <p>As in the reference, a stage keeps the activation it sent on, the gradient it sent back and (first stage) the
 * gradient of the input; a layer's input and output gradient are freed after its backward, its gathered weight after
 * the reduce-scatter.
 *
 * <p>Puzzle 7 (global; 16 ranks, 4 stages, layers 4, one sample per replica; srush's pass rule): forward 4 ×
 * (all-gather 0.3 + forward 1 + 2 passes 0.4) − 0.4 = 6.4, backward alike with the reduce-scatter = 7.6, then 4
 * updates: the last starts at 15.5; memory peaks at the first stage's reduce-scatter of layer 0: 7.375·131,072 =
 * 966,656 elements.
 *
 * @param stages pipeline stages P
 * @param global true for puzzle 7's global collectives, false for per-stage groups
 */
public record PipelineFsdp(int stages, boolean global) implements Strategy {
    /** Checks the stages. */
    public PipelineFsdp {
        Shapes.atLeast("--pp", stages, 1);
    }

    @Override
    public String name() {
        return global ? "pp-fsdp-global" : "pp-fsdp";
    }

    @Override
    public List<Op> program(LabSetup s, int rank) {
        int pp = stages;
        Shapes.ranksMultipleOf(s, pp, "--pp (pipeline stages)", name());
        int dp = s.ranks() / pp;
        int per = Shapes.layersPer(s, pp, "pipeline stages (--pp)");
        Shapes.wholeBatch(s, dp, name(), "3d (1F1B micro-batches in each replica)");
        int stage = rank % pp;
        int replica = rank / pp;
        int first = stage * per;
        int last = first + per - 1;
        int mb = replica;
        List<Integer> group = global ? List.of() : Shapes.group(stage, pp, dp);
        List<Integer> layers = new ArrayList<>();
        for (int l = global ? 0 : first; l <= (global ? s.layers() - 1 : last); l++) {
            layers.add(l);
        }
        Program p = new Program();
        for (int l : layers) {
            p.load(l, global ? rank : replica, global ? s.ranks() : dp);
        }
        for (int l : layers) {
            if (l == first) {
                if (stage == 0) {
                    p.input(mb);
                } else {
                    p.recv(rank - 1, Op.Key.activation(first, mb));
                }
            }
            p.allGather(Op.Key.weight(l), Op.Key.gatheredWeight(l), group);
            if (l >= first && l <= last) {
                p.forward(l, mb, Op.Key.gatheredWeight(l));
            }
            p.delete(Op.Key.gatheredWeight(l));
            if (l == last) {
                if (stage == pp - 1) {
                    p.loss(mb);
                } else {
                    p.send(rank + 1, Op.Key.activation(last + 1, mb));
                }
            }
        }
        for (int l : layers.reversed()) {
            if (l == last && stage < pp - 1) {
                p.recv(rank + 1, Op.Key.gradient(last, mb));
            }
            p.allGather(Op.Key.weight(l), Op.Key.gatheredWeight(l), group);
            if (l >= first && l <= last) {
                p.backward(l, mb, Op.Key.gatheredWeight(l), true);
                p.delete(Op.Key.weightGrad(l, mb)); // the running sum is the whole gradient
                p.delete(Op.Key.gradient(l, mb));
                p.delete(Op.Key.activation(l, mb));
                p.reduceScatter(Op.Key.weightGradSum(l), group.toArray(Integer[]::new));
            } else {
                p.reduceScatterEmpty(Op.Key.weightGradSum(l), group);
            }
            p.delete(Op.Key.gatheredWeight(l));
            if (l == first && stage > 0) {
                p.send(rank - 1, Op.Key.gradient(first - 1, mb));
            }
        }
        for (int l : layers) {
            p.update(l);
        }
        return p.ops();
    }
}
