package io.lsdt.physics.validation;

import static io.lsdt.physics.validation.Fixtures.KNOWN;
import static io.lsdt.physics.validation.Fixtures.devRun;
import static io.lsdt.physics.validation.Fixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.Prediction;
import org.junit.jupiter.api.Test;

/**
 * The conversion of a prediction into the measured quantity, against {@link Fixtures#KNOWN}: step 10 s, 8 devices,
 * 2^20 = 1,048,576 tokens, 4e16 model FLOPs and 5e16 hardware FLOPs per step. By hand: tokens/s = 104,857.6;
 * per GPU 13,107.2; model FLOP/s per GPU = 4e16 / 10 / 8 = 5e14 (500 TFLOP/s); hardware 5e16 / 10 / 8 = 6.25e14
 * (625 TFLOP/s).
 */
class MeasurementTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static Prediction known() {
        RunSpec s = RunMapper.map(devRun("dgxc-Llama3.1-405B-BF16-576"), CATALOG).spec();
        return KNOWN.predict(s.arch(), s.hardware(), s.config());
    }

    @Test
    void eachMetricFromAKnownPrediction() {
        Prediction p = known();
        assertThat(new Measurement(Metric.STEP_TIME_S, 9, Double.NaN, false).predicted(p)).isEqualTo(10.0);
        assertThat(new Measurement(Metric.TOKENS_PER_S, 1, Double.NaN, false).predicted(p)).isEqualTo(104_857.6);
        assertThat(new Measurement(Metric.TOKENS_PER_S_PER_GPU, 1, Double.NaN, false).predicted(p))
                .isCloseTo(13_107.2, within(1e-9));
        assertThat(new Measurement(Metric.TFLOPS_PER_GPU, 1, Double.NaN, false).predicted(p))
                .isCloseTo(500, within(1e-9));
        assertThat(new Measurement(Metric.TFLOPS_PER_GPU, 1, Double.NaN, true).predicted(p))
                .isCloseTo(625, within(1e-9));
        // 5e14 / 989e12 = 0.505561…; 5e14 / 1979e12 = 0.252653…; 5e14 / 2450e12 = 0.204082…
        assertThat(new Measurement(Metric.MFU_PCT, 1, 989e12, false).predicted(p)).isCloseTo(50.5561173, within(1e-6));
        assertThat(new Measurement(Metric.MFU_PCT, 1, 1979e12, false).predicted(p)).isCloseTo(25.2652855, within(1e-6));
        assertThat(new Measurement(Metric.MFU_PCT, 1, 2450e12, false).predicted(p)).isCloseTo(20.4081633, within(1e-6));
        // 6.25e14 / 312e12 = 2.003205…
        assertThat(new Measurement(Metric.HFU_PCT, 1, 312e12, false).predicted(p)).isCloseTo(200.3205128, within(1e-6));
    }

    @Test
    void absolutePercentError() {
        assertThat(Measurement.absPctError(110, 100)).isCloseTo(10, within(1e-12));
        assertThat(Measurement.absPctError(90, 100)).isCloseTo(10, within(1e-12));
        assertThat(Measurement.absPctError(10, 12.5)).isCloseTo(20, within(1e-12));
    }

    @Test
    void rowsOfEachConventionThroughTheHarness() {
        RunRow dgxc = devRun("dgxc-Llama3.1-405B-BF16-576");
        // step time 17.2 s measured, 10 s predicted: |10 − 17.2| / 17.2 = 41.860 %
        assertPredicted(dgxc, Metric.STEP_TIME_S, 10, 41.8604651);
        // MFU 55.78 % of 989 measured; predicted 50.5561 %: error 9.3652 %
        assertPredicted(edit(dgxc, "step_time_s", "", "tokens_per_s", ""), Metric.MFU_PCT, 50.5561173, 9.3651536);
        // FP8 basis 1979: measured 42.71, predicted 25.2653 → 40.8446 %
        assertPredicted(edit(devRun("dgxc-Llama3.1-405B-FP8-576"), "step_time_s", "", "tokens_per_s", ""),
                Metric.MFU_PCT, 25.2652855, 40.8445669);
        // GB200 basis 2450: measured 47.4, predicted 20.4082 → 56.9448 %
        assertPredicted(edit(devRun("dgxc-Llama3.1-405B-BF16-128-gb200"), "step_time_s", "", "tokens_per_s", ""),
                Metric.MFU_PCT, 20.4081633, 56.9448032);
        // tokens/s of the job: measured 120,022, predicted 104,857.6 → 12.6347 %
        assertPredicted(edit(dgxc, "step_time_s", ""), Metric.TOKENS_PER_S, 104_857.6, 12.6346836);
        // tokens/s per GPU: NeMo 24.07 Llama 2 7B, 16,934 measured (its TFLOP/s removed), 13,107.2 → 22.5983 %
        assertPredicted(edit(devRun("nemo2407-h100-LLAMA2-7B-8"), "tflops_per_gpu", ""), Metric.TOKENS_PER_S_PER_GPU,
                13_107.2, 22.5983229);
        // model TFLOP/s: 780 measured, 500 predicted → 35.8974 %
        assertPredicted(devRun("nemo2407-h100-LLAMA2-7B-8"), Metric.TFLOPS_PER_GPU, 500, 35.8974359);
        // Narayanan: 137 TFLOP/s counts recomputation → hardware 625 predicted → 356.2044 %
        assertPredicted(devRun("megatron-sc21-1.7B"), Metric.TFLOPS_PER_GPU, 625, 356.2043796);
        // and his % of peak is HFU against 312: 44 measured, 200.3205 predicted → 355.2739 %
        assertPredicted(edit(devRun("megatron-sc21-1.7B"), "tflops_per_gpu", ""), Metric.HFU_PCT, 200.3205128,
                355.2738928);
        // no peak in the basis: MFU against the catalog's dense FP8 peak of the H100 SXM, 1978.9 TFLOP/s
        // 5e14 / 1978.9e12 = 25.26656 %; measured 37.6 → 32.8017 %
        assertPredicted(edit(devRun("mbridge25.11-DGX-H100-LLAMA3_8B-8-FP8-CS"), "tflops_per_gpu", "",
                "tokens_per_s_per_gpu", "", "mfu_pct", "37.6"), Metric.MFU_PCT, 25.2665622, 32.8017);
    }

    private static void assertPredicted(RunRow row, Metric metric, double predicted, double error) {
        RunResult r = RunValidation.one(row, KNOWN, CATALOG);
        assertThat(r).isInstanceOfSatisfying(RunResult.Predicted.class, p -> {
            assertThat(p.metric()).isEqualTo(metric);
            assertThat(p.predicted()).isCloseTo(predicted, within(Math.abs(predicted) * 1e-8));
            assertThat(p.absPctError()).isCloseTo(error, within(1e-4));
        });
    }
}
