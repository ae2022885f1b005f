package io.lsdt.graph.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.unit.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExprPrinterTest {
    private static final Map<String, Double> VARS = Map.of("a", 1.75, "b", -0.5, "c", 3.0, "x.y", 0.25);
    private static final String[] NAMES = {"a", "b", "c", "x.y"};

    @Test
    void printsWithTheParenthesesItNeeds() {
        assertThat(ExprPrinter.print(ExprParser.parse("c*P*Tok"))).isEqualTo("c * P * Tok");
        assertThat(ExprPrinter.print(ExprParser.parse("(a - b) - (c - d)"))).isEqualTo("a - b - (c - d)");
        assertThat(ExprPrinter.print(ExprParser.parse("a / (b / c)"))).isEqualTo("a / (b / c)");
        assertThat(ExprPrinter.print(ExprParser.parse("(a + b) * c"))).isEqualTo("(a + b) * c");
        assertThat(ExprPrinter.print(ExprParser.parse("(a^b)^c"))).isEqualTo("(a^b)^c");
        assertThat(ExprPrinter.print(ExprParser.parse("a^b^c"))).isEqualTo("a^b^c");
        assertThat(ExprPrinter.print(ExprParser.parse("(-a)^2"))).isEqualTo("(-a)^2");
        assertThat(ExprPrinter.print(ExprParser.parse("-a^2"))).isEqualTo("-a^2");
        assertThat(ExprPrinter.print(ExprParser.parse("max(a,b,1.5)*[GiB]"))).isEqualTo("max(a, b, 1.5) * [GiB]");
        // a right operand of equal precedence keeps its parentheses: in floating point a + (b + c) is not
        // (a + b) + c
        assertThat(ExprPrinter.print(ExprParser.parse("a + (b + c)"))).isEqualTo("a + (b + c)");
        assertThat(ExprPrinter.print(ExprParser.parse("a * (b / c)"))).isEqualTo("a * (b / c)");
    }

    @Test
    void rightNestedSumsStayRightNested() {
        // 1e16 + (-1e16 + 1) = 1e16 - 1e16 (1 is lost below the ulp of 1e16, which is 2) = 0,
        // but (1e16 + -1e16) + 1 = 1
        Map<String, Double> v = Map.of("a", 1e16, "b", -1e16, "c", 1.0);
        Expr e = ExprParser.parse("a + (b + c)");
        assertThat(ExprCompiler.evaluate(e, v::get)).isEqualTo(0.0);
        assertThat(ExprCompiler.evaluate(ExprParser.parse(ExprPrinter.print(e)), v::get)).isEqualTo(0.0);
    }

    @Test
    void negativeLiteralsKeepTheirMeaning() {
        // (-3)^2 = 9, not -(3^2) = -9; a parser never builds Num(-3), but code may
        Expr e = new Expr.Binary('^', new Expr.Num(-3), new Expr.Num(2));
        assertThat(ExprCompiler.evaluate(ExprParser.parse(ExprPrinter.print(e)), n -> 0)).isEqualTo(9.0);
        // 2 - (-3) = 5
        Expr f = new Expr.Binary('-', new Expr.Num(2), new Expr.Num(-3));
        assertThat(ExprCompiler.evaluate(ExprParser.parse(ExprPrinter.print(f)), n -> 0)).isEqualTo(5.0);
    }

    /** Property: parse(print(e)) evaluates bit for bit like e, for seeded random expressions. */
    @Test
    void seededRoundTripEvaluatesIdentically() {
        SplittableRandom rnd = new SplittableRandom(7L);
        for (int i = 0; i < 3_000; i++) {
            Expr e = random(rnd, 4);
            String text = ExprPrinter.print(e);
            Expr back = ExprParser.parse(text);
            double want = ExprCompiler.evaluate(e, VARS::get);
            double got = ExprCompiler.evaluate(back, VARS::get);
            assertThat(Double.doubleToLongBits(got)).as("%s: %s vs %s", text, got, want)
                    .isEqualTo(Double.doubleToLongBits(want));
            // printing is stable: the re-parsed tree prints to the same text
            assertThat(ExprPrinter.print(back)).isEqualTo(text);
        }
    }

    static Expr random(SplittableRandom rnd, int depth) {
        int pick = depth == 0 ? rnd.nextInt(4) : rnd.nextInt(11);
        return switch (pick) {
            case 0 -> new Expr.Num(rnd.nextInt(-9, 10));
            case 1 -> new Expr.Num(Math.scalb(rnd.nextInt(1, 64), -rnd.nextInt(0, 4)));
            case 2 -> new Expr.Ref(NAMES[rnd.nextInt(NAMES.length)]);
            case 3 -> new Expr.UnitLit(Units.parse(rnd.nextBoolean() ? "h" : "kB"));
            case 4 -> new Expr.Neg(random(rnd, depth - 1));
            case 5, 6, 7, 8 -> new Expr.Binary("+-*/".charAt(pick - 5), random(rnd, depth - 1),
                    random(rnd, depth - 1));
            case 9 -> new Expr.Binary('^', random(rnd, depth - 1), new Expr.Num(rnd.nextInt(-2, 4)));
            default -> {
                Fn fn = Fn.values()[rnd.nextInt(Fn.values().length)];
                List<Expr> args = new ArrayList<>();
                int n = fn.arity() > 0 ? fn.arity() : 2 + rnd.nextInt(2);
                for (int k = 0; k < n; k++) {
                    args.add(random(rnd, depth - 1));
                }
                yield new Expr.Call(fn, args);
            }
        };
    }
}
