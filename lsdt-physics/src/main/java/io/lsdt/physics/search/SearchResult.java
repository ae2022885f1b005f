package io.lsdt.physics.search;

import io.lsdt.physics.design.Prediction;
import java.util.List;

/**
 * The outcome of a design search.
 *
 * @param best the best feasible designs, best first, each with its ledger and memory
 * @param evaluated configurations evaluated
 * @param feasible configurations that fit in memory
 * @param wallSeconds wall-clock time of the search (s)
 * @param closestInfeasible when nothing fits: the design that came closest, else null
 * @param reason when nothing fits or nothing is valid: why, with numbers and a hint; else null
 */
public record SearchResult(List<Prediction> best, long evaluated, long feasible, double wallSeconds,
        Prediction closestInfeasible, String reason) {
    /** Copies the list. */
    public SearchResult {
        best = List.copyOf(best);
    }

    /**
     * The search's speed.
     *
     * @return configurations evaluated per second
     */
    public double evaluationsPerSecond() {
        return evaluated / Math.max(wallSeconds, 1e-9);
    }
}
