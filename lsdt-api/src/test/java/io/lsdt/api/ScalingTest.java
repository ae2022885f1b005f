package io.lsdt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingTest {
    private static final Lsdt LSDT = Lsdt.builtIn();
    private static final PlanRequest LLAMA = PlanRequest.of(Path.of("../examples/llama3.1-405b.yaml"));

    @Test
    void defaultCountsAreWholeNodesAroundTheCentre() {
        assertThat(Scaling.defaultCounts(16384, 8)).containsExactly(4096L, 8192L, 16384L, 32768L, 65536L);
        assertThat(Scaling.defaultCounts(1024, 8)).containsExactly(256L, 512L, 1024L, 2048L, 4096L);
        // a small centre: never below one node, no repeats
        assertThat(Scaling.defaultCounts(8, 8)).containsExactly(8L, 16L, 32L);
        assertThatThrownBy(() -> Scaling.defaultCounts(0, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLlamaSweepFallsInStepTimeAndMatchesThePlanAtItsCount() {
        Plan plan = LSDT.plan(LLAMA.withDeadlineFirst(false));
        Scaling s = LSDT.scaling(LLAMA, plan);
        assertThat(s.center()).isEqualTo(16384);
        assertThat(s.points()).extracting(Scaling.Point::devices)
                .containsExactly(4096L, 8192L, 16384L, 32768L, 65536L);
        assertThat(s.points()).allMatch(Scaling.Point::fits);
        double[] steps = s.points().stream().mapToDouble(p -> p.design().value("design.t_step")).toArray();
        for (int i = 1; i < steps.length; i++) {
            assertThat(steps[i]).as("step at %d devices", s.points().get(i).devices()).isLessThan(steps[i - 1]);
        }
        // at the brief's count, the sweep's best is the plan's chosen design, to the bit
        DesignPoint at = s.points().get(2).design();
        assertThat(at.describe()).isEqualTo(plan.chosen().describe());
        assertThat(at.value("design.t_step")).isEqualTo(plan.chosen().value("design.t_step"));
        assertThat(at.timeToTrain()).isEqualTo(plan.chosen().timeToTrain());
        assertThat(at.value("econ.run.total_cost")).isEqualTo(plan.chosen().value("econ.run.total_cost"));
    }

    @Test
    void badCountsAreRefusedByName() {
        assertThatThrownBy(() -> LSDT.scaling(LLAMA, List.of()))
                .isInstanceOf(LsdtException.class).hasMessageContaining("device counts");
        assertThatThrownBy(() -> LSDT.scaling(LLAMA, List.of(0L)))
                .isInstanceOf(LsdtException.class).hasMessageContaining("device count").hasMessageContaining("0");
    }
}
