package io.lsdt.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.strategy.OneFOneB;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's first acceptance test, end to end: the GT lab's 1F1B sample (4 ranks, 4 layers, global batch 512 in
 * micro-batches of 64) with the lab's own cost model (Calculon over h100_80g_nvl8.json) gives the sample's per-op
 * durations, execution time 109123.5846 µs by the lab's definition (1e-6 relative) and maximum memory
 * 5,016,387,584 elements (shared/data/lab/README.md).
 */
class LabSampleWithLabPredictorTest {
    @Test
    void theSampleWithTheLabsCostModel() {
        LabSetup setup = new LabSetup(4, 4, 512, 64);
        SimulationResult r = new Engine(setup, new LabPredictor(4), new LabSizes(LabConstants.HIDDEN,
                LabConstants.SEQUENCE), Engine.Options.LAB)
                .run(new OneFOneB(true).programs(setup));
        assertThat(r.executionTime() * 1e6).isCloseTo(109123.58460171454, within(109123.58460171454 * 1e-6));
        assertThat(r.maxMemoryEvent().memory()).isEqualTo(5_016_387_584.0);
        Event load = r.events().get(0).get(0);
        Event forward = r.events().get(0).get(1);
        Event send = r.events().get(0).get(2);
        assertThat(load.duration() * 1e6).isCloseTo(82.85044938271605, within(1e-9));
        assertThat(forward.duration() * 1e6).isCloseTo(2314.7613216336845, within(1e-9));
        assertThat(send.duration() * 1e6).isCloseTo(1845.4561094017095, within(1e-9));
    }
}
