package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.Physics;
import io.lsdt.physics.design.Numerics;
import org.junit.jupiter.api.Test;

class UncertaintyScopeTest {
    @Test
    void theLogWidthGrowsByOnePlusTheDistanceAboutTheCentre() {
        Interval i = new Interval(Regime.parse("megatron/65-1024/30B+"), "megatron/65-1024/30B+", 12, -0.1, 0.3);
        // centre 0.1, half-width 0.2; at distance 0.5 the half-width is 0.3
        double[] b = UncertaintyScope.logBounds(Physics.registry(), i, 0.5);
        assertThat(b[0]).isCloseTo(-0.2, within(1e-12));
        assertThat(b[1]).isCloseTo(0.4, within(1e-12));
        // at distance 0, the regime's own P10 and P90
        double[] zero = UncertaintyScope.logBounds(Physics.registry(), i, 0);
        assertThat(zero[0]).isCloseTo(-0.1, within(1e-12));
        assertThat(zero[1]).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void credibilityWidensByTheNearestRunsDistance() {
        // 1024 H100s, otherwise the toy table's big Megatron cell: distance log10(1024/512) = 0.30103 from m0
        Configuration q = new Configuration("h100-sxm", Numerics.BF16, 1024, Regime.Family.MEGATRON, 70e9, 8, 4, 1, 1);
        Credibility c = Credibility.of(Physics.registry(), Toy.table(), q);
        assertThat(c.interval().used()).isEqualTo("megatron/65-1024/30B+");
        assertThat(c.distance()).isCloseTo(Math.log10(2), within(1e-12));
        assertThat(c.nearest().get(0).run().runId()).isEqualTo("m0");
        double half = 0.25 * (1 + Math.log10(2));
        assertThat(c.logLow()).isCloseTo(0.05 - half, within(1e-12));
        assertThat(c.logHigh()).isCloseTo(0.05 + half, within(1e-12));
        // a time's bounds turn the rate's over
        assertThat(c.timeLow(10)).isCloseTo(10 * Math.exp(-(0.05 + half)), within(1e-12));
        assertThat(c.timeHigh(10)).isCloseTo(10 * Math.exp(-(0.05 - half)), within(1e-12));
        assertThat(c.rateHigh(0.4)).isCloseTo(0.4 * Math.exp(0.05 + half), within(1e-12));
        assertThat(c.best().runId()).isEqualTo("m8");
    }
}
