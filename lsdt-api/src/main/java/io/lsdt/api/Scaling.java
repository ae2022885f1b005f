package io.lsdt.api;

import io.lsdt.physics.limits.SizeLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A scaling sweep of one brief ({@link Lsdt#scaling(PlanRequest, List)}): at each device count, the best design
 * LSDT's search finds there, resolved through the graph with its macro section like a plan's designs — so each
 * point's step time ({@code design.t_step}), MFU ({@code design.mfu}, {@code training.mfu}), time to train
 * ({@code training.wallclock}) and cost ({@code econ.run.total_cost}) are the same graph values a plan on that many
 * devices prints.
 *
 * @param center the device count the sweep is centred on (the brief's, or the plan's chosen design's)
 * @param points one point per device count, fewest devices first
 */
public record Scaling(long center, List<Point> points) {
    /** The factors of the centre count a default sweep probes: a quarter, a half, the count, twice, four times. */
    public static final List<Double> DEFAULT_FACTORS = List.of(0.25, 0.5, 1.0, 2.0, 4.0);

    /** Copies the list. */
    public Scaling {
        points = List.copyOf(points);
    }

    /**
     * One device count of a sweep.
     *
     * @param devices the device count
     * @param design the best design found there, or null when none fits
     * @param reason when none fits: the search's reason (numbers and a hint); else null
     */
    public record Point(long devices, DesignPoint design, String reason) {
        /**
         * Whether a design fits in memory at this device count.
         *
         * @return whether a design fits at this count
         */
        public boolean fits() {
            return design != null;
        }
    }

    /**
     * The sweep's points that have a design.
     *
     * @return the points where a design fits, fewest devices first
     */
    public List<Point> fitting() {
        return points.stream().filter(Point::fits).toList();
    }

    /**
     * The default device counts of a sweep around {@code center}: {@link #DEFAULT_FACTORS} of it, each rounded to
     * whole nodes (at least one node), at most {@link SizeLimits#MAX_DEVICES}, without repeats, ascending.
     *
     * @param center the device count to centre on (≥ 1)
     * @param node devices per node (≥ 1)
     * @return the counts
     * @throws IllegalArgumentException for a centre or node below 1
     */
    public static List<Long> defaultCounts(long center, int node) {
        if (center < 1 || node < 1) {
            throw new IllegalArgumentException("center and node must be ≥ 1: " + center + ", " + node);
        }
        TreeSet<Long> counts = new TreeSet<>();
        for (double f : DEFAULT_FACTORS) {
            long nodes = Math.max(1, Math.round(center * f / node));
            long g = nodes * node;
            if (g <= SizeLimits.MAX_DEVICES) {
                counts.add(g);
            }
        }
        return new ArrayList<>(counts);
    }
}
