package io.lsdt.graph.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import org.junit.jupiter.api.Test;

class QuantityTest {
    @Test
    void parsesNumberAndUnit() {
        Quantity q = Quantity.parse("80 GiB");
        assertThat(q.value()).isEqualTo(80.0);
        assertThat(q.unit().symbol()).isEqualTo("GiB");
        // 80 * 2^30 = 85,899,345,920 B
        assertThat(q.si()).isEqualTo(85_899_345_920.0);
    }

    @Test
    void parsesDaysExponentsUnderscoresAndPercent() {
        // 54 d = 54 * 86400 s = 4,665,600 s
        assertThat(Quantity.parse("54 d").si()).isEqualTo(4_665_600.0);
        // 15.6e12 token (Llama 3 pre-training tokens, "15.6T")
        assertThat(Quantity.parse("15.6e12 token").si()).isEqualTo(15.6e12);
        assertThat(Quantity.parse("16_384").si()).isEqualTo(16_384.0);
        assertThat(Quantity.parse("16_384").unit()).isSameAs(Unit.ONE);
        // 40 % = 0.4
        assertThat(Quantity.parse("40 %").si()).isCloseTo(0.4, withinPercentage(1e-12));
        assertThat(Quantity.parse("-3 kW").si()).isEqualTo(-3000.0);
        // no space between number and unit; E of EB is a prefix, not an exponent
        assertThat(Quantity.parse("2EB").si()).isEqualTo(2e18);
        assertThat(Quantity.parse("1e3B").si()).isEqualTo(1e3);
    }

    @Test
    void convertsBetweenCompatibleUnits() {
        // 1 GiB = 1,073,741,824 B = 1.073741824 GB
        assertThat(Quantity.parse("1 GiB").to(Units.parse("GB")).value()).isEqualTo(1.073741824);
        // 1 kWh = 3.6e6 J = 3.6 MJ
        assertThat(Quantity.parse("1 kWh").to(Units.parse("MJ")).value()).isEqualTo(3.6);
        // 30 d = 720 h
        assertThat(Quantity.parse("30 d").to(Units.parse("h")).value()).isEqualTo(720.0);
        // 400 Gb/s = 50 GB/s
        assertThat(Quantity.parse("400 Gb/s").to(Units.parse("GB/s")).value()).isEqualTo(50.0);
    }

    @Test
    void bandwidthIsNotBytes() {
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> Quantity.parse("80 GB/s").to(Units.parse("B")));
        assertThat(e.problem()).isEqualTo(Problem.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("conversion: dimension mismatch, 80 GB/s is B/s but B is B");
        assertThat(Units.parse("GB/s").isCompatible(Units.parse("B"))).isFalse();
    }

    @Test
    void malformedQuantities() {
        for (String text : new String[] {"GiB", "", "  ", ".", "-"}) {
            assertThatThrownBy(() -> Quantity.parse(text)).as("'%s'", text)
                    .isInstanceOfSatisfying(LsdtException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_QUANTITY));
        }
        assertThatThrownBy(() -> Quantity.parse(null)).isInstanceOf(LsdtException.class);
        assertThatThrownBy(() -> Quantity.parse("1.2.3 B")).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.getMessage()).contains("'1.2.3' is not a number"));
        // a number with an unknown unit is a unit error, not a quantity error
        assertThatThrownBy(() -> Quantity.parse("3 parsec")).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_UNIT));
    }

    @Test
    void toStringKeepsTheUnitAsWritten() {
        assertThat(Quantity.parse("80 GiB")).hasToString("80 GiB");
        assertThat(Quantity.parse("989.4 TFLOP/s")).hasToString("989.4 TFLOP/s");
        assertThat(Quantity.parse("0.4")).hasToString("0.4");
        assertThat(Quantity.ofSi(7200, Units.parse("h"))).hasToString("2 h");
    }
}
