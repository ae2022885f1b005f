package io.lsdt.graph.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.unit.BaseDimension;
import io.lsdt.graph.unit.Dimension;
import io.lsdt.graph.unit.Units;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DimensionCheckTest {
    private static final Dimension B = Dimension.of(BaseDimension.INFORMATION);
    private static final Dimension FLOP = Dimension.of(BaseDimension.FLOP);
    private static final Dimension S = Dimension.of(BaseDimension.TIME);
    private static final Dimension M = Dimension.of(BaseDimension.LENGTH);
    private static final Map<String, Dimension> DIMS = Map.of(
            "bytes", B, "work", FLOP, "t", S, "area", M.pow(2), "n", Dimension.NONE, "P",
            Dimension.of(BaseDimension.PARAMETER), "Tok", Dimension.of(BaseDimension.TOKEN));

    private static Dimension infer(String text) {
        return DimensionCheck.infer(ExprParser.parse(text), DIMS::get);
    }

    @Test
    void productsAndQuotientsCombine() {
        // FLOP / s is a throughput
        assertThat(infer("work / t")).isEqualTo(FLOP.divide(S));
        // 6 FLOP/(param·token) * param * token = FLOP
        assertThat(infer("6 * [FLOP/(param·token)] * P * Tok")).isEqualTo(FLOP);
        assertThat(infer("bytes * 2 + bytes")).isEqualTo(B);
        assertThat(infer("-bytes")).isEqualTo(B);
        assertThat(infer("t^2")).isEqualTo(S.pow(2));
        assertThat(infer("t^-1")).isEqualTo(S.pow(-1));
        assertThat(infer("2^n")).isEqualTo(Dimension.NONE);
        assertThat(infer("bytes / [GiB]")).isEqualTo(Dimension.NONE);
    }

    @Test
    void sumOfBytesAndFlopIsAnErrorNamingBothSides() {
        assertThatThrownBy(() -> infer("bytes + work"))
                .isInstanceOf(DimensionCheck.DimensionError.class)
                .hasMessage("'bytes' is B but 'work' is FLOP");
        assertThatThrownBy(() -> infer("t - bytes / t"))
                .hasMessage("'t' is s but 'bytes / t' is B/s");
        // min/max arguments must agree too
        assertThatThrownBy(() -> infer("max(t, work)"))
                .hasMessage("'t' is s but 'work' is FLOP");
    }

    @Test
    void dimensionlessFunctionsRefuseDimensions() {
        assertThatThrownBy(() -> infer("ceil(bytes)"))
                .isInstanceOf(DimensionCheck.DimensionError.class)
                .hasMessage("ceil(bytes) needs a dimensionless argument but it is B");
        assertThatThrownBy(() -> infer("ln(t)")).hasMessageContaining("needs a dimensionless argument");
        assertThatThrownBy(() -> infer("log2(work)")).hasMessageContaining("but it is FLOP");
        // ceil of a ratio is fine: bytes / GiB is a number
        assertThat(infer("ceil(bytes / [GiB])")).isEqualTo(Dimension.NONE);
        assertThat(infer("abs(t)")).isEqualTo(S);
        assertThat(infer("min(t, 2 * t, [h])")).isEqualTo(S);
    }

    @Test
    void squareRootHalvesEvenExponents() {
        // sqrt(m^2) = m
        assertThat(infer("sqrt(area)")).isEqualTo(M);
        assertThat(DimensionCheck.infer(ExprParser.parse("sqrt([m^2])"), n -> null)).isEqualTo(M);
        assertThatThrownBy(() -> infer("sqrt(t)"))
                .hasMessage("sqrt of t with dimension s has no whole-numbered dimension");
    }

    @Test
    void exponentsMustBeDimensionlessAndConstantForDimensionalBases() {
        assertThatThrownBy(() -> infer("2^t")).hasMessage("exponent t must be dimensionless but is s");
        assertThatThrownBy(() -> infer("t^n")).hasMessageContaining("needs a constant integer exponent");
        assertThatThrownBy(() -> infer("t^0.5")).hasMessageContaining("needs a constant integer exponent");
        assertThat(Units.parse("s^2").dimension()).isEqualTo(infer("t^2"));
    }
}
