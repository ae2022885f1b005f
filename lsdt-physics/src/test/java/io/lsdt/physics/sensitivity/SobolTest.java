package io.lsdt.physics.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sobol' indices against the Ishigami function's analytic values (Ishigami and Homma 1990; a = 7, b = 0.1, inputs
 * uniform on [−π, π]): S1 = 0.3139, 0.4424, 0; ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437 (Saltelli et al. 2008,
 * Global Sensitivity Analysis: The Primer, §4.7 formulas).
 */
class SobolTest {
    private static final List<Factor> PI3 = List.of(new Factor("x1", -Math.PI, Math.PI),
            new Factor("x2", -Math.PI, Math.PI), new Factor("x3", -Math.PI, Math.PI));

    static double ishigami(double[] x) {
        return Math.sin(x[0]) + 7 * Math.pow(Math.sin(x[1]), 2) + 0.1 * Math.pow(x[2], 4) * Math.sin(x[0]);
    }

    @Test
    void ishigamiAtTwoToTheFourteen() {
        int[] calls = {0};
        List<Sobol.Indices> r = Sobol.analyse(PI3, x -> {
            calls[0]++;
            return new double[] {ishigami(x)};
        }, 1 << 14, 42);
        assertThat(calls[0]).isEqualTo((1 << 14) * 5).isEqualTo((int) Sobol.evaluations(3, 1 << 14));
        Sobol.Indices s = r.get(0);
        // analytic variance: a²/8 + b π⁴/5 + b² π⁸/18 + 1/2
        double v = 49 / 8.0 + 0.1 * Math.pow(Math.PI, 4) / 5 + 0.01 * Math.pow(Math.PI, 8) / 18 + 0.5;
        assertThat(s.variance()).isCloseTo(v, within(0.02 * v));
        assertThat(s.first()[0]).isCloseTo(0.3139, within(0.02));
        assertThat(s.first()[1]).isCloseTo(0.4424, within(0.02));
        assertThat(s.first()[2]).isCloseTo(0.0, within(0.02));
        assertThat(s.total()[0]).isCloseTo(0.5576, within(0.02));
        assertThat(s.total()[1]).isCloseTo(0.4424, within(0.02));
        assertThat(s.total()[2]).isCloseTo(0.2437, within(0.02));
    }

    @Test
    void oneSeedOneAnswerAnotherSeedAnotherEstimate() {
        Model f = x -> new double[] {ishigami(x), x[0]};
        List<Sobol.Indices> a = Sobol.analyse(PI3, f, 1024, 7);
        List<Sobol.Indices> b = Sobol.analyse(PI3, f, 1024, 7);
        List<Sobol.Indices> c = Sobol.analyse(PI3, f, 1024, 8);
        assertThat(a.get(0).first()).containsExactly(b.get(0).first());
        assertThat(a.get(0).total()).containsExactly(b.get(0).total());
        assertThat(a.get(0).first()).isNotEqualTo(c.get(0).first());
        // the second output is x1 alone: all of its variance is x1's
        assertThat(a.get(1).first()[0]).isCloseTo(1.0, within(0.05)); // N = 1024
        assertThat(a.get(1).total()[0]).isCloseTo(1.0, within(0.05));
        assertThat(a.get(1).total()[1]).isEqualTo(0.0);
    }

    @Test
    void aLargeMeanDoesNotDrownTheFirstOrderIndices() {
        // Ishigami shifted by 1000 (its spread is about 3.7): the indices are those of Ishigami
        Sobol.Indices s = Sobol.analyse(PI3, x -> new double[] {1000 + ishigami(x)}, 1 << 12, 42).get(0);
        assertThat(s.first()[0]).isCloseTo(0.3139, within(0.03));
        assertThat(s.first()[1]).isCloseTo(0.4424, within(0.03));
        assertThat(s.first()[2]).isCloseTo(0.0, within(0.03));
    }

    @Test
    void aConstantOutputHasNoIndices() {
        Sobol.Indices s = Sobol.analyse(PI3, x -> new double[] {3}, 64, 1).get(0);
        assertThat(s.variance()).isEqualTo(0.0);
        assertThat(s.first()).containsOnly(0.0);
        assertThat(s.total()).containsOnly(0.0);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> Sobol.analyse(List.of(), x -> new double[] {0}, 8, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sobol.analyse(PI3, x -> new double[] {0}, 1, 1))
                .hasMessageContaining("2 to");
    }
}
