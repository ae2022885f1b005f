package io.lsdt.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Comparisons of predicted seconds with the reference's microseconds. */
final class Micros {
    private Micros() {}

    /**
     * Asserts that {@code seconds}, in µs, rounds to {@code printed} at the number of decimals printed (the reference's
     * stated rounding, e.g. "182.07").
     */
    static void roundsTo(double seconds, String printed, String what) {
        BigDecimal expected = new BigDecimal(printed);
        BigDecimal actual = new BigDecimal(seconds * 1e6).setScale(expected.scale(), RoundingMode.HALF_EVEN);
        assertThat(actual).as("%s: %s µs should print as %s", what, seconds * 1e6, printed).isEqualByComparingTo(
                expected);
    }

    /** Asserts that {@code seconds}, in µs, is within 1e-9 relative of a value the reference gives in full digits. */
    static void exactly(double seconds, double micros, String what) {
        assertThat(seconds * 1e6).as("%s (µs)", what).isCloseTo(micros, within(1e-9 * Math.abs(micros)));
    }
}
