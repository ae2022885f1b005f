package io.lsdt.graph.model;

/**
 * The values a variable may take, in base units. Checked on assignments and on resolved values.
 *
 * @param lower lower bound ({@code -∞} for none)
 * @param lowerInclusive whether the lower bound itself is allowed
 * @param upper upper bound ({@code +∞} for none)
 * @param upperInclusive whether the upper bound itself is allowed
 */
public record Range(double lower, boolean lowerInclusive, double upper, boolean upperInclusive) {
    /** Any finite value. */
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    /** Strictly positive: (0, ∞). */
    public static final Range POSITIVE = new Range(0, false, Double.POSITIVE_INFINITY, false);
    /** Zero or more: [0, ∞). */
    public static final Range NON_NEGATIVE = new Range(0, true, Double.POSITIVE_INFINITY, false);
    /** A fraction that is not zero: (0, 1]. */
    public static final Range FRACTION = new Range(0, false, 1, true);
    /** A fraction: [0, 1]. */
    public static final Range UNIT_INTERVAL = new Range(0, true, 1, true);
    /** A multiplier of at least one: [1, ∞). */
    public static final Range AT_LEAST_ONE = new Range(1, true, Double.POSITIVE_INFINITY, false);

    /**
     * Whether a value is in the range.
     *
     * @param v a value in base units
     * @return true when {@code v} is finite and inside the range
     */
    public boolean contains(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return false;
        }
        boolean lo = lowerInclusive ? v >= lower : v > lower;
        boolean hi = upperInclusive ? v <= upper : v < upper;
        return lo && hi;
    }

    /**
     * The range as text for messages.
     *
     * @return the range in interval notation, e.g. {@code "(0, 1]"} or {@code "> 0"}
     */
    public String describe() {
        boolean noLower = lower == Double.NEGATIVE_INFINITY;
        boolean noUpper = upper == Double.POSITIVE_INFINITY;
        if (noLower && noUpper) {
            return "a finite number";
        }
        if (noUpper) {
            return "a finite number " + (lowerInclusive ? "≥ " : "> ") + num(lower);
        }
        if (noLower) {
            return "a number " + (upperInclusive ? "≤ " : "< ") + num(upper);
        }
        return "a number in " + (lowerInclusive ? "[" : "(") + num(lower) + ", " + num(upper)
                + (upperInclusive ? "]" : ")");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
