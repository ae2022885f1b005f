package io.lsdt.physics.sensitivity;

/**
 * One input of a sensitivity analysis, varied uniformly over {@code [low, high]}: a point {@code u} of the unit
 * interval maps to {@code low + u (high − low)}.
 *
 * @param name the input's name (for a plan, a graph variable)
 * @param low the lower bound
 * @param high the upper bound, ≥ low
 */
public record Factor(String name, double low, double high) {
    /** Checks the bounds. */
    public Factor {
        java.util.Objects.requireNonNull(name, "name");
        if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
            throw new IllegalArgumentException("factor " + name + ": bounds " + low + " … " + high
                    + " are not finite with low ≤ high");
        }
    }

    /**
     * The width of the factor's range.
     *
     * @return high − low
     */
    public double range() {
        return high - low;
    }

    /**
     * Maps a point of the unit interval onto the factor's range.
     *
     * @param u a point of [0, 1]
     * @return {@code low + u (high − low)}
     */
    public double at(double u) {
        return low + u * (high - low);
    }
}
