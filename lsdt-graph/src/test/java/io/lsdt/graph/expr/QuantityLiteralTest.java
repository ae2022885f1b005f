package io.lsdt.graph.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.unit.Units;
import org.junit.jupiter.api.Test;

/** A number directly followed by a unit literal is a quantity: {@code 2 [h]} is {@code 2 * [h]}. */
class QuantityLiteralTest {
    @Test
    void numberWithUnitLiteralIsAProduct() {
        Expr e = ExprParser.parse("2 [h]");
        assertThat(e).isEqualTo(new Expr.Binary('*', new Expr.Num(2), new Expr.UnitLit(Units.parse("h"))));
        assertThat(ExprCompiler.evaluate(e, n -> 0)).isEqualTo(7200.0); // 2 × 3600 s
        assertThat(ExprPrinter.print(e)).isEqualTo("2 [h]");
    }

    @Test
    void quantityLiteralInAComparisonAndUnderAPower() {
        Comparison c = ExprParser.parseComparison("t >= 0 [s]");
        assertThat(ExprCompiler.evaluate(c.right(), n -> 0)).isEqualTo(0.0);
        Expr sq = ExprParser.parse("(3 [m])^2");
        assertThat(ExprCompiler.evaluate(sq, n -> 0)).isEqualTo(9.0);
        assertThat(ExprPrinter.print(sq)).isEqualTo("(3 [m])^2");
        assertThat(ExprParser.parse(ExprPrinter.print(sq))).isEqualTo(sq);
    }
}
