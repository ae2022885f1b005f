package io.lsdt.graph.unit;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.util.Objects;

/**
 * An immutable amount of some unit, e.g. 80 GiB. Inside LSDT values travel as base-unit doubles ({@link #si()});
 * quantities exist at the edges, where text is read and printed.
 *
 * @param value the number as written, in {@code unit}
 * @param unit the unit it is written in
 */
public record Quantity(double value, Unit unit) {
    /** Checks the components. */
    public Quantity {
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * The value converted to base units.
     *
     * @return the value in base units (s, B, FLOP, token, USD, …)
     */
    public double si() {
        return unit.toSi(value);
    }

    /**
     * A quantity from a value in base units.
     *
     * @param si a value in base units
     * @param unit the unit to express it in
     * @return the quantity whose {@link #si()} is {@code si}
     */
    public static Quantity ofSi(double si, Unit unit) {
        return new Quantity(unit.fromSi(si), unit);
    }

    /**
     * Parses a number followed by optional unit text, e.g. {@code "80 GiB"}, {@code "54 d"}, {@code "15.6e12 token"},
     * {@code "989.4 TFLOP/s"}, {@code "0.4"}, {@code "40 %"}. Underscores between digits are allowed
     * ({@code "16_384"}).
     *
     * @param text the text
     * @return the quantity
     * @throws LsdtException {@link Problem#MALFORMED_QUANTITY} when no number leads the text, or a unit error
     */
    public static Quantity parse(String text) {
        String t = text == null ? "" : text.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.' || t.charAt(i) == '_')) {
            if (Character.isDigit(t.charAt(i))) {
                digits++;
            }
            i++;
        }
        if (digits == 0) {
            throw LsdtException.of(Problem.MALFORMED_QUANTITY, text, "expected a number first, e.g. '80 GiB'");
        }
        if (i < t.length() && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < t.length() && (t.charAt(j) == '+' || t.charAt(j) == '-')) {
                j++;
            }
            int expDigits = 0;
            while (j < t.length() && Character.isDigit(t.charAt(j))) {
                j++;
                expDigits++;
            }
            if (expDigits > 0) {
                i = j;
            }
        }
        double value;
        try {
            value = Double.parseDouble(t.substring(0, i).replace("_", ""));
        } catch (NumberFormatException e) {
            throw LsdtException.of(Problem.MALFORMED_QUANTITY, text, "'" + t.substring(0, i) + "' is not a number");
        }
        return new Quantity(value, Units.parse(t.substring(i)));
    }

    /**
     * Converts to another unit of the same dimension.
     *
     * @param target the unit to convert to
     * @return the same amount in {@code target}
     * @throws LsdtException {@link Problem#DIMENSION_MISMATCH} when the dimensions differ
     */
    public Quantity to(Unit target) {
        if (!unit.isCompatible(target)) {
            throw LsdtException.of(Problem.DIMENSION_MISMATCH, "conversion", this, unit.dimension(), target,
                    target.dimension());
        }
        return ofSi(si(), target);
    }

    /** @return the quantity as {@code "80 GiB"} (shortest exact number text) */
    @Override
    public String toString() {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
        return unit == Unit.ONE ? v : v + " " + unit.symbol();
    }
}
