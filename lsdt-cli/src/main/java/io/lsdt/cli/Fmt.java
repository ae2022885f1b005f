package io.lsdt.cli;

import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;

/** The quantities the commands print most, in readable units: one formatter each, shared. */
final class Fmt {
    private Fmt() {}

    /**
     * Formats a time in seconds.
     *
     * @param s a time (s)
     * @return it in seconds with a readable prefix, e.g. "5.293 s", "82.43 ms"
     */
    static String secs(double s) {
        return UnitFormat.format(s, Units.parse("s"));
    }

    /**
     * Formats a time in days.
     *
     * @param s a time (s)
     * @return it in days, e.g. "66.35 d"
     */
    static String days(double s) {
        return UnitFormat.format(s, Units.parse("d"));
    }

    /**
     * Formats a memory size.
     *
     * @param b bytes
     * @return them in binary units, e.g. "41.82 GiB"
     */
    static String gib(double b) {
        return UnitFormat.format(b, Units.parse("GiB"));
    }

    /**
     * The guard of the printers that format numbers themselves: a value that is not finite is a defect (the library
     * refuses one by name where it is computed), never "NaN" in the output.
     *
     * @param quantity what the value is, for the message
     * @param v the value
     * @return the value
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#INTERNAL} naming the quantity
     */
    static double finite(String quantity, double v) {
        if (!Double.isFinite(v)) {
            throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INTERNAL, quantity + " = " + v
                    + " reached the output; it should have been refused by name where it was computed");
        }
        return v;
    }

    /**
     * Formats a share as a percentage.
     *
     * @param x a share
     * @return it in per cent to four significant digits, e.g. "51.34 %"
     */
    static String pct(double x) {
        return UnitFormat.significant(x * 100) + " %";
    }

    /**
     * Formats a count.
     *
     * @param n a count
     * @return a whole count with thousands separators, e.g. "16,384"
     */
    static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
