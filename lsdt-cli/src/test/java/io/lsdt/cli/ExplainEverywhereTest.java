package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code --explain} is the same graph value behind search, simulate --plan and evaluate: each explains the number the
 * command prints for the same design, with the equations and the inputs' origins.
 */
class ExplainEverywhereTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LLAMA = CliRun.repo("examples/llama3.1-405b.yaml");

    private static double explained(CliRun r) {
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Equations, in evaluation order", "Inputs:", "Sources:");
        // "VAR = … (SI: 5.29… s)"
        String si = r.out().substring(r.out().indexOf("(SI: ") + 5);
        return Double.parseDouble(si.substring(0, si.indexOf(' ')));
    }

    @Test
    void searchExplainsItsBestDesignsStep() throws Exception {
        String[] args = {"search", "llama3.1-405b", "--device", "h100-sxm", "--gpus", "16384", "--global-batch",
            "2048"};
        JsonNode j = JSON.readTree(CliRun.of(concat(args, "--json")).out());
        double step = j.at("/designs/0/step_time_s").asDouble();
        // the tracing resolver and the compiled plan evaluate the same expressions; they may round differently in
        // the last bit
        assertThat(explained(CliRun.of(concat(args, "--explain", "design.t_step"))))
                .isCloseTo(step, org.assertj.core.api.Assertions.within(step * 1e-14));
    }

    @Test
    void simulatePlanExplainsItsAnalyticalColumn() throws Exception {
        JsonNode j = JSON.readTree(CliRun.of("simulate", "--plan", LLAMA, "--json").out());
        CliRun r = CliRun.of("simulate", "--plan", LLAMA, "--explain", "step_time");
        double analytical = j.get("analytical_step_s").asDouble();
        assertThat(explained(r)).isCloseTo(analytical, org.assertj.core.api.Assertions.within(analytical * 1e-14));
        CliRun bad = CliRun.of("simulate", "--strategy", "1f1b", "--ranks", "4", "--layers", "4", "--global-batch",
                "512", "--micro-batch", "64", "--explain", "design.t_step");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--explain", "given with --plan").doesNotContain("\tat ");
    }

    @Test
    void evaluateExplainsTheDesignItScored() throws Exception {
        String brief = CliRun.repo("examples/scenarios/frontier-8k-training.yaml");
        JsonNode j = JSON.readTree(CliRun.of("evaluate", brief, "--json").out());
        JsonNode step = null;
        for (JsonNode c : j.get("checks")) {
            if ("design.t_step".equals(c.path("variable").asText())) {
                step = c;
            }
        }
        assertThat(step).as("the scorecard names design.t_step").isNotNull();
        double explainedStep = explained(CliRun.of("evaluate", brief, "--explain", "design.t_step"));
        // the scorecard prints the step to four significant digits
        assertThat(step.get("value").asText()).isEqualTo(io.lsdt.graph.unit.UnitFormat.format(explainedStep,
                io.lsdt.graph.unit.Units.parse("s")));
        CliRun bad = CliRun.of("evaluate", CliRun.repo("examples/scenarios/smart-doorbell.yaml"), "--explain", "x");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("a training brief");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
