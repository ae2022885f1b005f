package io.lsdt.graph.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Φ⁻¹ against normal tables; Erlang C against hand calculations and its closed form. */
class SpecialFunctionsTest {

    @Test
    void normalQuantilesMatchTheTable() {
        // standard normal table: Φ⁻¹(0.975) = 1.959964, Φ⁻¹(0.99) = 2.326348, Φ⁻¹(0.999) = 3.090232
        assertThat(SpecialFunctions.normInv(0.5)).isCloseTo(0.0, within(1e-15));
        assertThat(SpecialFunctions.normInv(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(SpecialFunctions.normInv(0.99)).isCloseTo(2.326348, within(1e-6));
        assertThat(SpecialFunctions.normInv(0.001)).isCloseTo(-3.090232, within(1e-6));
        assertThat(SpecialFunctions.normInv(1)).isInfinite();
        assertThat(SpecialFunctions.normInv(1.5)).isNaN();
    }

    /** The closed form C(c, a) = [a^c/c! · c/(c − a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c − a)] (Kleinrock §3.5). */
    static double closedForm(int c, double a) {
        double term = 1;
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double top = term * c / (c - a);
        return top / (sum + top);
    }

    @Test
    void erlangCMatchesTheClosedForm() {
        // by hand: C(1, 0.8) = 0.8 (M/M/1: ρ); C(2, 1) = 1/3
        assertThat(SpecialFunctions.erlangC(1, 0.8)).isCloseTo(0.8, within(1e-15));
        assertThat(SpecialFunctions.erlangC(2, 1)).isCloseTo(1.0 / 3, within(1e-15));
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 500; i++) {
            int c = 1 + r.nextInt(60);
            double a = r.nextDouble() * c;
            assertThat(SpecialFunctions.erlangC(c, a)).as("C(%d, %s)", c, a).isCloseTo(closedForm(c, a),
                    within(1e-9));
        }
        assertThat(SpecialFunctions.erlangC(2, 2)).isEqualTo(1.0);
        assertThat(SpecialFunctions.erlangC(0, 1)).isNaN();
    }

    @Test
    void manyServersUseTheHalfinWhittLimitWithoutLooping() {
        // at the switch-over the exact recursion and the limit agree to 1e-3 (Halfin and Whitt 1981)
        long c = SpecialFunctions.HALFIN_WHITT_SERVERS;
        double a = c - 1.0 * Math.sqrt(c); // β = 1
        double exact = SpecialFunctions.erlangC(c, a);
        double limit = SpecialFunctions.erlangC(c + 1, a + 1 - Math.sqrt(c + 1) + Math.sqrt(c));
        assertThat(limit).isCloseTo(exact, within(1e-3));
        // β = 1: [1 + Φ(1)/φ(1)]⁻¹ = [1 + 0.841345/0.241971]⁻¹ = 0.22336
        assertThat(limit).isCloseTo(0.22336, within(1e-4));
        // a huge server count with a light load returns at once
        assertThat(SpecialFunctions.erlangC(1e15, 10)).isEqualTo(0.0);
    }
}
