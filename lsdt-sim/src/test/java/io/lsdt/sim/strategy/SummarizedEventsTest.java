package io.lsdt.sim.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.sim.engine.Engine;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.LabSetup;
import io.lsdt.sim.engine.SimulationResult;
import io.lsdt.sim.lab.LabSizes;
import io.lsdt.sim.lab.StepsPredictor;
import org.junit.jupiter.api.Test;

/**
 * A rank whose events the engine does not keep ({@link Engine#withEvents}) reads as an empty list, and every summary
 * figure of the result is the one the kept events give, to the bit.
 */
class SummarizedEventsTest {
    private static SimulationResult run(String strategy, LabSetup s, java.util.function.IntPredicate keep) {
        Strategy st = Strategies.create(strategy, Strategies.Degrees.NONE);
        return new Engine(s, new StepsPredictor(), new LabSizes(512, 256), Engine.Options.LAB
                .withPointToPoint(Engine.PointToPoint.SRUSH)).withEvents(keep).run(st.programs(s));
    }

    @Test
    void summariesGiveTheFiguresOfTheKeptEvents() {
        for (String strategy : new String[] {"1f1b", "fsdp", "ddp"}) {
            LabSetup s = new LabSetup(4, 8, 32, 4);
            SimulationResult all = run(strategy, s, null);
            SimulationResult none = run(strategy, s, r -> false);
            SimulationResult odd = run(strategy, s, r -> r % 2 == 1);
            for (SimulationResult r : new SimulationResult[] {none, odd}) {
                assertThat(r.eventCount()).as(strategy).isEqualTo(all.eventCount()).isPositive();
                assertThat(r.executionTime()).as(strategy).isEqualTo(all.executionTime());
                assertThat(r.endTime()).as(strategy).isEqualTo(all.endTime());
                assertThat(r.maxMemoryEvent()).as(strategy).isEqualTo(all.maxMemoryEvent());
                for (int k = 0; k < s.ranks(); k++) {
                    assertThat(r.rankEnd(k)).isEqualTo(all.rankEnd(k));
                    assertThat(r.rankBusy(k)).isEqualTo(all.rankBusy(k));
                }
            }
            // the compute time is the sum of the non-communication events' durations, in order
            double busy = 0;
            for (Event e : all.events().get(0)) {
                busy += e.kind().isCommunication() ? 0 : e.duration();
            }
            assertThat(none.rankBusy(0)).isEqualTo(busy);
            assertThat(none.events()).hasSize(4).allSatisfy(l -> assertThat(l).isEmpty());
            assertThat(odd.events().get(1)).isEqualTo(all.events().get(1));
            assertThat(odd.events().get(0)).isEmpty();
        }
    }
}
