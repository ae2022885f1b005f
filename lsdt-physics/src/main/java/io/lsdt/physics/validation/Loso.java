package io.lsdt.physics.validation;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.registry.Registry;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.design.StepModel;
import io.lsdt.physics.uncertainty.Coverage;
import io.lsdt.physics.uncertainty.Credibility;
import io.lsdt.physics.uncertainty.Interval;
import io.lsdt.physics.uncertainty.Intervals;
import io.lsdt.physics.uncertainty.Regime;
import io.lsdt.physics.uncertainty.ValidatedRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Leave-one-source-out: the honest error of the step model on a source it was not fitted on, and the honest coverage
 * of its intervals.
 *
 * <p>The rows are those the shipped step model predicts. For each source (the {@code source_title} column) with such
 * rows, the calibration is fitted without that source's rows ({@link Calibrator#fit}, from {@code start}), and every
 * row is predicted with the fitted constants. The other sources' rows give the fold's residuals table (the same
 * regimes, pooling and quantiles as the shipped one); the source's own rows are held out: their |error| is the
 * out-of-sample figure, and each counts as covered when its log residual lies inside the P10–P90 interval of its
 * regime in that table — and, separately, inside that interval widened by its distance from the other sources'
 * runs ({@link Credibility}).
 *
 * <p>Beside it, two in-sample figures on the same rows: the shipped model's, and a fit on every source (the same
 * start and budget). The folds are independent and run on {@code threads} threads; the result does not depend on
 * the thread count.
 */
public final class Loso {
    private Loso() {}

