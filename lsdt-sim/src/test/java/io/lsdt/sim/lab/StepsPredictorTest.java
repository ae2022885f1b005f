package io.lsdt.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.sim.engine.Predictor.Collective;
import org.junit.jupiter.api.Test;

/**
 * srush/LLM-Training-Puzzles unit costs ({@code shared/reference/lab-simulator.md} §5.1): forward and backward
 * len(batches), update 0.5, allreduce / scatterreduce / allgather 0.3, pass 0.2, loss 0; no load event.
 */
class StepsPredictorTest {
    private final StepsPredictor steps = new StepsPredictor();

    @Test
    void unitCosts() {
        assertThat(steps.forwardBackward(1)).isEqualTo(1.0);
        assertThat(steps.forwardBackward(4)).isEqualTo(4.0);
        assertThat(steps.forwardBackward(0)).isZero();
        assertThat(steps.update(1, 1)).isEqualTo(0.5);
        assertThat(steps.update(1, 4)).isEqualTo(0.5);
        for (Collective op : Collective.values()) {
            // allgather is first set to 0 and then overwritten to 0.3
            assertThat(steps.collective(op, LabConstants.weightBytes())).isEqualTo(0.3);
            assertThat(steps.collective(op, 0)).isEqualTo(0.3);
        }
        assertThat(steps.p2p(LabConstants.activationBytes(4))).isEqualTo(0.2);
        assertThat(steps.loss()).isZero();
        assertThat(steps.loadWeights(1, 1)).isZero();
        assertThat(steps.loadWeights(1, 4)).isZero();
        assertThat(steps.memoryUnit()).isEqualTo("elements");
    }

    @Test
    void puzzleTargetTimes() {
        // §10.1 (PR #7 values, execution time = start of the last event): puzzle 0, 1 GPU, 2 layers, 4 batches:
        // 8 forward steps + 8 backward steps + one update of 0.5, then the last update starts at 16.5
        double puzzle0 = 2 * steps.forwardBackward(4) + 2 * steps.forwardBackward(4) + steps.update(1, 1);
        assertThat(puzzle0).isEqualTo(16.5);
        // puzzle 2, DDP on 4 ranks, 2 layers, 1 batch per rank (derivation): 2 forward + 2 backward, an allreduce
        // per layer, then one update before the last starts at 5.1
        double puzzle2 = 2 * steps.forwardBackward(1) + 2 * steps.forwardBackward(1)
                + 2 * steps.collective(Collective.ALL_REDUCE, LabConstants.weightGradBytes()) + steps.update(1, 1);
        assertThat(puzzle2).isEqualTo(5.1);
    }

    @Test
    void invalidArguments() {
        assertThat(catchThrowableOfType(LsdtException.class, () -> steps.forwardBackward(-1)))
                .hasMessage("samples = -1: expected at least 0");
        assertThat(catchThrowableOfType(LsdtException.class, () -> steps.update(2, 1)))
                .hasMessageContaining("shardsOnDevice = 2");
        assertThat(catchThrowableOfType(LsdtException.class, () -> steps.p2p(-1)))
                .hasMessageContaining("bytes = -1");
    }
}
