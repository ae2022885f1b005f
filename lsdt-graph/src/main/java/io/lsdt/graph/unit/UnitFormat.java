package io.lsdt.graph.unit;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats base-unit values for people: picks a readable prefix of the display unit (so 2.6e10 B shows as
 * {@code "26 GB"}, 9.03e16 FLOP/s as {@code "90.28 PFLOP/s"}), a readable time unit for durations (ns, µs, ms, s below 2 min, min below 1 h, h below 2 d, then d)
 * and four significant digits.
 *
 * <p>A display unit whose leading factor carries a binary prefix ({@code GiB}) is formatted on the binary ladder
 * (KiB, MiB, GiB, …). Counts that are whole numbers print in full with digit grouping ({@code "16,384"}).
 */
public final class UnitFormat {
    private static final String[] SI_UP = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] SI_DOWN = {"", "m", "µ", "n"};
    private static final String[] BIN_UP = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    /** Counts the field states in words: "13 billion param", "15.6 trillion token". */
    private static final java.util.Set<String> WORD_ATOMS = java.util.Set.of("token", "param", "sample");
    private static final String[] WORDS = {"", "thousand", "million", "billion", "trillion", "quadrillion"};

    private UnitFormat() {}

    /**
     * The printers' last guard: a value that is not a finite number never reaches the output as "NaN" or "Infinity".
     * Where it is computed, the value is refused by name with its inputs ({@code Resolution.requireFinite}); one that
     * gets here was missed there, a defect.
     *
     * @throws LsdtException {@link Problem#INTERNAL}
     */
    private static void finite(double v, String unit) {
        if (!Double.isFinite(v)) {
            throw LsdtException.of(Problem.INTERNAL, "a value that is not a finite number (" + v + ", unit " + unit
                    + ") reached the output; it should have been refused by name where it was computed");
        }
    }

    /**
     * Formats a value in a variable's display unit, scaled to a readable prefix.
     *
     * @param si the value in base units
     * @param display the unit the variable is displayed in
     * @return readable text, e.g. {@code "34.56 s"}, {@code "1.157 Mtoken/s"}, {@code "91"}
     */
    public static String format(double si, Unit display) {
        finite(si, display.symbol());
        if (display.dimension().isNone() && display.terms().stream().allMatch(t -> t.atom().equals("1")
                || t.exponent() == 1)) {
            double v = display.fromSi(si);
            String unit = display == Unit.ONE ? "" : " " + display.symbol();
            return number(v) + unit;
        }
        if (display.dimension().equals(Dimension.of(BaseDimension.TIME))) {
            return time(si);
        }
        List<Unit.Term> terms = display.terms();
        if (!terms.isEmpty() && terms.get(0).exponent() == 1 && WORD_ATOMS.contains(terms.get(0).atom())
                && terms.get(0).prefix().isEmpty()) {
            String symbol = switch (display.symbol()) {
                case "token" -> "tokens";
                case "param" -> "parameters";
                case "sample" -> "samples";
                default -> display.symbol();
            };
            return words(display.fromSi(si)) + " " + symbol;
        }
        if (!terms.isEmpty() && terms.get(0).exponent() == 1) {
            Unit.Term head = terms.get(0);
            boolean binary = head.prefix().endsWith("i") && head.prefix().length() == 2;
            double restScale = display.scale() / (Units.prefixFactor(head.prefix())
                    * Units.atomOrNull(head.atom()).scale());
            double v = si / restScale / Units.atomOrNull(head.atom()).scale();
            String prefix = choosePrefix(v, head.atom(), binary);
            double shown = v / Units.prefixFactor(prefix);
            if (Math.abs(shown) >= 1000) {
                // beyond the largest prefix: scientific notation in the unprefixed unit reads better (2.34e23 FLOP)
                return significant(v) + " " + rebuild(display, "");
            }
            return significant(shown) + " " + rebuild(display, prefix);
        }
        return significant(display.fromSi(si)) + " " + display.symbol();
    }

    private static String choosePrefix(double v, String atom, boolean binary) {
        double a = Math.abs(v);
        if (a == 0) {
            return "";
        }
        if (binary) {
            String best = "";
            for (String p : BIN_UP) {
                if (a / Units.prefixFactor(p) >= 1 || p.isEmpty()) {
                    best = p;
                }
            }
            return best;
        }
        if (a >= 1) {
            String best = "";
            if (!Units.acceptsMultiples(atom, false)) {
                return best;
            }
            for (String p : SI_UP) {
                if (a / Units.prefixFactor(p) >= 1) {
                    best = p;
                }
            }
            return best;
        }
        if (!Units.acceptsSubmultiples(atom)) {
            return "";
        }
        for (String p : SI_DOWN) {
            if (a / Units.prefixFactor(p) >= 1) {
                return p;
            }
        }
        return SI_DOWN[SI_DOWN.length - 1];
    }

    private static String rebuild(Unit display, String prefix) {
        List<Unit.Term> terms = new ArrayList<>(display.terms());
        Unit.Term head = terms.get(0);
        String symbol = display.symbol();
        String oldHead = head.symbol();
        if (symbol.startsWith(oldHead)) {
            return prefix + head.atom() + symbol.substring(oldHead.length());
        }
        return symbol;
    }

    private static String time(double seconds) {
        double a = Math.abs(seconds);
        if (a == 0) {
            return "0 s";
        }
        if (a < 1e-6) {
            return significant(seconds * 1e9) + " ns";
        }
        if (a < 1e-3) {
            return significant(seconds * 1e6) + " µs";
        }
        if (a < 1) {
            return significant(seconds * 1e3) + " ms";
        }
        if (a < 120) {
            return significant(seconds) + " s";
        }
        if (a < 3600) {
            return significant(seconds / 60) + " min";
        }
        if (a < 2 * 86400) {
            return significant(seconds / 3600) + " h";
        }
        return significant(seconds / 86400) + " d";
    }

    /**
     * Formats a count in words, for large counts of parameters or tokens.
     *
     * @param v a count
     * @return the count with a word for its size, e.g. {@code "13 billion"}, {@code "40 million"}; below a
     *     million, digits with grouping
     */
    public static String words(double v) {
        double a = Math.abs(v);
        if (a < 1e6) {
            return number(v);
        }
        int k = Math.min(WORDS.length - 1, (int) Math.floor(Math.log10(a) / 3));
        double shown = v / Math.pow(1000, k);
        if (Math.abs(shown) >= 1000) {
            return significant(v);
        }
        return significant(shown) + " " + WORDS[k];
    }

    /**
     * Formats a plain number.
     *
     * @param v a plain number
     * @return whole numbers below 1e15 with digit grouping, others with four significant digits
     */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return significant(v);
    }

    /**
     * Formats a number to four significant digits.
     *
     * @param v a number
     * @return four significant digits, trailing zeros removed, scientific notation outside [1e-4, 1e6)
     */
    public static String significant(double v) {
        finite(v, "1");
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        BigDecimal bd = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        if (a >= 1e-4 && a < 1e6) {
            return bd.toPlainString();
        }
        // BigDecimal.toString stays plain down to 1e-6, so build the exponent form here: mantissa in [1, 10)
        int exponent = bd.precision() - bd.scale() - 1;
        return bd.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }
}
