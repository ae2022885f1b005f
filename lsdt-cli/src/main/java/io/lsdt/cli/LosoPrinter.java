package io.lsdt.cli;

import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.design.StepModel;
import io.lsdt.physics.uncertainty.Coverage;
import io.lsdt.physics.uncertainty.Regime;
import io.lsdt.physics.validation.Loso;
import io.lsdt.physics.validation.RunRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** {@code lsdt validate --loso}: runs the study with a progress bar, prints it for people and as JSON. */
final class LosoPrinter {
    private LosoPrinter() {}

    /**
     * Runs leave-one-source-out validation, with a progress bar on a terminal.
     *
     * @param rows the runs
     * @param shipped the shipped step model
     * @param budget evaluations per fit
     * @param threads threads
     * @param interactive whether to show a progress bar (a terminal, not --json)
     * @return the report
     */
    static Loso.Report run(List<RunRow> rows, StepModel shipped, int budget, int threads, boolean interactive) {
        if (!interactive) {
            return Loso.run(rows, Catalog.builtIn(), Physics.registry(), shipped, Calibration.FIRST_PRINCIPLES, budget,
                    threads, (done, total) -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("leave-one-source-out fits")
                .setStyle(ProgressBarStyle.ASCII).setInitialMax(-1).continuousUpdate()
                .setUpdateIntervalMillis(500).build()) {
            return Loso.run(rows, Catalog.builtIn(), Physics.registry(), shipped, Calibration.FIRST_PRINCIPLES,
                    budget, threads, (done, total) -> {
                        synchronized (bar) {
                            bar.maxHint(total);
                            bar.stepTo(done);
                        }
                    });
        }
    }

    static String text(Loso.Report r, int threads) {
        StringBuilder sb = new StringBuilder();
        long unconverged = r.folds().stream().filter(f -> !f.fit().converged()).count()
                + (r.full().converged() ? 0 : 1);
        sb.append(String.format(Locale.ROOT, "Leave-one-source-out on the %d runs the shipped model predicts (of %d "
                + "rows), %d sources: each source's runs predicted by a fit without them (Nelder-Mead from the "
                + "first-principles constants, at most %d evaluations per fit; %d fits on %d threads%s).%n",
                r.predicted(), r.rows(), r.folds().size(), r.maxEvaluations(), r.folds().size() + 1, threads,
                unconverged == 0 ? "" : "; " + unconverged + " ran out of evaluations"));
        sb.append("\nmedian |error| per source (%): shipped = the shipped calibration (lsdt validate), in-sample = one "
                + "fit on every source, LOSO = the fit without the source\n");
        TextTable t = table("source");
        for (Map.Entry<String, Loso.Summary> e : r.bySource().entrySet()) {
            row(t, e.getValue(), e.getKey());
        }
        Loso.Summary all = r.summary();
        row(t, all, "all");
        sb.append(t.render("  "));
        sb.append("\nmedian |error| per regime of the held-out runs (%)\n");
        TextTable g = table("regime");
        for (Map.Entry<Regime, Loso.Summary> e : r.byRegime().entrySet()) {
            row(g, e.getValue(), e.getKey().key());
        }
        row(g, all, "all");
        sb.append(g.render("  "));
        sb.append(String.format(Locale.ROOT, "%ncoverage out of sample: %s of the held-out runs lie inside the P10-P90 "
                + "interval of their regime computed from the other sources' residuals (target 75-85 %%); inside that "
                + "interval widened by their distance from the other sources' runs: %s.%n", share(all.coverage()),
                share(all.widenedCoverage())));
        return sb.toString();
    }

    private static TextTable table(String what) {
        return new TextTable(new String[] {"runs", "shipped", "in-sample", "LOSO", "in P10-P90", "widened", what},
                true, true, true, true, true, true, false);
    }

    private static void row(TextTable t, Loso.Summary s, String name) {
        t.row(String.valueOf(s.runs()), one(s.shippedMedian()), one(s.inSampleMedian()), one(s.losoMedian()),
                s.coverage().inside() + "/" + s.coverage().total(),
                s.widenedCoverage().inside() + "/" + s.widenedCoverage().total(), name);
    }

    private static String share(Coverage c) {
        return c.inside() + " of " + c.total() + (c.total() == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)",
                c.share() * 100));
    }

    private static String one(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "—";
    }

    static Map<String, Object> json(Loso.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", r.rows());
        m.put("predicted", r.predicted());
        m.put("max_evaluations", r.maxEvaluations());
        m.put("summary", summary(r.summary()));
        Map<String, Object> bySource = new LinkedHashMap<>();
        r.bySource().forEach((k, v) -> bySource.put(k, summary(v)));
        m.put("by_source", bySource);
        Map<String, Object> byRegime = new LinkedHashMap<>();
        r.byRegime().forEach((k, v) -> byRegime.put(k.key(), summary(v)));
        m.put("by_regime", byRegime);
        List<Map<String, Object>> fits = new ArrayList<>();
        fits.add(fit("(every source)", r.full()));
        for (Loso.Fold f : r.folds()) {
            Map<String, Object> e = fit(f.source(), f.fit());
            e.put("unpredicted", f.unpredicted());
            fits.add(e);
        }
        m.put("fits", fits);
        List<Map<String, Object>> held = new ArrayList<>();
        for (Loso.HeldOut h : r.heldOut()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("run_id", h.run().runId());
            e.put("source", h.run().source());
            e.put("regime", h.run().regime().key());
            e.put("shipped_abs_pct_error", h.shippedError());
            e.put("in_sample_abs_pct_error", Double.isFinite(h.inSampleError()) ? h.inSampleError() : null);
            e.put("loso_abs_pct_error", h.losoError());
            e.put("log_residual", h.run().logResidual());
            e.put("log_p10", h.interval().p10());
            e.put("log_p90", h.interval().p90());
            e.put("uses", h.interval().used());
            e.put("inside", h.inside());
            e.put("distance", h.credibility().distance());
            e.put("widened_log_low", h.credibility().logLow());
            e.put("widened_log_high", h.credibility().logHigh());
            e.put("inside_widened", h.insideWidened());
            held.add(e);
        }
        m.put("held_out", held);
        return m;
    }

    private static Map<String, Object> fit(String without, io.lsdt.physics.validation.Calibrator.Fit f) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("without", without);
        e.put("rows", f.rows());
        e.put("evaluations", f.evaluations());
        e.put("converged", f.converged());
        e.put("objective_after", f.objectiveAfter());
        e.put("calibration", f.calibration());
        return e;
    }

    private static Map<String, Object> summary(Loso.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", s.runs());
        m.put("shipped_median_abs_pct_error", number(s.shippedMedian()));
        m.put("in_sample_median_abs_pct_error", number(s.inSampleMedian()));
        m.put("loso_median_abs_pct_error", number(s.losoMedian()));
        m.put("inside", s.coverage().inside());
        m.put("coverage", number(s.coverage().share()));
        m.put("inside_widened", s.widenedCoverage().inside());
        m.put("coverage_widened", number(s.widenedCoverage().share()));
        return m;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
