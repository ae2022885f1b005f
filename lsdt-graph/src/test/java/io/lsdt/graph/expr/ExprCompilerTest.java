package io.lsdt.graph.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "x.y");

    @Test
    void compiledNodesReadSlots() {
        // slots: a = 13e9 (slot 0), b = 2e12 (slot 1); 6 * a * b = 1.56e23
        DoubleNode n = ExprCompiler.compile(ExprParser.parse("6 * a * b"), NAMES::indexOf);
        assertThat(n.eval(new double[] {13e9, 2e12, 0, 0})).isEqualTo(1.56e23);
        // a / b with the Ref/Ref fast path: 3 / 4 = 0.75
        assertThat(ExprCompiler.compile(ExprParser.parse("a / b"), NAMES::indexOf).eval(new double[] {3, 4, 0, 0}))
                .isEqualTo(0.75);
        // [h] is 3600 regardless of slots
        assertThat(ExprCompiler.compile(ExprParser.parse("2 * [h]"), NAMES::indexOf).eval(new double[4]))
                .isEqualTo(7200.0);
        // ceil(7 / 2) = 4; max(1, 3, 2) = 3 (three-argument path)
        assertThat(ExprCompiler.compile(ExprParser.parse("ceil(a / b) + max(1, 3, 2)"), NAMES::indexOf)
                .eval(new double[] {7, 2, 0, 0})).isEqualTo(7.0);
    }

    /**
     * Property: the compiled node and the direct evaluation agree bit for bit on seeded random expressions and
     * inputs (the compiled plan and the resolver rely on it). Exponents include a variable that is sometimes exactly
     * 2, which the direct path squares by multiplication.
     */
    @Test
    void seededCompiledMatchesEvaluate() {
        SplittableRandom rnd = new SplittableRandom(99L);
        for (int i = 0; i < 3_000; i++) {
            Expr e = ExprPrinterTest.random(rnd, 4);
            if (rnd.nextInt(4) == 0) {
                e = new Expr.Binary('^', e, new Expr.Ref("c"));
            }
            DoubleNode node = ExprCompiler.compile(e, NAMES::indexOf);
            for (int k = 0; k < 5; k++) {
                double[] slots = {
                    rnd.nextDouble(-10, 10), rnd.nextDouble(-1, 1), rnd.nextBoolean() ? 2.0 : rnd.nextInt(-3, 4),
                    rnd.nextDouble(0, 1e6)
                };
                Map<String, Double> byName = Map.of("a", slots[0], "b", slots[1], "c", slots[2], "x.y", slots[3]);
                double want = ExprCompiler.evaluate(e, byName::get);
                double got = node.eval(slots);
                assertThat(Double.doubleToLongBits(got)).as("%s at %s", ExprPrinter.print(e), byName)
                        .isEqualTo(Double.doubleToLongBits(want));
            }
        }
    }
}
