package io.lsdt.physics.uncertainty;

import java.util.List;

/**
 * How many measured values fell inside their intervals.
 *
 * @param inside runs whose measured value lies inside the interval (bounds included)
 * @param total runs counted
 */
public record Coverage(int inside, int total) {
    /** Checks the counts. */
    public Coverage {
        if (inside < 0 || total < inside) {
            throw new IllegalArgumentException(inside + " inside of " + total);
        }
    }

    /**
     * Counts the runs whose residuals fall inside their regime's interval.
     *
     * @param runs runs with their residuals
     * @param table the residuals table whose intervals they are checked against
     * @return how many runs' residuals lie inside the P10–P90 interval of their regime in {@code table}
     */
    public static Coverage of(List<ValidatedRun> runs, Intervals table) {
        int in = 0;
        for (ValidatedRun r : runs) {
            if (table.interval(r.regime()).contains(r.logResidual())) {
                in++;
            }
        }
        return new Coverage(in, runs.size());
    }

    /**
     * Adds the counts of another coverage.
     *
     * @param other more counts
     * @return the sum
     */
    public Coverage plus(Coverage other) {
        return new Coverage(inside + other.inside, total + other.total);
    }

    /**
     * The coverage as a share, to compare with the nominal 80 % of a P10–P90 interval.
     *
     * @return inside / total, NaN when nothing was counted
     */
    public double share() {
        return total == 0 ? Double.NaN : (double) inside / total;
    }
}
