package io.lsdt.graph.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DimensionTest {
    @Test
    void arithmeticAndText() {
        Dimension s = Dimension.of(BaseDimension.TIME);
        Dimension b = Dimension.of(BaseDimension.INFORMATION);
        assertThat(b.divide(s)).hasToString("B/s");
        assertThat(Dimension.NONE).hasToString("1");
        assertThat(Dimension.NONE.divide(s)).hasToString("1/s");
        assertThat(s.pow(2).multiply(b)).hasToString("s^2·B");
        assertThat(Units.parse("FLOP/(param·token)").dimension()).hasToString("FLOP/(token·param)");
        assertThat(b.divide(b).isNone()).isTrue();
        assertThat(s.pow(4).root(2)).isEqualTo(s.pow(2));
        assertThat(s.pow(3).root(2)).isNull();
        assertThat(b.exponent(BaseDimension.INFORMATION)).isEqualTo(1);
        assertThat(b.divide(s).exponent(BaseDimension.TIME)).isEqualTo(-1);
        assertThat(b.multiply(s)).isEqualTo(s.multiply(b)).hasSameHashCodeAs(s.multiply(b));
    }
}