    /** Told how far the fits have got. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Reports progress.
         *
         * @param done fits done
         * @param total fits in all
         */
        void fitsDone(int done, int total);
    }

    /**
     * A held-out run.
     *
     * @param run the run as the fold's model predicted it (its residual is out of sample)
     * @param shippedError |error| of the shipped model (%)
     * @param inSampleError |error| of the fit on every source (%)
     * @param losoError |error| of the fit without the run's source (%)
     * @param interval the P10–P90 interval of its regime from the other sources' residuals
     * @param credibility that interval widened by the run's distance from the other sources' runs
     */
    public record HeldOut(ValidatedRun run, double shippedError, double inSampleError, double losoError,
            Interval interval, Credibility credibility) {
        /**
         * Whether the held-out run's measurement is inside its interval.
         *
         * @return whether the measured value lies inside the P10–P90 interval
         */
        public boolean inside() {
            return interval.contains(run.logResidual());
        }

        /**
         * Whether the held-out run's measurement is inside its interval widened by distance.
         *
         * @return whether it lies inside the widened interval
         */
        public boolean insideWidened() {
            return credibility.contains(run.logResidual());
        }
    }

    /**
     * One source held out.
     *
     * @param source the source title
     * @param fit the fit without it
     * @param heldOut its runs, in file order
     * @param unpredicted its runs the fold's model could not predict (not counted)
     */
    public record Fold(String source, Calibrator.Fit fit, List<HeldOut> heldOut, int unpredicted) {
        /** Copies the list. */
        public Fold {
            heldOut = List.copyOf(heldOut);
        }
    }

    /**
     * The statistics of a group of held-out runs.
     *
     * @param runs runs in the group
     * @param shippedMedian median |error| of the shipped model (%)
     * @param inSampleMedian median |error| of the fit on every source (%)
     * @param losoMedian median |error| out of sample (%)
     * @param coverage runs inside their P10–P90 interval
     * @param widenedCoverage runs inside the widened interval
     */
    public record Summary(int runs, double shippedMedian, double inSampleMedian, double losoMedian,
            Coverage coverage, Coverage widenedCoverage) {
        /**
         * The statistics of held-out runs.
         *
         * @param hs held-out runs
         * @return their statistics
         */
        static Summary of(List<HeldOut> hs) {
            List<Double> shipped = new ArrayList<>();
            List<Double> in = new ArrayList<>();
            List<Double> out = new ArrayList<>();
            int inside = 0;
            int widened = 0;
            for (HeldOut h : hs) {
                shipped.add(h.shippedError());
                if (Double.isFinite(h.inSampleError())) {
                    in.add(h.inSampleError());
                }
                out.add(h.losoError());
                inside += h.inside() ? 1 : 0;
                widened += h.insideWidened() ? 1 : 0;
            }
            return new Summary(hs.size(), ErrorStats.of(hs.size(), shipped).median(),
                    ErrorStats.of(hs.size(), in).median(), ErrorStats.of(hs.size(), out).median(),
                    new Coverage(inside, hs.size()), new Coverage(widened, hs.size()));
        }
    }

    /**
     * The outcome.
     *
     * @param rows rows read
     * @param predicted rows the shipped model predicts (the rows of the study)
     * @param full the fit on every source
     * @param folds one per source with predicted rows, in order of first appearance
     * @param maxEvaluations the evaluation budget of each fit
     */
    public record Report(int rows, int predicted, Calibrator.Fit full, List<Fold> folds, int maxEvaluations) {
        /** Copies the list. */
        public Report {
            folds = List.copyOf(folds);
        }

        /**
         * The held-out runs.
         *
         * @return every held-out run, by fold
         */
        public List<HeldOut> heldOut() {
            return folds.stream().flatMap(f -> f.heldOut().stream()).toList();
        }

        /**
         * The statistics over all folds.
         *
         * @return the statistics over every held-out run
         */
        public Summary summary() {
            return Summary.of(heldOut());
        }

        /**
         * The statistics of each source's fold.
         *
         * @return the statistics per source, in fold order
         */
        public Map<String, Summary> bySource() {
            Map<String, Summary> out = new LinkedHashMap<>();
            for (Fold f : folds) {
                out.put(f.source(), Summary.of(f.heldOut()));
            }
            return out;
        }

        /**
         * The statistics of each regime.
         *
         * @return the statistics per regime of the held-out runs, in the regimes' order (family, scale, size)
         */
        public Map<Regime, Summary> byRegime() {
            Map<Regime, List<HeldOut>> groups = new java.util.TreeMap<>(java.util.Comparator
                    .comparing(Regime::family).thenComparing(Regime::scale).thenComparing(Regime::size));
            for (HeldOut h : heldOut()) {
                groups.computeIfAbsent(h.run().regime(), k -> new ArrayList<>()).add(h);
            }
            Map<Regime, Summary> out = new LinkedHashMap<>();
            groups.forEach((k, v) -> out.put(k, Summary.of(v)));
            return out;
        }
    }

    /**
     * Runs leave-one-source-out validation: refits the calibration without each source's runs and predicts them.
     *
     * @param rows runs (several files' rows together; run ids unique)
     * @param catalog the catalog
     * @param registry the graph (design and uncertainty scopes)
     * @param shipped the shipped step model (which rows are predicted; the shipped errors)
     * @param start the constants every fit starts from
     * @param maxEvaluations the evaluation budget of each fit ({@link Calibrator#fit(List, Calibration, Catalog,
     *     Registry, int)})
     * @param threads threads, ≥ 1
     * @param progress told the fits done and the fits in all (1 + one per source with predicted rows) after each
     *     fit, from any thread
     * @return the report
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the shipped model predicts rows of fewer than two
     *     sources
     */
    public static Report run(List<RunRow> rows, Catalog catalog, Registry registry, StepModel shipped,
            Calibration start, int maxEvaluations, int threads, Progress progress) {
        List<RunRow> used = new ArrayList<>();
        Map<String, Double> shippedError = new LinkedHashMap<>();
        for (RunRow row : rows) {
            if (RunValidation.one(row, shipped, catalog) instanceof RunResult.Predicted p) {
                used.add(row);
                shippedError.put(row.runId(), p.absPctError());
            }
        }
        List<String> sources = new ArrayList<>(new LinkedHashSet<>(used.stream().map(RunRow::source).toList()));
        if (sources.size() < 2) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--loso", sources.size() + " source(s) with predicted rows",
                    "rows of at least two sources (each is held out while the others are fitted)");
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, sources.size() + 1)),
                r -> {
                    Thread t = new Thread(r, "lsdt-loso");
                    t.setDaemon(true);
                    return t;
                });
        try {
            Future<Calibrator.Fit> full = pool.submit(() -> {
                Calibrator.Fit f = Calibrator.fit(used, start, catalog, registry, maxEvaluations);
                progress.fitsDone(done.incrementAndGet(), sources.size() + 1);
                return f;
            });
            List<Future<Calibrator.Fit>> fits = new ArrayList<>();
            for (String s : sources) {
                List<RunRow> others = used.stream().filter(r -> !r.source().equals(s)).toList();
                fits.add(pool.submit(() -> {
                    Calibrator.Fit f = Calibrator.fit(others, start, catalog, registry, maxEvaluations);
                    progress.fitsDone(done.incrementAndGet(), sources.size() + 1);
                    return f;
                }));
            }
            Calibrator.Fit all = get(full);
            Map<String, Double> inSampleError = errors(used, new AnalyticalStepModel(registry, all.calibration()),
                    catalog);
            List<Fold> folds = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                folds.add(fold(sources.get(i), get(fits.get(i)), used, catalog, registry, shippedError,
                        inSampleError));
            }
            return new Report(rows.size(), used.size(), all, folds, maxEvaluations);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Fold fold(String source, Calibrator.Fit fit, List<RunRow> used, Catalog catalog, Registry registry,
            Map<String, Double> shippedError, Map<String, Double> inSampleError) {
        AnalyticalStepModel model = new AnalyticalStepModel(registry, fit.calibration());
        List<ValidatedRun> others = new ArrayList<>();
        List<RunRow> heldRows = new ArrayList<>();
        List<RunResult.Predicted> heldResults = new ArrayList<>();
        int unpredicted = 0;
        for (RunRow row : used) {
            RunResult r = RunValidation.one(row, model, catalog);
            boolean held = row.source().equals(source);
            if (r instanceof RunResult.Predicted p) {
                if (held) {
                    heldRows.add(row);
                    heldResults.add(p);
                } else {
                    others.add(Residuals.validated(row, p));
                }
            } else if (held) {
                unpredicted++;
            }
        }
        Intervals table = Intervals.build(others, Intervals.MIN_ROWS, new Intervals.Provenance("(fold)",
                "leave-one-source-out without " + source, model.getClass().getName(), List.of()));
        List<HeldOut> heldOut = new ArrayList<>();
        for (int i = 0; i < heldRows.size(); i++) {
            RunResult.Predicted p = heldResults.get(i);
            ValidatedRun v = Residuals.validated(heldRows.get(i), p);
            heldOut.add(new HeldOut(v, shippedError.get(p.runId()), inSampleError.getOrDefault(p.runId(), Double.NaN),
                    p.absPctError(), table.interval(v.regime()), Credibility.of(registry, table, v.configuration())));
        }
        return new Fold(source, fit, heldOut, unpredicted);
    }

    private static Map<String, Double> errors(List<RunRow> rows, StepModel model, Catalog catalog) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunRow row : rows) {
            if (RunValidation.one(row, model, catalog) instanceof RunResult.Predicted p) {
                out.put(row.runId(), p.absPctError());
            }
        }
        return out;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LsdtException.wrap(e, Problem.INTERNAL, "leave-one-source-out interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw LsdtException.wrap(e.getCause(), Problem.INTERNAL, "leave-one-source-out: " + e.getCause());
        }
    }
}
