package io.lsdt.physics.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Morris elementary effects on functions whose effects are known. */
class MorrisTest {
    @Test
    void aLinearFunctionHasEffectsOfItsSlopeTimesTheRangeAndNoSpread() {
        double[] c = {3, -2, 0.5, 0};
        List<Factor> factors = List.of(new Factor("a", 0, 10), new Factor("b", -1, 1), new Factor("c", 100, 140),
                new Factor("d", 0, 1));
        int[] calls = {0};
        Morris.Effects e = Morris.analyse(factors, x -> {
            calls[0]++;
            double y = 0;
            for (int i = 0; i < c.length; i++) {
                y += c[i] * x[i];
            }
            return new double[] {y};
        }, 20, 4, 11).get(0);
        assertThat(calls[0]).isEqualTo(20 * 5).isEqualTo((int) Morris.evaluations(4, 20));
        for (int i = 0; i < c.length; i++) {
            double expected = Math.abs(c[i]) * factors.get(i).range();
            assertThat(e.muStar()[i]).as("mu* of %s", i).isCloseTo(expected, within(1e-9 * (1 + expected)));
            assertThat(e.mu()[i]).as("mu of %s", i).isCloseTo(c[i] * factors.get(i).range(),
                    within(1e-9 * (1 + expected)));
            assertThat(e.sigma()[i]).as("sigma of %s", i).isCloseTo(0.0, within(1e-9 * (1 + expected)));
        }
    }

    @Test
    void aProductHasSpreadAndSignsThatCancelInMuButNotMuStar() {
        List<Factor> f = List.of(new Factor("x", -1, 1), new Factor("y", -1, 1));
        Morris.Effects e = Morris.analyse(f, x -> new double[] {x[0] * x[1]}, 200, 4, 3).get(0);
        assertThat(e.sigma()[0]).isGreaterThan(0.5);
        assertThat(e.muStar()[0]).isGreaterThan(Math.abs(e.mu()[0]));
    }

    @Test
    void oneSeedOneDesign() {
        List<Factor> f = List.of(new Factor("x", 0, 1), new Factor("y", 0, 2));
        Model m = x -> new double[] {Math.sin(x[0]) * x[1]};
        assertThat(Morris.analyse(f, m, 10, 4, 5).get(0).muStar())
                .containsExactly(Morris.analyse(f, m, 10, 4, 5).get(0).muStar());
        assertThat(Morris.analyse(f, m, 10, 4, 5).get(0).muStar())
                .isNotEqualTo(Morris.analyse(f, m, 10, 4, 6).get(0).muStar());
    }

    @Test
    void refusesOddLevelsAndNoTrajectory() {
        List<Factor> f = List.of(new Factor("x", 0, 1));
        assertThatThrownBy(() -> Morris.analyse(f, x -> x, 10, 3, 1)).hasMessageContaining("even");
        assertThatThrownBy(() -> Morris.analyse(f, x -> x, 0, 4, 1)).hasMessageContaining("1 to");
    }
}
