package io.lsdt.graph.unit;

import java.util.Arrays;

/**
 * An immutable dimension: an integer exponent for each {@link BaseDimension}. Two quantities can be added or compared
 * only when their dimensions are equal.
 */
public final class Dimension {
    private static final BaseDimension[] BASES = BaseDimension.values();

    /** The dimension of pure numbers and counts (devices, steps, ratios). */
    public static final Dimension NONE = new Dimension(new int[BASES.length]);

    private final int[] exponents;

    private Dimension(int[] exponents) {
        this.exponents = exponents;
    }

    /**
     * The dimension of one base dimension, e.g. time for seconds.
     *
     * @param base a base dimension
     * @return the dimension of that base to the power one
     */
    public static Dimension of(BaseDimension base) {
        int[] e = new int[BASES.length];
        e[base.ordinal()] = 1;
        return new Dimension(e);
    }

    /**
     * The power of one base dimension in this one, e.g. -1 for time in a rate.
     *
     * @param base a base dimension
     * @return its exponent in this dimension
     */
    public int exponent(BaseDimension base) {
        return exponents[base.ordinal()];
    }

    /**
     * Whether this dimension is that of pure numbers (every exponent zero).
     *
     * @return true for the dimension of pure numbers
     */
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * The product of two dimensions: exponents add.
     *
     * @param other another dimension
     * @return the dimension of a product
     */
    public Dimension multiply(Dimension other) {
        int[] e = new int[BASES.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = exponents[i] + other.exponents[i];
        }
        return new Dimension(e);
    }

    /**
     * The quotient of two dimensions: exponents subtract.
     *
     * @param other another dimension
     * @return the dimension of a quotient
     */
    public Dimension divide(Dimension other) {
        int[] e = new int[BASES.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = exponents[i] - other.exponents[i];
        }
        return new Dimension(e);
    }

    /**
     * This dimension to an integer power: exponents multiply.
     *
     * @param power an integer power
     * @return this dimension raised to {@code power}
     */
    public Dimension pow(int power) {
        int[] e = new int[BASES.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = exponents[i] * power;
        }
        return new Dimension(e);
    }

    /**
     * An integer root of this dimension: exponents divide.
     *
     * @param root an integer root, e.g. 2 for a square root
     * @return the root, or null when some exponent is not divisible by {@code root}
     */
    public Dimension root(int root) {
        int[] e = new int[BASES.length];
        for (int i = 0; i < e.length; i++) {
            if (exponents[i] % root != 0) {
                return null;
            }
            e[i] = exponents[i] / root;
        }
        return new Dimension(e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dimension d && Arrays.equals(exponents, d.exponents);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(exponents);
    }

    /**
     * Formats the dimension in base units, numerator first, e.g. {@code "B/s"}, {@code "FLOP/(param·token)"} or
     * {@code "1"} for a pure number.
     */
    @Override
    public String toString() {
        StringBuilder num = new StringBuilder();
        StringBuilder den = new StringBuilder();
        int denCount = 0;
        for (BaseDimension b : BASES) {
            int e = exponents[b.ordinal()];
            if (e > 0) {
                append(num, b.baseSymbol(), e);
            } else if (e < 0) {
                append(den, b.baseSymbol(), -e);
                denCount++;
            }
        }
        if (num.isEmpty() && den.isEmpty()) {
            return "1";
        }
        String n = num.isEmpty() ? "1" : num.toString();
        if (den.isEmpty()) {
            return n;
        }
        return n + "/" + (denCount > 1 ? "(" + den + ")" : den.toString());
    }

    private static void append(StringBuilder sb, String symbol, int e) {
        if (!sb.isEmpty()) {
            sb.append('·');
        }
        sb.append(symbol);
        if (e != 1) {
            sb.append('^').append(e);
        }
    }
}
