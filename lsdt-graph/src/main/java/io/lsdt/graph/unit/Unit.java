package io.lsdt.graph.unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable unit of measurement: a symbol as written (e.g. {@code "GiB"}, {@code "TFLOP/s"}), a scale factor to the
 * SI-like base units of its {@link Dimension}, and the terms it was built from (so a formatter can change a prefix).
 *
 * <p>A value {@code v} expressed in this unit is {@code v * scale()} in base units. Create units with
 * {@link Units#parse(String)}; for example {@code Units.parse("GB").scale() == 1e9} and
 * {@code Units.parse("GiB").scale() == 1073741824}.
 */
public final class Unit {
    /** The unit of pure numbers, written {@code "1"}. */
    public static final Unit ONE = new Unit("1", 1.0, Dimension.NONE, List.of());

    /**
     * One factor of a unit: an optional prefix on an atomic unit, raised to an integer power.
     *
     * @param prefix the prefix symbol ({@code ""} for none), e.g. {@code "G"} or {@code "Gi"}
     * @param atom the atomic unit symbol, e.g. {@code "B"}
     * @param exponent the power, e.g. -1 for a denominator
     */
    public record Term(String prefix, String atom, int exponent) {
        /**
         * The term's unit symbol, prefix included.
         *
         * @return the term as written, e.g. {@code "GB"} (without exponent)
         */
        public String symbol() {
            return prefix + atom;
        }
    }

    private final String symbol;
    private final double scale;
    private final Dimension dimension;
    private final List<Term> terms;

    /**
     * A unit (made by {@link Units}' parser and by the unit arithmetic).
     *
     * @param symbol the symbol as written
     * @param scale the factor to base units
     * @param dimension what it measures
     * @param terms its factors, in the order written
     */
    Unit(String symbol, double scale, Dimension dimension, List<Term> terms) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.scale = scale;
        this.dimension = Objects.requireNonNull(dimension, "dimension");
        this.terms = List.copyOf(terms);
    }

    /**
     * The unit's symbol.
     *
     * @return the symbol as it is written, e.g. {@code "TB/s"}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * The unit's scale to base units.
     *
     * @return the factor that turns a value in this unit into base units (e.g. 1e12 for {@code TB/s})
     */
    public double scale() {
        return scale;
    }

    /**
     * What the unit measures.
     *
     * @return the dimension
     */
    public Dimension dimension() {
        return dimension;
    }

    /**
     * The unit's factors (prefixed atomic units with exponents).
     *
     * @return the factors, numerator and denominator, in the order written
     */
    public List<Term> terms() {
        return terms;
    }

    /**
     * Converts a value in this unit to base units.
     *
     * @param value a value in this unit
     * @return the value in base units
     */
    public double toSi(double value) {
        return value * scale;
    }

    /**
     * Converts a value in base units to this unit.
     *
     * @param si a value in base units
     * @return the value in this unit
     */
    public double fromSi(double si) {
        return si / scale;
    }

    /**
     * Whether values convert between this unit and another.
     *
     * @param other another unit
     * @return true when both measure the same dimension, so that values convert between them
     */
    public boolean isCompatible(Unit other) {
        return dimension.equals(other.dimension);
    }

    /**
     * The product of two units.
     *
     * @param other another unit
     * @return the product unit
     */
    public Unit multiply(Unit other) {
        List<Term> t = new ArrayList<>(terms);
        t.addAll(other.terms);
        return new Unit(join(symbol, "·", other.symbol), scale * other.scale, dimension.multiply(other.dimension), t);
    }

    /**
     * The quotient of two units.
     *
     * @param other another unit
     * @return the quotient unit
     */
    public Unit divide(Unit other) {
        List<Term> t = new ArrayList<>(terms);
        for (Term term : other.terms) {
            t.add(new Term(term.prefix(), term.atom(), -term.exponent()));
        }
        String den = other.terms.size() > 1 ? "(" + other.symbol + ")" : other.symbol;
        return new Unit(
                symbol.equals("1") ? "1/" + den : symbol + "/" + den,
                scale / other.scale,
                dimension.divide(other.dimension),
                t);
    }

    private static String join(String a, String op, String b) {
        if (a.equals("1")) {
            return b;
        }
        if (b.equals("1")) {
            return a;
        }
        return a + op + b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unit u
                && symbol.equals(u.symbol)
                && Double.compare(scale, u.scale) == 0
                && dimension.equals(u.dimension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, scale, dimension);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
