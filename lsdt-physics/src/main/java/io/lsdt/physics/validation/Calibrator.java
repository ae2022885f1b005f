package io.lsdt.physics.validation;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.design.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits the design model's calibration on published runs. Six constants are fitted — large-GEMM efficiency in 16-bit
 * and in FP8, the GEMM size at half efficiency, the memory-bound traffic factor, the attention efficiency and the
 * share of TP communication hidden by overlap — by Nelder–Mead (Hipparchus) minimising the mean absolute log error
 * of the predicted metric over every row that can be predicted, each row's error capped at 0.3 (about 35 %) so that
 * the few rows the model cannot capture do not dominate. The link efficiencies, the framework reserve and
 * the gradient bytes stay the assumptions they are. Deterministic: the same rows give the same constants.
 */
public final class Calibrator {
    /** Cap on one row's |ln(predicted / measured)| in the objective. */
    static final double CAP = 0.3;

    private Calibrator() {}

    /**
     * The outcome of a fit.
     *
     * @param calibration the fitted constants
     * @param start the constants the fit started from
     * @param objectiveBefore mean of min(0.3, |ln(predicted / measured)|) at the start
     * @param objectiveAfter the same after the fit
     * @param rows rows used
     * @param evaluations objective evaluations
     * @param converged false when the evaluation budget ran out before the simplex converged (the constants are then
     *     the best point evaluated)
     */
    public record Fit(Calibration calibration, Calibration start, double objectiveBefore, double objectiveAfter,
            int rows, int evaluations, boolean converged) {}

    /** The evaluation budget of {@link #fit(List, Calibration, Catalog, io.lsdt.graph.registry.Registry)}. */
    public static final int MAX_EVALUATIONS = 4000;

    /**
     * Fits the calibration constants to measured runs with the default evaluation budget.
     *
     * @param rows runs (rows that cannot be predicted are left out)
     * @param start the constants to start from
     * @param catalog the catalog
     * @param registry the graph whose design scope is fitted
     * @return the fit, within {@value #MAX_EVALUATIONS} evaluations
     */
    public static Fit fit(List<RunRow> rows, Calibration start, Catalog catalog,
            io.lsdt.graph.registry.Registry registry) {
        return fit(rows, start, catalog, registry, MAX_EVALUATIONS);
    }

    /**
     * Fits the calibration constants to measured runs: the simplex search that minimises the runs' log errors.
     *
     * @param rows runs (rows that cannot be predicted are left out)
     * @param start the constants to start from
     * @param catalog the catalog
     * @param registry the graph whose design scope is fitted
     * @param maxEvaluations the evaluation budget, ≥ 1: when it runs out before the simplex converges, the fit
     *     stops with the best point evaluated so far ({@link Fit#converged()} false)
     * @return the fit
     */
    public static Fit fit(List<RunRow> rows, Calibration start, Catalog catalog,
            io.lsdt.graph.registry.Registry registry, int maxEvaluations) {
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations " + maxEvaluations + " < 1");
        }
        List<RunSpec> specs = new ArrayList<>();
        // rows that leave their layout or micro-batch unstated take the design the starting constants find
        AnalyticalStepModel searchModel = new AnalyticalStepModel(registry, start);
        for (RunRow row : rows) {
            RunMapper.Mapping m = RunMapper.map(row, catalog, searchModel);
            if (!m.skipped()) {
                specs.add(m.spec());
            }
        }
        double[] x0 = encode(start);
        double before = objective(registry, specs, start);
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-7, 1e-9);
        int[] evaluations = {0};
        // the best point evaluated, for a budget that runs out before convergence
        double[][] seen = {x0.clone()};
        double[] seenValue = {Double.POSITIVE_INFINITY};
        double[] point;
        boolean converged = true;
        try {
            PointValuePair best = optimizer.optimize(new MaxEval(maxEvaluations),
                    new ObjectiveFunction(x -> {
                        evaluations[0]++;
                        double v = objective(registry, specs, decode(x, start));
                        if (v < seenValue[0]) {
                            seenValue[0] = v;
                            seen[0] = x.clone();
                        }
                        return v;
                    }), GoalType.MINIMIZE, new InitialGuess(x0),
                    new NelderMeadSimplex(new double[] {0.05, 0.05, 0.3, 0.3, 0.1, 0.1}));
            point = best.getPoint();
        } catch (MathIllegalStateException e) {
            if (e.getSpecifier() != LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                throw e;
            }
            point = seen[0];
            converged = false;
        }
        Calibration fitted = decode(point, start);
        return new Fit(fitted, start, before, objective(registry, specs, fitted), specs.size(), evaluations[0],
                converged);
    }

    /**
     * The calibration's objective: the mean absolute log error of the runs' predictions.
     *
     * @param registry the graph
     * @param specs predictable runs
     * @param c constants
     * @return mean |ln(predicted / measured)| (∞ if any prediction fails)
     */
    static double objective(io.lsdt.graph.registry.Registry registry, List<RunSpec> specs, Calibration c) {
        AnalyticalStepModel model = new AnalyticalStepModel(registry, c);
        double sum = 0;
        for (RunSpec s : specs) {
            Prediction p = model.predict(s.arch(), s.hardware(), s.config());
            double predicted = s.measurement().predicted(p);
            if (!(predicted > 0) || Double.isInfinite(predicted)) {
                return Double.POSITIVE_INFINITY;
            }
            // robust: a row the model cannot capture (|ln| > 0.3, about 35 %) counts as 0.3, so a few structural
            // misses cannot pull the shared constants away from the rows the model does capture
            sum += Math.min(CAP, Math.abs(Math.log(predicted / s.measurement().value())));
        }
        return sum / specs.size();
    }

    private static double[] encode(Calibration c) {
        return new double[] {c.effGemmMax(), c.effGemmMaxFp8(), Math.log10(c.gemmHalf()), c.kMem(), c.effAttn(),
            c.tpHidden()};
    }

    private static Calibration decode(double[] x, Calibration start) {
        return new Calibration(clamp(x[0], 0.05, 1), Math.pow(10, clamp(x[2], 0, 5)), clamp(x[3], 0, 6),
                clamp(x[5], 0, 1), start.reserve(), clamp(x[4], 0.05, 1), start.effLinkUp(),
                start.effLinkOut(), clamp(x[1], 0.05, 1));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
