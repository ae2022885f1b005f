package io.lsdt.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broken strategy ends with a diagnosis naming the rank, the operation and the time — never a hang or a bare
 * assertion. Times are in the puzzles' steps (StepsPredictor: forward/backward 1 per sample, send 0.2, update 0.5).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EngineDiagnosesTest {
    private static SimulationResult run(LabSetup s, List<List<Op>> programs) {
        return new Engine(s, new StepsPredictor(), new LabSizes(512, 256), Engine.Options.LAB).run(programs);
    }

    private static LsdtException failure(LabSetup s, List<List<Op>> programs) {
        try {
            run(s, programs);
        } catch (LsdtException e) {
            assertThat(e.isUserError()).isTrue();
            return e;
        }
        throw new AssertionError("the run should have failed");
    }

    @Test
    void usingAValueThatIsNotStored() {
        // forward without the input activation: the lab's assertion that inputs are stored
        LabSetup s = new LabSetup(1, 1, 1, 1);
        List<Op> p = new Program().load(0).forward(0, 0).ops();
        LsdtException e = failure(s, List.of(p));
        assertThat(e.problem()).isEqualTo(Problem.STRATEGY_ERROR);
        assertThat(e.getMessage()).isEqualTo("rank 0, forward(layer 0, micro-batch 0) at step 0: it needs the input "
                + "activation of layer 0 for micro-batch 0, which this rank does not store");
    }

    @Test
    void updatingBeforeEverySampleIsReduced() {
        // data parallel without the all-reduce: rank 0's gradient covers its own sample only
        LabSetup s = new LabSetup(2, 1, 2, 1);
        List<List<Op>> programs = List.of(localStep(0).update(0).ops(), localStep(1).update(0).ops());
        LsdtException e = failure(s, programs);
        assertThat(e.getMessage()).isEqualTo("rank 0, update(layer 0) at step 2: the gradient of layer 0 covers 1 of "
                + "the 2 samples; every sample must contribute before the update");
    }

    @Test
    void theSameStepWithTheAllReducePasses() {
        LabSetup s = new LabSetup(2, 1, 2, 1);
        Op.Key sum = Op.Key.weightGradSum(0);
        SimulationResult r = run(s, List.of(localStep(0).allReduce(sum).update(0).ops(),
                localStep(1).allReduce(sum).update(0).ops()));
        assertThat(r.checked()).isTrue();
        // forward 1 + backward 1, all-reduce 0.3, update starts at 2.3
        assertThat(r.executionTime()).isEqualTo(2.3);
    }

    @Test
    void sendingToARankThatNeverReceives() {
        LabSetup s = new LabSetup(2, 1, 1, 1);
        List<Op> sender = new Program().load(0).input(0).send(1, Op.Key.activation(0, 0)).ops();
        List<Op> idle = new Program().ops();
        LsdtException e = failure(s, List.of(sender, idle));
        assertThat(e.getMessage()).startsWith("rank 0, send(the input activation of layer 0 for micro-batch 0 to rank 1) "
                + "at step 0: rank 1 finished its program without receiving it");
        assertThat(e.getMessage()).contains("\nMaybe add the matching receive to rank 1's program");
    }

    @Test
    void sendingTwiceToARankThatNeverReceivesDeadlocks() {
        // the channel holds one message: the second send waits for a receive that never comes
        LabSetup s = new LabSetup(2, 1, 1, 1);
        Op.Key x = Op.Key.activation(0, 0);
        List<Op> sender = new Program().load(0).input(0).send(1, x).send(1, x).ops();
        LsdtException e = failure(s, List.of(sender, new Program().ops()));
        assertThat(e.problem()).isEqualTo(Problem.DEADLOCK);
        assertThat(e.getMessage()).isEqualTo("deadlock: no rank can proceed:\n"
                + "  rank 0 waits at send(the input activation of layer 0 for micro-batch 0 to rank 1) (op 3 of 4, clock "
                + "step 0.2)\nMaybe check that every send has a matching receive on the peer, in the same order, and that "
                + "every member of a group joins its collectives in the same order");
    }

    @Test
    void twoRanksWaitingForEachOther() {
        LabSetup s = new LabSetup(2, 1, 1, 1);
        List<Op> a = new Program().load(0).recv(1, Op.Key.activation(0, 0)).ops();
        List<Op> b = new Program().recv(0, Op.Key.gradient(0, 0)).ops();
        LsdtException e = failure(s, List.of(a, b));
        assertThat(e.problem()).isEqualTo(Problem.DEADLOCK);
        assertThat(e.getMessage()).contains(
                "  rank 0 waits at receive(the input activation of layer 0 for micro-batch 0 from rank 1) (op 1 of 2, "
                        + "clock step 0)",
                "  rank 1 waits at receive(the output gradient of layer 0 for micro-batch 0 from rank 0) (op 0 of 1, "
                        + "clock step 0)");
    }

    @Test
    void aCollectiveThatOneMemberNeverJoins() {
        LabSetup s = new LabSetup(2, 1, 2, 1);
        List<List<Op>> programs = List.of(localStep(0).allReduce(Op.Key.weightGradSum(0)).update(0).ops(),
                localStep(1).update(0).ops());
        LsdtException e = failure(s, programs);
        // rank 1 updates first and fails on its incomplete gradient; a collective left waiting is a deadlock
        assertThat(e.getMessage()).startsWith("rank 1, update(layer 0) at step 2");
        List<List<Op>> stuck = List.of(localStep(0).allReduce(Op.Key.weightGradSum(0)).ops(), localStep(1).ops());
        LsdtException d = failure(s, stuck);
        assertThat(d.getMessage()).contains("rank 0 waits at all_reduce(the summed weight gradient of layer 0) (op 6 "
                + "of 7, clock step 2)");
    }

    @Test
    void theGradientOfTheInputIsStoredLikeTheLabsActivationGradOfLayerMinusOne() {
        // backward of layer 0 returns ActivationGrad(-1): it counts until deleted (srush's puzzle 2 keeps it)
        LabSetup s = new LabSetup(1, 1, 1, 1);
        List<Op> p = new Program().load(0).input(0).forward(0, 0).loss(0).backward(0, 0)
                .delete(Op.Key.weightGrad(0, 0)).delete(Op.Key.gradient(0, 0)).update(0).ops();
        SimulationResult r = run(s, List.of(p));
        Event update = r.events().get(0).getLast();
        // weight + optimizer state + summed gradient (3·262,144) + input, output and the input's gradient (3·131,072)
        assertThat(update.memory()).isEqualTo(3 * 262_144 + 3 * 131_072);
    }

    @Test
    void accumulatingGradientsOfDifferentShardsIsRefused() {
        // a reduce-scattered shard and an unreduced full gradient cannot be summed
        LabSetup s = new LabSetup(2, 1, 4, 1);
        List<List<Op>> programs = new java.util.ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            Program p = new Program().load(0);
            for (int mb = 2 * rank; mb < 2 * rank + 2; mb++) {
                p.input(mb).forward(0, mb).loss(mb).backward(0, mb, Op.Key.weight(0), false);
            }
            p.reduceScatter(Op.Key.weightGrad(0, 2 * rank)).accumulate(Op.Key.weightGrad(0, 2 * rank))
                    .accumulate(Op.Key.weightGrad(0, 2 * rank + 1));
            programs.add(p.ops());
        }
        assertThatThrownBy(() -> run(s, programs)).isInstanceOf(LsdtException.class)
                .hasMessage("rank 1, accumulate(the weight gradient of layer 0 for micro-batch 3) at step 4.3: the "
                        + "running sum of layer 0 holds shards {1} of 2 but the gradient added holds {0} of 1");
    }

    /** Forward, loss and backward of one sample through one layer, the per-micro-batch gradient freed. */
    private static Program localStep(int mb) {
        return new Program().load(0).input(mb).forward(0, mb).loss(mb).backward(0, mb)
                .delete(Op.Key.weightGrad(0, mb));
    }
}
