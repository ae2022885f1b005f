package io.lsdt.physics.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.uncertainty.ValidatedRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leave-one-source-out on six rows of three sources, with 30 evaluations per fit. */
class LosoTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final Recorder PROGRESS = new Recorder();
    private static final Loso.Report REPORT = Loso.run(CalibratorTest.SIX, CATALOG, Physics.registry(),
            Physics.stepModel(), Calibration.FIRST_PRINCIPLES, 30, 3, PROGRESS);

    /**
     * Records the progress as done × 10 + total. A class of its own: a lambda of this class would be a static
     * method of a class still being initialised, which the worker threads could not call until the study is over.
     */
    private static final class Recorder implements Loso.Progress {
        final List<Integer> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void fitsDone(int done, int total) {
            calls.add(done * 10 + total);
        }
    }

    @Test
    void oneFoldPerSourceEachFittedWithoutIt() {
        assertThat(REPORT.rows()).isEqualTo(6);
        assertThat(REPORT.predicted()).isEqualTo(6);
        assertThat(REPORT.full().rows()).isEqualTo(6);
        assertThat(REPORT.folds()).extracting(Loso.Fold::source).containsExactly(
                "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM "
                        + "(Narayanan et al., SC'21)",
                "Reducing Activation Recomputation in Large Transformer Models (Korthikanti et al., MLSys 2023)",
                "NVIDIA DGX Cloud Benchmarking recipes (dgxc-benchmarking), 'Expected Performance' tables");
        for (Loso.Fold f : REPORT.folds()) {
            assertThat(f.fit().rows()).isEqualTo(4);
            assertThat(f.fit().evaluations()).isLessThanOrEqualTo(30);
            assertThat(f.heldOut()).hasSize(2).allSatisfy(h -> assertThat(h.run().source()).isEqualTo(f.source()));
            assertThat(f.unpredicted()).isZero();
        }
        assertThat(REPORT.folds().get(1).heldOut()).extracting(h -> h.run().runId())
                .containsExactly("korthikanti-22B-sp-selective", "korthikanti-175B-sp-selective");
        // three folds and the fit on every source, each reported once with the total of four (done × 10 + total)
        assertThat(PROGRESS.calls).containsExactlyInAnyOrder(14, 24, 34, 44);
    }

    @Test
    void aHeldOutRunIsPredictedWithItsFoldsConstantsAndJudgedByTheOtherSources() {
        Loso.Fold fold = REPORT.folds().get(1);
        AnalyticalStepModel model = new AnalyticalStepModel(Physics.registry(), fold.fit().calibration());
        Loso.HeldOut h = fold.heldOut().get(1);
        RunResult.Predicted again = (RunResult.Predicted) RunValidation.one(
                Fixtures.devRun("korthikanti-175B-sp-selective"), model, CATALOG);
        assertThat(h.losoError()).isEqualTo(again.absPctError());
        assertThat(h.run().logResidual()).isEqualTo(Math.round(Residuals.logResidual(again) * 1e4) / 1e4);
        // the other four runs are fewer than nine, so every regime pools into all of them: with n = 4 the P10–P90
        // interval is their range
        List<Double> others = new ArrayList<>();
        for (RunRow row : CalibratorTest.SIX) {
            if (!row.source().equals(fold.source())) {
                ValidatedRun v = Residuals.validated(row, (RunResult.Predicted) RunValidation.one(row, model, CATALOG));
                others.add(v.logResidual());
            }
        }
        assertThat(h.interval().used()).isEqualTo("all");
        assertThat(h.interval().rows()).isEqualTo(4);
        assertThat(h.interval().p10()).isEqualTo(Collections.min(others));
        assertThat(h.interval().p90()).isEqualTo(Collections.max(others));
        boolean inside = h.run().logResidual() >= Collections.min(others)
                && h.run().logResidual() <= Collections.max(others);
        assertThat(h.inside()).isEqualTo(inside);
        // in-sample: the fit on all six rows
        AnalyticalStepModel all = new AnalyticalStepModel(Physics.registry(), REPORT.full().calibration());
        assertThat(h.inSampleError()).isEqualTo(((RunResult.Predicted) RunValidation.one(
                Fixtures.devRun("korthikanti-175B-sp-selective"), all, CATALOG)).absPctError());
    }

    @Test
    void summariesCountTheHeldOutRuns() {
        Loso.Summary s = REPORT.summary();
        assertThat(s.runs()).isEqualTo(6);
        long inside = REPORT.heldOut().stream().filter(Loso.HeldOut::inside).count();
        assertThat(s.coverage().inside()).isEqualTo((int) inside);
        assertThat(s.coverage().total()).isEqualTo(6);
        assertThat(REPORT.bySource().values()).extracting(Loso.Summary::runs).containsExactly(2, 2, 2);
        assertThat(REPORT.byRegime().values().stream().mapToInt(Loso.Summary::runs).sum()).isEqualTo(6);
        // the widened interval contains the plain one, so it covers at least as many runs
        assertThat(s.widenedCoverage().inside()).isGreaterThanOrEqualTo(s.coverage().inside());
    }

    @Test
    void theThreadCountDoesNotChangeTheResult() {
        Loso.Report one = Loso.run(CalibratorTest.SIX, CATALOG, Physics.registry(), Physics.stepModel(),
                Calibration.FIRST_PRINCIPLES, 30, 1, (d, t) -> { });
        assertThat(one.folds()).isEqualTo(REPORT.folds());
        assertThat(one.full()).isEqualTo(REPORT.full());
    }

    @Test
    void oneSourceCannotBeLeftOut() {
        assertThatThrownBy(() -> Loso.run(CalibratorTest.SIX.subList(0, 2), CATALOG, Physics.registry(),
                Physics.stepModel(), Calibration.FIRST_PRINCIPLES, 30, 1, (d, t) -> { }))
                .isInstanceOf(LsdtException.class)
                .hasMessage("--loso = 1 source(s) with predicted rows: expected rows of at least two sources (each is "
                        + "held out while the others are fitted)");
    }
}
