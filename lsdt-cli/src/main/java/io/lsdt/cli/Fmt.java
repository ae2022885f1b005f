package io.lsdt.cli;

import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;

/** The quantities the commands print most, in readable units: one formatter each, shared. */
final class Fmt {
    private Fmt() {}

    /** @param s a time (s) @return it in seconds with a readable prefix, e.g. "5.293 s", "82.43 ms" */
    static String secs(double s) {
        return UnitFormat.format(s, Units.parse("s"));
    }

    /** @param s a time (s) @return it in days, e.g. "66.35 d" */
    static String days(double s) {
        return UnitFormat.format(s, Units.parse("d"));
    }

    /** @param b bytes @return them in binary units, e.g. "41.82 GiB" */
    static String gib(double b) {
        return UnitFormat.format(b, Units.parse("GiB"));
    }

    /** @param x a share @return it in per cent to four significant digits, e.g. "51.34 %" */
    static String pct(double x) {
        return UnitFormat.significant(x * 100) + " %";
    }
}
