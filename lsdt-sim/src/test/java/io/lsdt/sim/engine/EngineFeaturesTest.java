package io.lsdt.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine adds to the labs, each against a hand calculation in the puzzles' steps (StepsPredictor: forward
 * and backward 1 per sample, collectives 0.3, update 0.5, loss and loading 0): overlapping streams, a memory
 * capacity, Megatron tensor-parallel slices, context-parallel keys and values, and the order of collectives.
 */
class EngineFeaturesTest {
    private static final Op.Key W0 = Op.Key.weight(0);

    private static SimulationResult run(LabSetup s, Engine.Options o, List<List<Op>> programs) {
        return new Engine(s, new StepsPredictor(), new LabSizes(2, 1), o).run(programs);
    }

    /** DDP on 2 ranks, 2 layers, one sample each; layer 1's all-reduce is issued before layer 0's backward. */
    private static List<List<Op>> ddpWithEarlyAllReduce() {
        return List.of(ddpRank(0), ddpRank(1));
    }

    private static List<Op> ddpRank(int r) {
        return new Program().load(0).load(1).input(r).forward(0, r).forward(1, r).loss(r).backward(1, r)
                .allReduce(Op.Key.weightGradSum(1)).backward(0, r).allReduce(Op.Key.weightGradSum(0))
                .update(1).update(0).ops();
    }

    @Test
    void oneStreamSerialisesCommunicationAsTheLabsDo() {
        // forward 0–2, backward 1 2–3, all-reduce 3–3.3, backward 0 3.3–4.3, all-reduce 4.3–4.6, updates 4.6–5.6
        SimulationResult r = run(new LabSetup(2, 2, 2, 1), Engine.Options.LAB, ddpWithEarlyAllReduce());
        assertThat(r.endTime()).isCloseTo(5.6, within(1e-9));
        assertThat(r.executionTime()).isCloseTo(5.1, within(1e-9));
        assertThat(r.hasStreams()).isFalse();
    }

    @Test
    void overlapHidesTheGradientReductionBehindTheBackward() {
        // the all-reduce of layer 1 runs 3–3.3 on the communication stream while backward 0 runs 3–4 on compute;
        // layer 0's all-reduce waits for its gradient: 4–4.3; update 1 at 4 (its sum was ready at 3.3), update 0 at
        // 4.5 (sum ready at 4.3): end 5.0 instead of 5.6
        SimulationResult r = run(new LabSetup(2, 2, 2, 1), Engine.Options.LAB.withOverlap(true),
                ddpWithEarlyAllReduce());
        assertThat(r.endTime()).isCloseTo(5.0, within(1e-9));
        List<Event> rank0 = r.events().get(0);
        Event ar1 = rank0.stream().filter(e -> e.kind() == Event.Kind.ALL_REDUCE && e.layer() == 1).findFirst()
                .orElseThrow();
        Event bwd0 = rank0.stream().filter(e -> e.kind() == Event.Kind.BACKWARD && e.layer() == 0).findFirst()
                .orElseThrow();
        assertThat(ar1.start()).isCloseTo(3.0, within(1e-9));
        assertThat(bwd0.start()).isCloseTo(3.0, within(1e-9));
        assertThat(ar1.stream()).isEqualTo(1);
        assertThat(bwd0.stream()).isZero();
        assertThat(r.streamNames(0)).containsExactly("compute", "collectives over every rank");
        assertThat(r.checked()).isTrue();
    }

    @Test
    void exceedingTheCapacityNamesRankTimeOperationAndWhatWasResident() {
        // h = 2, L = 1: weight 4 elements, optimizer state 4, one sample's activation 2; the forward's output brings
        // the rank to 12 elements, over a capacity of 11
        LabSetup s = new LabSetup(1, 1, 1, 1);
        List<Op> p = new Program().load(0).input(0).forward(0, 0).loss(0).backward(0, 0).update(0).ops();
        assertThatThrownBy(() -> run(s, Engine.Options.LAB.withCapacity(11), List.of(p)))
                .isInstanceOf(LsdtException.class)
                .satisfies(e -> assertThat(((LsdtException) e).problem()).isEqualTo(Problem.OUT_OF_MEMORY))
                .hasMessage("rank 0 is out of memory at step 0, forward(layer 0, micro-batch 0): 12 elements "
                        + "resident after storing the input activation of layer 1 for micro-batch 0 (2 elements), "
                        + "capacity 11 elements; resident:\n"
                        + "  activations: 4 elements in 2 values\n"
                        + "  optimizer state: 4 elements in 1 value\n"
                        + "  weights: 4 elements in 1 value\n"
                        + "Maybe free values earlier, shard weights and optimizer state (ZeRO), recompute "
                        + "activations, use smaller micro-batches or more pipeline stages");
        // the step's peak: after the backward, 8 + 3 activations and gradients (6) + the micro-batch's weight gradient
        // and the running sum (8) + the gradient of the input (2) = 24
        assertThat(run(s, Engine.Options.LAB.withCapacity(24), List.of(p)).maxMemoryEvent().memory()).isEqualTo(24);
        assertThatThrownBy(() -> run(s, Engine.Options.LAB.withCapacity(23), List.of(p)))
                .hasMessageStartingWith("rank 0 is out of memory at step 1, backward(layer 0, micro-batch 0)");
    }

