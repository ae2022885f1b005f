package io.lsdt.physics.validation;

import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.uncertainty.Configuration;
import io.lsdt.physics.uncertainty.Intervals;
import io.lsdt.physics.uncertainty.Regime;
import io.lsdt.physics.uncertainty.ValidatedRun;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * From a validation to the residuals table: each predicted run's regime, its log residual and its configuration.
 *
 * <p>A run's <b>regime</b> comes from its row: the framework family from the {@code framework} and {@code zero_fsdp}
 * cells ({@link Regime.Family#ofRun}), the scale from {@code device_count}, the size from {@code active_params_b}
 * (or {@code params_b} for a dense model whose active count is blank).
 *
 * <p>Its <b>log residual</b> is ln(measured / predicted) of the metric its source published, taken as a rate: for a
 * step time, ln(predicted / measured). A positive residual means the run was faster than LSDT predicted, whatever the
 * metric, so that rows of every metric share one distribution.
 */
public final class Residuals {
    private static final java.util.regex.Pattern ADAPTERS = java.util.regex.Pattern.compile("lora|peft");
    private static final java.util.regex.Pattern FLAGGED = java.util.regex.Pattern.compile(
            "implausib|treat with (care|caution)");

    private Residuals() {}

    /**
     * The framework family a run counts in.
     *
     * @param row a row of a runs CSV
     * @return its framework family
     */
    public static Regime.Family family(RunRow row) {
        return Regime.Family.ofRun(row.text("framework"), row.text("zero_fsdp"));
    }

    /**
     * The active parameters of a run, which set its size band.
     *
     * @param row a row
     * @return active parameters (parameters): {@code active_params_b} × 1e9, else {@code params_b} × 1e9; empty when
     *     neither holds a positive number
     */
    public static OptionalDouble activeParams(RunRow row) {
        for (String column : List.of("active_params_b", "params_b")) {
            OptionalDouble b = row.number(column);
            if (b.isPresent() && b.getAsDouble() > 0) {
                return OptionalDouble.of(b.getAsDouble() * 1e9);
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The regime a run counts in.
     *
     * @param row a row
     * @return its regime, or null when {@code device_count} or the parameter counts are not positive numbers
     */
    public static Regime regime(RunRow row) {
        OptionalDouble devices = row.number("device_count");
        OptionalDouble params = activeParams(row);
        if (devices.isEmpty() || devices.getAsDouble() < 1 || devices.getAsDouble() != Math.rint(devices.getAsDouble())
                || params.isEmpty()) {
            return null;
        }
        return Regime.of(family(row), (long) devices.getAsDouble(), params.getAsDouble());
    }

    /**
     * The log residual of a prediction, positive when the run was faster than predicted.
     *
     * @param p a predicted run
     * @return ln(measured rate / predicted rate): ln(measured / predicted) for a rate, ln(predicted / measured) for a
     *     step time
     */
    public static double logResidual(RunResult.Predicted p) {
        double r = Math.log(p.measured() / p.predicted());
        return p.metric().isRate() ? r : -r;
    }

    /**
     * One run as the residuals table keeps it.
     *
     * @param row the run's row
     * @param p its prediction
     * @return the validated configuration, residual and measured MFU (both rounded to four decimals, as the table
     *     keeps them)
     * @throws IllegalArgumentException when the row is not the prediction's run
     */
    public static ValidatedRun validated(RunRow row, RunResult.Predicted p) {
        if (!row.runId().equals(p.runId())) {
            throw new IllegalArgumentException("row " + row.runId() + " is not run " + p.runId());
        }
        RunSpec s = p.spec();
        Prediction pr = p.prediction();
        OptionalDouble count = row.number("device_count");
        long devices = count.isPresent() && count.getAsDouble() >= 1 && count.getAsDouble() == Math.rint(
                count.getAsDouble()) ? (long) count.getAsDouble() : s.config().devices();
        // without a published count, the parameters the model's FLOPs imply: model FLOPs ≈ 6·N per token
        double params = activeParams(row).orElse(pr.modelFlopsPerStep() / (6 * pr.tokensPerStep()));
        Configuration c = new Configuration(s.hardware().deviceId(), s.config().numerics(), devices, family(row),
                params, s.config().tp(), s.config().pp(), s.config().cp(), s.config().ep());
        double residual = logResidual(p);
        double mfu = pr.mfu(pr.peakFlops()) * Math.exp(residual);
        // an MFU above 1 is physically impossible: the row or its mapping is wrong; it keeps its residual but cannot
        // stand as the best measured
        return new ValidatedRun(p.runId(), p.source(), c, round4(residual), round4(mfu), credible(row) && mfu <= 1);
    }

    /**
     * Whether a run may stand as the best MFU measured on its hardware ({@link ValidatedRun#credible()}): not adapter
     * fine-tuning (the {@code framework}, {@code model} or {@code run_id} names LoRA, QLoRA or PEFT) and not flagged in
     * its {@code caveats} ("implausible", "treat with care", "treat with caution").
     *
     * @param row a row
     * @return whether it is credible as a best measured MFU
     */
    public static boolean credible(RunRow row) {
        String names = (row.text("framework") + " " + row.text("model") + " " + row.text("run_id"))
                .toLowerCase(java.util.Locale.ROOT);
        String caveats = row.text("caveats").toLowerCase(java.util.Locale.ROOT);
        return !ADAPTERS.matcher(names).find() && !FLAGGED.matcher(caveats).find();
    }

    /**
     * The validated runs of a validation.
     *
     * @param rows the rows validated, in order
     * @param results their results, one per row in the same order
     * @return the validated runs: one per predicted row, in order
     */
    public static List<ValidatedRun> validated(List<RunRow> rows, List<RunResult> results) {
        if (rows.size() != results.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + results.size() + " results");
        }
        List<ValidatedRun> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (results.get(i) instanceof RunResult.Predicted p) {
                out.add(validated(rows.get(i), p));
            }
        }
        return out;
    }

    /**
     * Builds the residuals table from a validation: the P10 and P90 of each regime's log residuals.
     *
     * @param rows the rows validated, in order
     * @param report their validation
     * @param provenance where the rows came from
     * @return the residuals table ({@link Intervals#MIN_ROWS} runs per regime before its own residuals are used)
     */
    public static Intervals table(List<RunRow> rows, RunsReport report, Intervals.Provenance provenance) {
        return Intervals.build(validated(rows, report.results()), Intervals.MIN_ROWS, provenance);
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
