package io.lsdt.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Relative-tolerance comparisons of doubles (AssertJ underneath). */
public final class Close {
    private Close() {}

    /** Asserts |actual − expected| ≤ rel·|expected| (exact equality when expected is 0). */
    public static void relative(double actual, double expected, double rel, String what) {
        scaled(actual, expected, rel, Math.abs(expected), what);
    }

    /**
     * Asserts |actual − expected| ≤ rel·max(|expected|, scale). For a difference of large terms (a residual time) the
     * meaningful scale is the size of the terms, not of the small result.
     */
    public static void scaled(double actual, double expected, double rel, double scale, String what) {
        assertThat(actual).as("%s: %s vs expected %s", what, actual, expected).isFinite()
                .isCloseTo(expected, within(rel * Math.max(Math.abs(expected), Math.abs(scale))));
    }
}
