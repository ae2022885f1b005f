package io.lsdt.physics.validation;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.StepModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a {@link StepModel} against published training runs: each row of a runs CSV is read into a design
 * ({@link RunMapper}), predicted, and the prediction converted to the quantity the source measured
 * ({@link Measurement}); rows that cannot be predicted are kept with their reason.
 */
public final class RunValidation {
    private RunValidation() {}

    /**
     * Scores a step model on a runs CSV.
     *
     * @param csv a runs CSV
     * @param model the step model to score
     * @return the report
     * @throws LsdtException when the file cannot be read or is not a runs CSV (user errors)
     */
    public static RunsReport validate(Path csv, StepModel model) {
        return validate(RunsCsv.read(csv), model, Catalog.builtIn());
    }

    /**
     * Scores a step model on rows of a runs CSV.
     *
     * @param rows rows of a runs CSV
     * @param model the step model to score
     * @param catalog the catalog
     * @return the report, one result per row in order
     * @throws LsdtException {@link Problem#INTERNAL} when the step model fails with anything but an
     *     {@link LsdtException} (a defect of the model, named with the run)
     */
    public static RunsReport validate(List<RunRow> rows, StepModel model, Catalog catalog) {
        List<RunResult> results = new ArrayList<>();
        for (RunRow row : rows) {
            results.add(one(row, model, catalog));
        }
        return RunsReport.of(results);
    }

    /**
     * The step model whose design search fills a row's unstated layout or micro-batch: the scored model itself when
     * it is the analytical one, else none (such rows are then skipped, saying so).
     */
    private static AnalyticalStepModel searchModel(StepModel model) {
        return model instanceof AnalyticalStepModel a ? a : null;
    }

    /**
     * Predicts one row and compares the prediction with its measurement.
     *
     * @param row one row
     * @param model the step model
     * @param catalog the catalog
     * @return the row's result
     */
    public static RunResult one(RunRow row, StepModel model, Catalog catalog) {
        RunMapper.Mapping m = RunMapper.map(row, catalog, searchModel(model));
        if (m.skipped()) {
            return new RunResult.Skipped(row.runId(), row.source(), m.skipReason(), m.notes());
        }
        RunSpec spec = RunBehaviour.apply(m.spec(), catalog);
        Prediction p;
        try {
            p = model.predict(spec.arch(), spec.hardware(), spec.config());
        } catch (LsdtException e) {
            return new RunResult.Skipped(spec.runId(), spec.source(), "the step model cannot predict it: "
                    + e.getMessage().replace(System.lineSeparator(), " — "), spec.notes());
        } catch (RuntimeException e) {
            throw LsdtException.wrap(e, Problem.INTERNAL, "the step model " + model.getClass().getName()
                    + " failed on run " + spec.runId() + ": " + e);
        }
        if (p == null) {
            throw LsdtException.of(Problem.INTERNAL, "the step model " + model.getClass().getName()
                    + " returned no prediction for run " + spec.runId());
        }
        if (!p.fits() && spec.config().recompute() == io.lsdt.physics.design.Recompute.NONE
                && spec.notes().contains(RunDesign.RECOMPUTE_BLANK)
                && !FrameworkNames.MEGATRON.equals(spec.framework())) {
            // the run ran on this hardware, so its activations fit: a blank recompute column that does not fit
            // without recomputation had it (activation checkpointing, the lever of FSDP / DeepSpeed / torchtune
            // recipes; Megatron-family recipes publish their recompute settings, and its blank means none)
            ParallelConfig full = spec.config().withRecompute(io.lsdt.physics.design.Recompute.FULL);
            Prediction q = model.predict(spec.arch(), spec.hardware(), full);
            if (q != null && q.fits()) {
                spec = spec.withConfig(full).withNotes(List.of(String.format(java.util.Locale.ROOT, "recompute blank "
                        + "but without it the design needs %.1f GB per GPU of the usable %.1f GB: full "
                        + "recomputation (activation checkpointing) assumed, %.1f GB", p.memory().total() / 1e9,
                        p.memoryCapacity() / 1e9, q.memory().total() / 1e9)));
                p = q;
            }
        }
        double step = p.stepTime();
        if (!(step > 0) || Double.isInfinite(step)) {
            return new RunResult.Skipped(spec.runId(), spec.source(), "the step model predicted a step time of "
                    + step + " s", spec.notes());
        }
        double predicted = spec.measurement().predicted(p);
        if (!Double.isFinite(predicted)) {
            return new RunResult.Skipped(spec.runId(), spec.source(), "the predicted " + spec.measurement().metric()
                    .column() + " is " + predicted, spec.notes());
        }
        if (!p.fits()) {
            spec = spec.withNotes(List.of(String.format(java.util.Locale.ROOT, "predicted memory %.1f GB per GPU "
                    + "exceeds the usable %.1f GB", p.memory().total() / 1e9, p.memoryCapacity() / 1e9)));
        }
        return new RunResult.Predicted(spec, p, predicted,
                Measurement.absPctError(predicted, spec.measurement().value()));
    }
}
