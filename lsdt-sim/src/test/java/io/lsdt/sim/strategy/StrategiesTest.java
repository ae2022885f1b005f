package io.lsdt.sim.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every built-in strategy passes the labs' final check, and its time is checked by hand on one small step. Hand
 * checks use the puzzles' unit costs (forward/backward 1 step per sample, collective 0.3, send and receive 0.2 each,
 * update 0.5, loading and loss free) and the GT lab's send rule (a receive starts at max(the sender's clock before its
 * send, the receiver's clock)); the srush puzzles themselves are in PuzzlesTest.
 */
class StrategiesTest {
    private static SimulationResult steps(Strategy s, LabSetup setup) {
        SimulationResult r = new Engine(setup, new StepsPredictor(), new LabSizes(512, 256), Engine.Options.LAB)
                .run(s.programs(setup));
        assertThat(r.checked()).isTrue();
        return r;
    }

    private static void time(Strategy s, LabSetup setup, double expected) {
        assertThat(steps(s, setup).executionTime()).as(s.name()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void singleGpu() {
        // forward 4 + 4, backward 4 + 4, updates at 16 and 16.5
        time(new SingleGpu(), new LabSetup(1, 2, 4, 4), 16.5);
    }

    @Test
    void gradientAccumulation() {
        // four micro-batches of 4 steps (2 forward, 2 backward), updates at 16 and 16.5
        time(new GradientAccumulation(), new LabSetup(1, 2, 4, 1), 16.5);
    }

    @Test
    void ddpWithTwoMicroBatchesPerRank() {
        // 2 × (2 forward + 2 backward) = 8; all-reduce 8–8.3, update 8.3–8.8, all-reduce 8.8–9.1, update at 9.1
        time(new Ddp(), new LabSetup(4, 2, 8, 1), 9.1);
    }

    @Test
    void weightShardedDp() {
        // per micro-batch 6 × (0.3 + 1) forward and backward = 15.6, two of them 31.2, + 6 × 0.8 − 0.5 = 35.5
        time(new WeightShardedDp(), new LabSetup(4, 6, 8, 1), 35.5);
    }

    @Test
    void zero1() {
        // working copies 2 × 0.3 = 0.6, forward 2, backward 2 → 4.6; per layer reduce-scatter 0.3 + update 0.5:
        // the last update at 4.6 + 0.8 + 0.3 = 5.7
        SimulationResult r = steps(new Zero(1), new LabSetup(4, 2, 4, 1));
        assertThat(r.executionTime()).isCloseTo(5.7, within(1e-9));
        // at the first reduce-scatter: shards (4 × 65,536) + working copies and gradient sums (4 × 262,144)
        // + the gradient of the input (131,072)
        Event max = r.maxMemoryEvent();
        assertThat(max.kind()).isEqualTo(Event.Kind.REDUCE_SCATTER);
        assertThat(max.memory()).isEqualTo(4 * 65_536 + 4 * 262_144 + 131_072);
    }

    @Test
    void zero2() {
        // 0.6 + forward 2 = 2.6; each layer: backward 1 + reduce-scatter 0.3 → 5.2; updates at 5.2 and 5.7
        SimulationResult r = steps(new Zero(2), new LabSetup(4, 2, 4, 1));
        assertThat(r.executionTime()).isCloseTo(5.7, within(1e-9));
        // at the first reduce-scatter (3.6): shards 262,144 + working copies 524,288 + the full gradient 262,144
        // + input, output of layer 0, the loss gradient and layer 1's input gradient (4 × 131,072)
        Event max = r.maxMemoryEvent();
        assertThat(max.start()).isCloseTo(3.6, within(1e-9));
        assertThat(max.memory()).isEqualTo(262_144 + 524_288 + 262_144 + 4 * 131_072);
    }

    @Test
    void fsdpWithTwoMicroBatchesPerRank() {
        // per micro-batch 6 × 1.3 forward + 6 × 1.6 backward = 17.4, two of them 34.8, then 6 updates: the last at 37.3
        time(new Zero(3), new LabSetup(4, 6, 8, 1), 37.3);
    }

    @Test
    void naivePipelineWithTheLabsSendRule() {
        // puzzle 5's 66.9 less 0.2 per hop (6 hops): the GT rule lets a receive start when the send starts
        time(new NaivePipeline(), new LabSetup(4, 8, 4, 4), 65.7);
    }

    @Test
    void gpipeWithOneMicroBatchIsTheNaivePipeline() {
        time(new GPipe(), new LabSetup(4, 8, 4, 4), 65.7);
        time(new GPipe(), new LabSetup(4, 8, 8, 1), 51.3);
    }

    @Test
    void oneFOneB() {
        // rank 0: F0 0–1, send 1–1.2, F1 1.2–2.2, send 2.2–2.4; rank 1: recv 1–1.2, F0 1.2–2.2, B0 2.2–3.2,
        // send 3.2–3.4, recv F1 3.4–3.6, F1 3.6–4.6, B1 4.6–5.6, send 5.6–5.8; rank 0: recv 3.2–3.4, B0 3.4–4.4,
        // recv 5.6–5.8, B1 5.8–6.8, update at 6.8
        time(new OneFOneB(true), new LabSetup(2, 2, 2, 1), 6.8);
    }

    @Test
    void interleavedOneFOneB() {
        // 2 ranks × 2 blocks of one layer, 2 micro-batches: rank 0 runs 4 forwards then 4 backwards, rank 1 two
        // forwards then 1F1B; rank 0's last backward ends at 12.4, its updates start at 12.4 and 12.9
        time(new InterleavedOneFOneB(2), new LabSetup(2, 4, 2, 1), 12.9);
        // V = 1 on 4 ranks, and V = 3 on 3 ranks, pass the check too
        steps(new InterleavedOneFOneB(1), new LabSetup(4, 8, 8, 1));
        steps(new InterleavedOneFOneB(3), new LabSetup(3, 9, 6, 1));
    }

    @Test
    void pipelineFsdpWithPerStageGroups() {
        // stage s: receive 0.2, all-gather 0.3, forward 1, send 0.2 → stage 3's loss at 5.8; backward stages
        // 3 → 0 each all-gather 0.3, backward 1, reduce-scatter 0.3, send 0.2: stage 0's update at 12.8
        SimulationResult r = steps(new PipelineFsdp(4, false), new LabSetup(16, 4, 4, 1));
        assertThat(r.executionTime()).isCloseTo(12.8, within(1e-9));
        // one layer per rank sharded 4 ways (weight + state 131,072), at stage 0's reduce-scatter: + its sent
        // output, the gradient of the input and the gathered weight and full gradient: 7 × 131,072
        assertThat(r.maxMemoryEvent().memory()).isEqualTo(7 * 131_072);
    }

    @Test
    void pipelineFsdpGlobalIsPuzzle7WithTheLabsSendRule() {
        time(new PipelineFsdp(4, true), new LabSetup(16, 4, 4, 1), 14.3);
    }

    @Test
    void threeD() {
        // T 2 × P 2: stage 0 (ranks 0, 1) all-gathers layer 0 before each use, stage 1 (ranks 2, 3) layer 1;
        // 2 micro-batches per rank; stage 0's last backward ends at 8.6, its reduce-scatter 8.6–8.9, update 8.9
        time(new ThreeD(2, 2), new LabSetup(4, 2, 4, 1), 8.9);
        // T 2 × P 2 × D 2 and the degenerate T 1 × P 1 (plain gradient accumulation) pass the check
        steps(new ThreeD(2, 2), new LabSetup(8, 4, 16, 2));
        steps(new ThreeD(1, 1), new LabSetup(1, 2, 4, 1));
    }

    @Test
    void everyNameOfTheRegistryCreatesThatStrategyForItsExample() {
        // each example is run under every predictor, against the invariants of a training step, in
        // StrategyContractTest; here: the registry's names, degrees and examples fit together
        for (Strategies.Entry e : Strategies.all()) {
            Map<String, Integer> o = options(e.example());
            LabSetup s = new LabSetup(o.get("--ranks"), o.get("--layers"), o.get("--global-batch"),
                    o.get("--micro-batch"));
            Strategy st = Strategies.create(e.name(), new Strategies.Degrees(o.getOrDefault("--pp", 0),
                    o.getOrDefault("--tp", 0), o.getOrDefault("--virtual-stages", 0)));
            assertThat(st.name()).isEqualTo(e.name());
            assertThat(st.programs(s)).as(e.name()).hasSize(s.ranks());
        }
    }

    @Test
    void theLabSampleThroughTheRegistry() {
        Strategy s = Strategies.create("1F1B", Strategies.Degrees.NONE);
        assertThat(s).isEqualTo(new OneFOneB(true));
        assertThat(Strategies.create("zero3", Strategies.Degrees.NONE)).isEqualTo(new Zero(3));
    }

    // ------------------------------------------------------------------------------------------ refusals

    @Test
    void layersNotDivisibleByTheStages() {
        assertThatThrownBy(() -> new NaivePipeline().programs(new LabSetup(3, 8, 4, 4)))
                .isInstanceOf(LsdtException.class)
                .hasMessage("--layers = 8: expected a multiple of the 3 pipeline stages (ranks)\n"
                        + "Maybe use 9 layers or 6, or change the number of pipeline stages (ranks)");
        assertThatThrownBy(() -> new InterleavedOneFOneB(2).programs(new LabSetup(4, 12, 8, 1)))
                .hasMessageStartingWith("--layers = 12: expected a multiple of the 8 virtual stages");
    }

    @Test
    void batchNotDivisibleByTheMicroBatch() {
        assertThatThrownBy(() -> new LabSetup(4, 2, 6, 4)).isInstanceOf(LsdtException.class)
                .hasMessage("--global-batch / --micro-batch = 6 / 4: expected a global batch divisible by the "
                        + "micro-batch\nMaybe choose a micro-batch that divides 6");
        assertThatThrownBy(() -> new Ddp().programs(new LabSetup(4, 2, 8, 4)))
                .hasMessage("--global-batch = 8: expected a multiple of 4 ranks × micro-batch 4 = 16 (every rank gets "
                        + "whole micro-batches)\nMaybe use --global-batch 16, or a micro-batch that divides 2 = 8 / 4");
        assertThatThrownBy(() -> new InterleavedOneFOneB(2).programs(new LabSetup(4, 8, 6, 1)))
                .hasMessageContaining("a multiple of the 4 pipeline stages").hasMessageContaining("\nMaybe use "
                        + "--global-batch 8");
    }

    @Test
    void ranksNotMatchingTheShape() {
        assertThatThrownBy(() -> new SingleGpu().programs(new LabSetup(2, 2, 4, 4)))
                .hasMessage("--ranks = 2: expected 1 for single\n"
                        + "Maybe use --ranks 1, or a data-parallel strategy such as ddp for more ranks");
        assertThatThrownBy(() -> new ThreeD(3, 2).programs(new LabSetup(8, 8, 16, 1)))
                .hasMessage("--ranks = 8: expected a multiple of --tp × --pp = 6 for 3d\n"
                        + "Maybe use 12 ranks, or change --tp × --pp");
        assertThatThrownBy(() -> new PipelineFsdp(4, false).programs(new LabSetup(16, 4, 8, 1)))
                .hasMessageStartingWith("--micro-batch = 1: expected global batch / replicas = 8 / 4")
                .hasMessageContaining("Maybe use --micro-batch 2");
        assertThatThrownBy(() -> new InterleavedOneFOneB(2).programs(new LabSetup(2, 4, 4, 1)))
                .hasMessageStartingWith("--ranks = 2: expected 3 or more for interleaved 1F1B");
    }

    @Test
    void unknownNamesAndMisplacedDegrees() {
        assertThatThrownBy(() -> Strategies.create("gpipee", Strategies.Degrees.NONE))
                .hasMessage("unknown strategy 'gpipee'\nMaybe you meant 'gpipe'?");
        assertThatThrownBy(() -> Strategies.create("3d", new Strategies.Degrees(0, 2, 0)))
                .hasMessageStartingWith("--pp is missing: expected the number of pipeline stages for 3d");
        assertThatThrownBy(() -> Strategies.create("ddp", new Strategies.Degrees(4, 0, 0)))
                .hasMessage("--pp = 4: expected not given: ddp does not use it\n"
                        + "Maybe drop --pp; it applies to pp-fsdp, pp-fsdp-global, 3d");
    }

    private static Map<String, Integer> options(String example) {
        String[] t = example.split(" ");
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < t.length; i += 2) {
            m.put(t[i], Integer.parseInt(t[i + 1]));
        }
        assertThat(m.keySet()).as(Arrays.toString(t)).contains("--ranks", "--layers", "--global-batch",
                "--micro-batch");
        return m;
    }
}
