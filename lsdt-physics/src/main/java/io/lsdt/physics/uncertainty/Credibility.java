package io.lsdt.physics.uncertainty;

import io.lsdt.graph.registry.Registry;
import java.util.List;
import java.util.Objects;

/**
 * How far to trust one prediction: its regime's P10–P90 interval, widened by its distance from the nearest
 * validated configuration ({@link UncertaintyScope}), the validated runs nearest to it, and the best MFU measured on
 * its device at its scale.
 *
 * @param configuration the prediction's configuration
 * @param interval the regime's interval (before widening)
 * @param distance the distance from the nearest validated run, ≥ 0
 * @param logLow the widened lower bound of ln(actual rate / predicted rate)
 * @param logHigh the widened upper bound of the same
 * @param nearest the nearest validated runs, nearest first
 * @param best the best MFU measured on the device at the precision class (its scale band or the nearest one), or
 *     null when the development set has none
 */
public record Credibility(Configuration configuration, Interval interval, double distance, double logLow,
        double logHigh, List<NearestRun> nearest, BestMeasured best) {
    /** How many nearest runs are kept. */
    public static final int NEAREST = 3;

    /** Copies the list. */
    public Credibility {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(interval, "interval");
        nearest = List.copyOf(nearest);
    }

    /**
     * The credibility of one prediction: its regime's interval, widened by the configuration's distance from the runs.
     *
     * @param registry the graph (with the {@code uncertainty} scope)
     * @param table the residuals table
     * @param c the prediction's configuration
     * @return its credibility
     */
    public static Credibility of(Registry registry, Intervals table, Configuration c) {
        Interval i = table.interval(c.regime());
        List<NearestRun> near = table.nearest(c, NEAREST);
        double d = near.isEmpty() ? 0 : near.get(0).distance();
        double[] b = UncertaintyScope.logBounds(registry, i, d);
        return new Credibility(c, i, d, b[0], b[1], near, table.bestMeasured(c.device(), c.numerics(), c.devices()));
    }

    /**
     * Whether a run's residual is within this interval.
     *
     * @param logResidual ln(measured rate / predicted rate) of a run
     * @return whether it lies inside the widened interval (bounds included)
     */
    public boolean contains(double logResidual) {
        return logResidual >= logLow && logResidual <= logHigh;
    }

    /**
     * The low bound of a predicted rate.
     *
     * @param predicted a predicted rate (throughput, MFU; any unit)
     * @return its widened P10
     */
    public double rateLow(double predicted) {
        return predicted * Math.exp(logLow);
    }

    /**
     * The high bound of a predicted rate.
     *
     * @param predicted a predicted rate
     * @return its widened P90
     */
    public double rateHigh(double predicted) {
        return predicted * Math.exp(logHigh);
    }

    /**
     * The low bound of a predicted time: a time is the inverse of a rate, so its P10 comes from the rate's P90.
     *
     * @param predicted a predicted time (step, time to train; any unit)
     * @return its widened P10 (the shorter bound)
     */
    public double timeLow(double predicted) {
        return predicted * Math.exp(-logHigh);
    }

    /**
     * The high bound of a predicted time, from the rate's P10.
     *
     * @param predicted a predicted time
     * @return its widened P90 (the longer bound)
     */
    public double timeHigh(double predicted) {
        return predicted * Math.exp(-logLow);
    }
}
