package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {
    /** Twelve residuals, out of order; sorted: −0.40 −0.20 −0.10 −0.05 0 0.02 0.04 0.08 0.10 0.15 0.30 0.70. */
    private static final double[] TWELVE = {0.10, -0.05, 0.70, 0.02, -0.40, 0.30, 0, -0.20, 0.15, 0.04, -0.10, 0.08};

    @Test
    void definitionSixInterpolatesAtNPlusOneTimesQ() {
        // P10: h = 13 × 0.1 = 1.3 → x(1) + 0.3·(x(2) − x(1)) = −0.40 + 0.3 × 0.20 = −0.34
        assertThat(Quantiles.of(TWELVE, 0.1)).isCloseTo(-0.34, within(1e-12));
        // P90: h = 13 × 0.9 = 11.7 → x(11) + 0.7·(x(12) − x(11)) = 0.30 + 0.7 × 0.40 = 0.58
        assertThat(Quantiles.of(TWELVE, 0.9)).isCloseTo(0.58, within(1e-12));
        // the median: h = 6.5 → (x(6) + x(7)) / 2 = (0.02 + 0.04) / 2
        assertThat(Quantiles.of(TWELVE, 0.5)).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void nineValuesOrFewerGiveTheRange() {
        // n = 9: h = 10 × 0.1 = 1 and 10 × 0.9 = 9 — exactly the smallest and the largest value
        double[] nine = {3, 1, 4, 1.5, 9, 2.6, 5, 3.5, 8};
        assertThat(Quantiles.of(nine, 0.1)).isEqualTo(1);
        assertThat(Quantiles.of(nine, 0.9)).isEqualTo(9);
        // n = 4: positions 0.5 and 4.5 fall outside [1, 4] and are clamped
        double[] four = {0.2, -0.1, 0.05, 0.4};
        assertThat(Quantiles.of(four, 0.1)).isEqualTo(-0.1);
        assertThat(Quantiles.of(four, 0.9)).isEqualTo(0.4);
        assertThat(Quantiles.of(new double[] {0.25}, 0.1)).isEqualTo(0.25);
    }

    @Test
    void doesNotReorderItsInput() {
        double[] copy = TWELVE.clone();
        Quantiles.of(copy, 0.9);
        assertThat(copy).containsExactly(TWELVE);
    }

    @Test
    void refusesWhatHasNoQuantile() {
        assertThatThrownBy(() -> Quantiles.of(new double[0], 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no values");
        assertThatThrownBy(() -> Quantiles.of(TWELVE, 1)).hasMessage("probability 1.0 outside (0, 1)");
        assertThatThrownBy(() -> Quantiles.of(new double[] {0, Double.NaN}, 0.5)).hasMessage("value NaN is not finite");
    }
}
