package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import org.junit.jupiter.api.Test;

class IntervalsYamlTest {
    private static final String TEXT = IntervalsYaml.write(Toy.table());

    @Test
    void whatIsWrittenReadsBackTheSame() {
        Intervals back = IntervalsYaml.parse(TEXT, "toy.yaml");
        Intervals toy = Toy.table();
        assertThat(back.regimes()).isEqualTo(toy.regimes());
        assertThat(back.best()).isEqualTo(toy.best());
        assertThat(back.runs()).isEqualTo(toy.runs());
        assertThat(back.provenance()).isEqualTo(toy.provenance());
        assertThat(back.minRows()).isEqualTo(9);
        // and the same bytes again: the writer is deterministic
        assertThat(IntervalsYaml.write(back)).isEqualTo(TEXT);
        assertThat(TEXT).contains("#   ./lsdt validate --runs toy.csv --write-intervals toy.yaml",
                "  - key: \"megatron/1-8/0-3B\"\n    rows: 2\n    p10: 0.4\n    p90: 0.5\n    uses: \"megatron\"");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysExpected() {
        assertError(TEXT.replace("\nmin_rows:", "\nmin_row:"), Problem.UNKNOWN_FIELD,
                "toy.yaml: unknown key 'min_row' at the top level; expected one of kind, version, generated, command, "
                        + "step_model, residual, quantile, min_rows, inputs, regimes, best_mfu, runs");
        assertError(TEXT.replaceFirst("    credible: true", "    credibel: true"), Problem.UNKNOWN_FIELD,
                "toy.yaml: unknown key 'runs[0].credibel' in runs[0]; expected one of run_id, source, device, "
                        + "precision, devices, family, active_params_b, tp, pp, cp, ep, log_residual, mfu, credible");
    }

    @Test
    void valuesOfTheWrongKindOrRangeNameFieldValueAndExpectation() {
        assertError(TEXT.replace("kind: \"lsdt-residuals\"", "kind: \"lsdt-residual\""), Problem.INVALID_VALUE,
                "toy.yaml: kind = 'lsdt-residual': expected 'lsdt-residuals'");
        assertError(TEXT.replace("version: 1", "version: 2"), Problem.INVALID_VALUE,
                "toy.yaml: version = 2: expected 1");
        assertError(TEXT.replace("generated: \"2026-01-02\"", "generated: \"2 Jan 2026\""), Problem.INVALID_VALUE,
                "toy.yaml: generated = '2 Jan 2026': expected a date YYYY-MM-DD");
        assertError(TEXT.replaceFirst("precision: \"bf16\"", "precision: \"bf17\""), Problem.INVALID_VALUE,
                "toy.yaml: runs[0].precision = 'bf17': expected bf16, fp16 or fp8");
        assertError(TEXT.replaceFirst("family: \"megatron\"", "family: \"deepspeed\""), Problem.INVALID_VALUE,
                "toy.yaml: runs[0].family = 'deepspeed': expected one of megatron, fsdp-zero, other");
        assertError(TEXT.replaceFirst("devices: 512\n    family", "devices: 0\n    family"), Problem.INVALID_VALUE,
                "toy.yaml: runs[0].devices = 0: expected a whole number ≥ 1");
        assertError(TEXT.replaceFirst("    credible: true\n", ""), Problem.MISSING_FIELD,
                "toy.yaml: runs[0].credible is missing: expected true or false");
    }

    @Test
    void derivedNumbersThatDisagreeWithTheRunsAreRefused() {
        // the Megatron family's P10 is −0.18; a hand edit to −0.17 is caught
        assertError(TEXT.replace("p10: -0.18", "p10: -0.17"), Problem.INVALID_VALUE,
                "toy.yaml: regimes[1].p10 = -0.17: expected -0.18 (recomputed from the runs section)");
        assertError(TEXT.replace("rows: 2\n    p10: 0.4", "rows: 3\n    p10: 0.4"), Problem.INVALID_VALUE,
                "toy.yaml: regimes[3].rows = 3: expected 2 (recomputed from the runs section)");
        assertError(TEXT.replace("p90: 0.5\n    uses: \"megatron\"", "p90: 0.5\n    uses: \"megatron/1-8/0-3B\""),
                Problem.INVALID_VALUE, "toy.yaml: regimes[3].uses = 'megatron/1-8/0-3B': expected 'megatron' (the "
                        + "pooling rule: the entry's own residuals with at least 9 runs, else its family's, else all)");
        // a run's residual edited moves the quantiles the regimes section states
        assertError(TEXT.replace("log_residual: 0.5\n", "log_residual: 0.52\n"), Problem.INVALID_VALUE,
                "toy.yaml: regimes[0].p90 = 0.55: expected 0.56 (recomputed from the runs section)");
        assertError(TEXT.replace("mfu: 0.48\n    devices: 512", "mfu: 0.49\n    devices: 512"), Problem.INVALID_VALUE,
                "toy.yaml: best_mfu[2] = h100-sxm 16-bit 65-1024: MFU 0.49 on 512 devices, run m8: expected h100-sxm "
                        + "16-bit 65-1024: MFU 0.48 on 512 devices, run m8 (recomputed from the runs section)");
    }

    private static void assertError(String text, Problem problem, String message) {
        assertThatThrownBy(() -> IntervalsYaml.parse(text, "toy.yaml")).isInstanceOf(LsdtException.class)
                .satisfies(e -> assertThat(((LsdtException) e).problem()).isEqualTo(problem))
                .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElseThrow()).isEqualTo(message));
    }
}
