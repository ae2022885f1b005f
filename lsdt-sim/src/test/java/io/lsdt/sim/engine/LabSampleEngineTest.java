package io.lsdt.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.sim.engine.Predictor;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.strategy.OneFOneB;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine against the GT lab's sample trace (shared/data/lab/1f1b_sample_4rank_8batch.json and its README):
 * 1F1B over 4 ranks, 4 layers, global batch 512 in 8 micro-batches of 64, h = 4096, L = 1024. Durations are the
 * sample's own (µs): forward = backward 2314.7613216336845, send = recv (64 samples) 1845.4561094017095,
 * load_weights 82.85044938271605, update 36.408879…, loss 0. With them the engine must reproduce the sample's clocks
 * and memory: execution time 109123.58460171454 µs (latest start of a rank's last event), true end
 * 109159.99349060343 µs, maximum memory 5,016,387,584 elements.
 */
class LabSampleEngineTest {
    /** The sample's durations, whatever the payload (every transfer in the sample is 64 samples). */
    static final class SampleDurations implements Predictor {
        @Override
        public double forwardBackward(int samples) {
            return 2314.7613216336845e-6;
        }

        @Override
        public double update(int shardsOnDevice, int numShards) {
            // 109159.99349060343 − 109123.58460171454 µs: the last update's duration in the sample
            return (109159.99349060343 - 109123.58460171454) * 1e-6;
        }

        @Override
        public double loadWeights(int shardsOnDevice, int numShards) {
            return 82.85044938271605e-6;
        }

        @Override
        public double collective(Collective op, long bytes) {
            throw new UnsupportedOperationException("the sample has no collectives");
        }

        @Override
        public double p2p(long bytes) {
            return 1845.4561094017095e-6;
        }

        @Override
        public double loss() {
            return 0;
        }

        @Override
        public String memoryUnit() {
            return "elements";
        }
    }

    private static SimulationResult run() {
        LabSetup setup = new LabSetup(4, 4, 512, 64);
        return new Engine(setup, new SampleDurations(), new LabSizes(4096, 1024), Engine.Options.LAB)
                .run(new OneFOneB(true).programs(setup));
    }

    @Test
    void reproducesTheSampleClocks() {
        SimulationResult r = run();
        assertThat(r.checked()).isTrue();
        assertThat(r.executionTime() * 1e6).isCloseTo(109123.58460171454, within(109123.58460171454 * 1e-9));
        assertThat(r.endTime() * 1e6).isCloseTo(109159.99349060343, within(1e-6));
        // 176 events: 32 forward, 32 backward, 48 send, 48 recv, 8 loss, 4 load_weights, 4 update
        assertThat(r.eventCount()).isEqualTo(176);
        List<Event> gpu1 = r.events().get(0);
        // GPU 1 (rank 0): load, forward batch 1 at 82.850…, send at 2397.611…, first recv of a gradient at 26889.611…
        assertThat(gpu1.get(1).kind()).isEqualTo(Event.Kind.FORWARD);
        assertThat(gpu1.get(1).start() * 1e6).isCloseTo(82.85044938271605, within(1e-9));
        assertThat(gpu1.get(2).start() * 1e6).isCloseTo(2397.6117710164003, within(1e-9));
        assertThat(gpu1.get(9).kind()).isEqualTo(Event.Kind.RECV);
        assertThat(gpu1.get(9).start() * 1e6).isCloseTo(26889.6111, within(1e-4));
    }

    @Test
    void reproducesTheSampleMemory() {
        SimulationResult r = run();
        Event max = r.maxMemoryEvent();
        assertThat(max.memory()).isEqualTo(5_016_387_584.0);
        // the maximum is first reached by GPU 2 (rank 1) at its last send, 104963.3672 µs
        assertThat(max.rank()).isEqualTo(1);
        assertThat(max.kind()).isEqualTo(Event.Kind.SEND);
        assertThat(max.start() * 1e6).isCloseTo(104963.3672, within(1e-4));
        // every rank's update is logged at 11 W + 16 A = 4,479,516,672 elements (W = 4096², A = 64·4096·1024)
        for (List<Event> rank : r.events()) {
            assertThat(rank.get(rank.size() - 1).memory()).isEqualTo(4_479_516_672.0);
        }
    }
}
