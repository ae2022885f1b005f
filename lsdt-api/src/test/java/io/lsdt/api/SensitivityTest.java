package io.lsdt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SensitivityTest {
    private static final Lsdt LSDT = Lsdt.builtIn();
    private static Plan plan;

    @BeforeAll
    static void planLlama() {
        plan = LSDT.plan(PlanRequest.of(Path.of("../examples/llama3.1-405b.yaml")).withDeadlineFirst(false));
    }

    @Test
    void theInputsAreTheUncertainOnesWithRangesByKind() {
        List<Sensitivity.Input> in = Sensitivity.inputs(LSDT.registry(), plan.chosen());
        assertThat(in).extracting(Sensitivity.Input::variable).contains("design.eff_gemm_max", "design.eff_link_out",
                "tail.step.cv", "rel.gpu.mtbf", "thermal.pue_target", "econ.rent.price_gpu_hour", "design.hbm_bw")
                .doesNotContain("design.tp", "arch.layers", "fundamentals.Tok", "uncertainty.distance",
                        "econ.carbon.price", "design.reserve");
        Sensitivity.Input cv = in.stream().filter(i -> i.variable().equals("tail.step.cv")).findFirst().orElseThrow();
        assertThat(cv.kind()).isEqualTo(Sensitivity.Kind.ASSUMPTION);
        assertThat(cv.low()).isCloseTo(0.01, within(1e-12));
        assertThat(cv.high()).isCloseTo(0.03, within(1e-12));
        Sensitivity.Input link = in.stream().filter(i -> i.variable().equals("design.eff_link_out")).findFirst()
                .orElseThrow();
        assertThat(link.high()).as("an efficiency stays at most 1").isEqualTo(1.0);
        Sensitivity.Input hbm = in.stream().filter(i -> i.variable().equals("design.hbm_bw")).findFirst()
                .orElseThrow();
        assertThat(hbm.kind()).isEqualTo(Sensitivity.Kind.DATASHEET);
        assertThat(hbm.high() / hbm.value()).isCloseTo(1.02, within(1e-12));
    }

    @Test
    void rangesAreOverriddenByKindAndByVariable() {
        java.util.Set<String> known = LSDT.registry().variables().keySet();
        Sensitivity.Ranges r = Sensitivity.Ranges.DEFAULT.with(List.of("assumption=0.3", "design.hbm_bw=10%",
                "design.eff_gemm_max=0"), known);
        List<Sensitivity.Input> in = Sensitivity.inputs(LSDT.registry(), plan.chosen(), r);
        Sensitivity.Input cv = in.stream().filter(i -> i.variable().equals("tail.step.cv")).findFirst().orElseThrow();
        // an assumption at ±30 %: 0.02 × 0.7 … 0.02 × 1.3
        assertThat(cv.relative()).isEqualTo(0.3);
        assertThat(cv.low()).isCloseTo(0.014, within(1e-12));
        assertThat(cv.high()).isCloseTo(0.026, within(1e-12));
        Sensitivity.Input hbm = in.stream().filter(i -> i.variable().equals("design.hbm_bw")).findFirst()
                .orElseThrow();
        assertThat(hbm.high() / hbm.value()).isCloseTo(1.10, within(1e-12));
        // a zero range holds the input
        assertThat(in).extracting(Sensitivity.Input::variable).doesNotContain("design.eff_gemm_max");
        assertThatThrownBy(() -> Sensitivity.Ranges.DEFAULT.with(List.of("design.hbm_bww=0.1"), known))
                .isInstanceOfSatisfying(LsdtException.class, e -> assertThat(e.getMessage())
                        .contains("design.hbm_bww").contains("design.hbm_bw"));
        assertThatThrownBy(() -> Sensitivity.Ranges.DEFAULT.with(List.of("assumption=1.5"), known))
                .isInstanceOfSatisfying(LsdtException.class, e -> assertThat(e.getMessage())
                        .contains("--range assumption = 1.5").contains("a relative half-width"));
    }

    @Test
    void theBandWidensTheInputsSpreadByTheModelsInterval() {
        Sensitivity.Result r = LSDT.sensitivity(plan, Sensitivity.Method.MORRIS, 2, 7);
        io.lsdt.physics.uncertainty.Credibility c = plan.chosen().credibility();
        for (int o = 0; o < r.bands().size(); o++) {
            Sensitivity.Band b = r.bands().get(o);
            double nominal = r.outputs().get(o).nominal();
            assertThat(b.variable()).isEqualTo(r.outputs().get(o).variable());
            assertThat(b.inputsP10()).isLessThanOrEqualTo(b.inputsP90());
            // the model's interval only widens: P10 ≤ the inputs' P10 and the plan; P90 the same way up
            assertThat(b.p10()).isLessThanOrEqualTo(Math.min(b.inputsP10(), nominal));
            assertThat(b.p90()).isGreaterThanOrEqualTo(Math.max(b.inputsP90(), nominal));
        }
        // time to train: up = hypot(ln(P90_in / t), −logLow), by hand from the band's own inputs spread
        Sensitivity.Band t = r.bands().get(0);
        double nominal = r.outputs().get(0).nominal();
        double up = Math.hypot(Math.max(0, Math.log(t.inputsP90() / nominal)), Math.max(0, -c.logLow()));
        assertThat(t.p90()).isCloseTo(nominal * Math.exp(up), within(1e-9 * nominal));
        // seeded: the same seed, the same band
        assertThat(LSDT.sensitivity(plan, Sensitivity.Method.MORRIS, 2, 7).bands()).isEqualTo(r.bands());
    }

    @Test
    void theCompiledGraphAtThePlansInputsIsThePlan() {
        Sensitivity.Result r = LSDT.sensitivity(plan, Sensitivity.Method.MORRIS, 2, 1);
        assertThat(r.outputs().get(0).nominal()).isCloseTo(plan.chosen().timeToTrain(),
                within(1e-9 * plan.chosen().timeToTrain()));
        assertThat(r.outputs().get(4).nominal()).isCloseTo(plan.chosen().mfu(), within(1e-12));
        assertThat(r.evaluations()).isEqualTo(2L * (r.inputs().size() + 1));
    }

    @Test
    void sobolRanksTheTimeToTrainAndRepeatsForASeed() {
        Sensitivity.Result a = LSDT.sensitivity(plan, Sensitivity.Method.SOBOL, 256, 3);
        Sensitivity.Result b = LSDT.sensitivity(plan, Sensitivity.Method.SOBOL, 256, 3);
        assertThat(a.toString()).isEqualTo(b.toString()); // records with NaN: compare their text
        Sensitivity.Output time = a.outputs().get(0);
        assertThat(time.variance()).isPositive();
        // ranked by ST, largest first; the indices of a nearly additive output sum to about 1
        for (int i = 1; i < time.rows().size(); i++) {
            assertThat(time.rows().get(i).second()).isLessThanOrEqualTo(time.rows().get(i - 1).second());
        }
        double s1 = time.rows().stream().mapToDouble(Sensitivity.Row::first).sum();
        assertThat(s1).isBetween(0.7, 1.2);
        // the rent price moves the cost, never the time
        assertThat(time.rows().stream().filter(r -> r.input().variable().equals("econ.rent.price_gpu_hour"))
                .findFirst().orElseThrow().second()).isEqualTo(0.0);
    }

    @Test
    void theFittedGemmEfficiencyExplainsTwoThirdsOfTheLlamaTimeToTrain() {
        // what README.md and lsdt sensitivity --help say, at the command's default N
        Sensitivity.Output time = LSDT.sensitivity(plan, Sensitivity.Method.SOBOL, 4096, 1).outputs().get(0);
        assertThat(time.rows().get(0).input().variable()).isEqualTo("design.eff_gemm_max");
        assertThat(time.rows().get(0).second()).isBetween(0.62, 0.72);
        assertThat(time.rows().get(1).input().variable()).isEqualTo("design.eff_link_out");
        assertThat(time.rows().get(1).second()).isBetween(0.2, 0.3);
    }

    @Test
    void refusesSamplesOutOfRange() {
        assertThatThrownBy(() -> LSDT.sensitivity(plan, Sensitivity.Method.SOBOL, 1, 1))
                .isInstanceOf(LsdtException.class).hasMessageContaining("--samples");
        assertThatThrownBy(() -> LSDT.sensitivity(plan, Sensitivity.Method.MORRIS, 20_000_000, 1))
                .hasMessageContaining("--samples").hasMessageContaining("10,000,000");
        assertThatThrownBy(() -> Sensitivity.Method.parse("fast")).hasMessageContaining("morris or sobol");
    }
}