    /** Megatron TP over 2 ranks, one layer, one sample; {@code reduce} all-reduces the partial output. */
    private static List<Op> tpRank(int t, boolean reduce) {
        Program p = new Program().loadSlice(0, t, 2, 0, 1).input(0).forward(0, 0);
        if (reduce) {
            p.allReduce(Op.Key.activation(1, 0), 0, 1);
        }
        return p.loss(0).backward(0, 0).delete(Op.Key.gradient(-1, 0)).update(0).ops();
    }

    @Test
    void tensorParallelSlicesProducePartialSumsThatMustBeAllReduced() {
        LabSetup s = new LabSetup(2, 1, 1, 1);
        // forward 0–1, all-reduce 1–1.3, loss, backward 1.3–2.3, update 2.3–2.8
        SimulationResult r = run(s, Engine.Options.LAB, List.of(tpRank(0, true), tpRank(1, true)));
        assertThat(r.checked()).isTrue();
        assertThat(r.endTime()).isCloseTo(2.8, within(1e-9));
        assertThatThrownBy(() -> run(s, Engine.Options.LAB, List.of(tpRank(0, false), tpRank(1, false))))
                .hasMessage("rank 0, loss(micro-batch 0) at step 1: the input activation of layer 1 for micro-batch "
                        + "0 is a partial sum (1 of 2 tensor-parallel contributions)\n"
                        + "Maybe all-reduce it over the tensor-parallel group first");
    }

    @Test
    void tensorParallelSlicesAreNeverCombined() {
        // an all-gather of the two slices' weights: slices are not shards
        LabSetup s = new LabSetup(2, 1, 1, 1);
        List<List<Op>> programs = List.of(
                new Program().loadSlice(0, 0, 2, 0, 1).allGather(W0, 0, 1).ops(),
                new Program().loadSlice(0, 1, 2, 0, 1).allGather(W0, 0, 1).ops());
        assertThatThrownBy(() -> run(s, Engine.Options.LAB, programs))
                .hasMessageContaining("it contributes tensor-parallel slice 1 of 2 where rank 0 contributes slice 0 "
                        + "of 2; slices are never combined");
    }

    /** Context parallelism over 2 ranks: rank c holds sequence chunk c (micro-batch c of the 2 chunks). */
    private static List<Op> cpRank(int c) {
        Op.Key kv = Op.Key.kv(0, c);
        return new Program().load(0).input(c).allGather(Op.Key.activation(0, c), kv, List.of(0, 1))
                .forward(0, c, W0, kv).delete(kv).loss(c)
                .allGather(Op.Key.activation(0, c), kv, List.of(0, 1)).backward(0, c, W0, true, kv).delete(kv)
                .allReduce(Op.Key.weightGradSum(0), 0, 1).update(0).ops();
    }

    @Test
    void contextParallelRanksGatherKeysAndValuesOfWholeSequences() {
        // gather 0–0.3, forward 0.3–1.3, loss, gather 1.3–1.6, backward 1.6–2.6, all-reduce 2.6–2.9, update –3.4
        SimulationResult r = run(new LabSetup(2, 1, 2, 1), Engine.Options.LAB, List.of(cpRank(0), cpRank(1)));
        assertThat(r.checked()).isTrue();
        assertThat(r.endTime()).isCloseTo(3.4, within(1e-9));
        Event gather = r.events().get(1).get(1);
        assertThat(gather.kind()).isEqualTo(Event.Kind.ALL_GATHER);
        assertThat(gather.samples().size()).isEqualTo(2); // both chunks
        // memory: weight 4 + optimizer 4 + own chunk 2 before the gather stores the 2-chunk keys and values
        assertThat(gather.memory()).isEqualTo(10);
        // the forward after it is logged with the keys and values of both chunks stored too: 10 + 2 × h·L = 14
        Event forward = r.events().get(1).get(2);
        assertThat(forward.kind()).isEqualTo(Event.Kind.FORWARD);
        assertThat(forward.memory()).isEqualTo(14);
    }

    @Test
    void membersMustJoinAGroupsCollectivesInTheSameOrder() {
        LabSetup s = new LabSetup(2, 1, 2, 1);
        List<Op> a = new Program().load(0).allGather(W0, Op.Key.gatheredWeight(0), List.of(0, 1)).ops();
        List<Op> b = new Program().load(0).allReduce(W0, 0, 1).ops();
        assertThatThrownBy(() -> run(s, Engine.Options.LAB, List.of(a, b)))
                .hasMessage("rank 1, all_reduce(the weight of layer 0, group [0, 1]) at step 0: rank 0 waits in "
                        + "all_gather(the weight of layer 0, group [0, 1]) over the same group; the members of a "
                        + "group must join its collectives in the same order\n"
                        + "Maybe make every member of [0, 1] call the same sequence of collectives");
    }

    @Test
    void anInterruptedCallerGetsACancellationAndKeepsItsInterruptFlag() {
        // lsdt serve's Cancel interrupts the thread running the step: the engine checks at its first scheduling turn
        // (and every 65,536 after), stops and says so
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> run(new LabSetup(2, 2, 2, 1), Engine.Options.LAB, ddpWithEarlyAllReduce()))
                    .isInstanceOf(java.util.concurrent.CancellationException.class)
                    .hasMessage("the simulation was cancelled after 0 scheduling turns");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        // and the same engine inputs run to the end once the flag is clear
        assertThat(run(new LabSetup(2, 2, 2, 1), Engine.Options.LAB, ddpWithEarlyAllReduce()).eventCount())
                .isPositive();
    }
}
