package io.lsdt.physics.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.resolve.TraceStep;
import io.lsdt.physics.Physics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gpu_stack's {@code dense_training_cost_fixture} (shared/data/gpu_stack/dense_training_cost_fixture.yaml;
 * equation-graph.md §11) resolves here exactly: the same 30 assignments, the same values to 1e-12, the same trace
 * sizes, and the cost-per-token trace runs through the step-time, DC-power, job-power, power-cost and cost-per-token
 * equations.
 */
class GpuStackFixtureTest {
    private static final ScenarioReport R = ScenarioReport.of(io.lsdt.physics.Physics.preset("dense_training_cost_fixture"),
            Physics.registry(), List.of());

    @Test
    void reproducesEveryValueByHand() {
        assertThat(R.status()).isEqualTo("ok");
        assertThat(R.assignmentCount()).isEqualTo(30);
        assertThat(R.targetCount()).isEqualTo(4);
        assertThat(R.okCount()).isEqualTo(4);
        assertThat(R.mismatches()).isEmpty();
        // tokens/s = 1e6 / (1e15 / (8 · 1e15) + 0.025) = 1e6 / 0.15
        assertThat(R.targets().get(0).value()).isCloseTo(6_666_666.666666667, within(1e-6));
        // DC power = 8 · 500 + 200 + 100 + 50 + 25 + 25 + 600 + 100 + 100 = 5200 W
        assertThat(R.targets().get(1).value()).isEqualTo(5200.0);
        // power cost = 0.36 USD/kWh / 3.6e6 J/kWh · 5200 W · 1.5 s
        assertThat(R.targets().get(2).value()).isCloseTo(0.00078, within(1e-18));
        // cost per token = (20 USD/s · 1.5 s + 0.00078) / 1e7
        assertThat(R.targets().get(3).value()).isCloseTo(3.000078e-06, within(3.000078e-06 * 1e-12));
    }

    @Test
    void traceSizesAreGpuStacks() {
        var res = R.resolution();
        // gpu_stack's audit (scenario_eval.out.txt): t_step 7, tokens/s 8, wallclock 10, dc_power 8, power_cost 21,
        // total_cost 23, cost/token 24 distinct equations
        assertThat(res.traceFor("training.t_step")).hasSize(7);
        assertThat(res.traceFor("training.tokens_per_sec")).hasSize(8);
        assertThat(res.traceFor("training.wallclock")).hasSize(10);
        assertThat(res.traceFor("econ.job.dc_power")).hasSize(8);
        assertThat(res.traceFor("econ.run.power_cost")).hasSize(21);
        assertThat(res.traceFor("econ.run.total_cost")).hasSize(23);
        assertThat(res.traceFor("econ.cost.per_token")).hasSize(24);
        List<String> eqs = res.traceFor("econ.cost.per_token").stream().map(TraceStep::equation)
                .map(e -> e.name()).toList();
        assertThat(eqs).contains("training.eq.t_step.components", "thermal.eq.dc.total_power", "econ.eq.job.dc_power",
                "econ.eq.run.power_cost", "econ.eq.cost.per_token");
    }
}
