package io.lsdt.graph.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExprParserTest {
    private static double eval(String text) {
        return ExprCompiler.evaluate(ExprParser.parse(text), n -> {
            throw new AssertionError("no variables expected, got " + n);
        });
    }

    private static double eval(String text, Map<String, Double> vars) {
        return ExprCompiler.evaluate(ExprParser.parse(text), vars::get);
    }

    @Test
    void usualPrecedence() {
        // 4^2 = 16; 3 * 16 = 48; 2 + 48 = 50
        assertThat(eval("2+3*4^2")).isEqualTo(50.0);
        // left associative: (10 - 4) - 3 = 3 and (64 / 4) / 2 = 8
        assertThat(eval("10 - 4 - 3")).isEqualTo(3.0);
        assertThat(eval("64 / 4 / 2")).isEqualTo(8.0);
        assertThat(eval("(2 + 3) * 4")).isEqualTo(20.0);
        // '·' multiplies like '*'
        assertThat(eval("3 · 4")).isEqualTo(12.0);
    }

    @Test
    void powerBindsTighterThanUnaryMinusAndIsRightAssociative() {
        // grammar: unary := '-' unary | power, so -2^2 = -(2^2) = -4
        assertThat(eval("-2^2")).isEqualTo(-4.0);
        assertThat(ExprParser.parse("-2^2")).isEqualTo(new Expr.Neg(new Expr.Binary('^', new Expr.Num(2),
                new Expr.Num(2))));
        assertThat(eval("(-2)^2")).isEqualTo(4.0);
        // power := atom ('^' unary)?: 2^3^2 = 2^(3^2) = 2^9 = 512, and 2^-1 = 0.5
        assertThat(eval("2^3^2")).isEqualTo(512.0);
        assertThat(eval("2^-1")).isEqualTo(0.5);
        // unary minus still binds tighter than '*': -3 * -2 = 6
        assertThat(eval("-3 * -2")).isEqualTo(6.0);
        assertThat(eval("+5")).isEqualTo(5.0);
    }

    @Test
    void numbers() {
        assertThat(eval("1.5e3")).isEqualTo(1500.0);
        assertThat(eval("2.5E-3")).isEqualTo(0.0025);
        assertThat(eval("16_384")).isEqualTo(16_384.0);
        assertThat(eval(".5")).isEqualTo(0.5);
    }

    @Test
    void unitLiteralsAreOneUnitInBaseUnits() {
        // 1 h = 3600 s
        assertThat(eval("[h]")).isEqualTo(3600.0);
        // 1 GiB = 2^30 B
        assertThat(eval("[GiB]")).isEqualTo(1_073_741_824.0);
        // 2 * 1 kWh = 7.2e6 J
        assertThat(eval("2 * [kWh]")).isEqualTo(7.2e6);
        assertThat(ExprParser.parse("[FLOP/(param·token)]")).isInstanceOf(Expr.UnitLit.class);
    }

    @Test
    void functions() {
        assertThat(eval("ceil(2.1)")).isEqualTo(3.0);
        assertThat(eval("floor(2.9)")).isEqualTo(2.0);
        // round is half up: floor(2.5 + 0.5) = 3, floor(-2.5 + 0.5) = -2
        assertThat(eval("round(2.5)")).isEqualTo(3.0);
        assertThat(eval("round(-2.5)")).isEqualTo(-2.0);
        assertThat(eval("max(1, 7, 3)")).isEqualTo(7.0);
        assertThat(eval("min(4, -1)")).isEqualTo(-1.0);
        assertThat(eval("sqrt(16)")).isEqualTo(4.0);
        assertThat(eval("abs(-2)")).isEqualTo(2.0);
        // ln(e^2) = 2; log2(1024) = 10; log10(1000) = 3
        assertThat(eval("ln(exp(2))")).isCloseTo(2.0, within(1e-15));
        assertThat(eval("log2(1024)")).isEqualTo(10.0);
        assertThat(eval("log10(1000)")).isEqualTo(3.0);
        // function names are case-insensitive: CEIL works like ceil
        assertThat(eval("CEIL(0.2)")).isEqualTo(1.0);
    }

    @Test
    void variablesWithDottedNames() {
        Expr e = ExprParser.parse("6 * fundamentals.P * Tok + P");
        assertThat(e.references()).containsExactly("fundamentals.P", "Tok", "P");
        // 6 * 13e9 * 2e12 + 1 = 1.56e23 + 1 (the + 1 is lost below the ulp of 1.56e23)
        assertThat(eval("6 * fundamentals.P * Tok + P", Map.of("fundamentals.P", 13e9, "Tok", 2e12, "P", 1.0)))
                .isEqualTo(1.56e23);
    }

    @Test
    void comparisons() {
        Comparison c = ExprParser.parseComparison("t_ckpt <= 0.1 * T");
        assertThat(c.op()).isEqualTo(Comparison.Op.LE);
        assertThat(c.left()).isEqualTo(new Expr.Ref("t_ckpt"));
        assertThat(c.text()).isEqualTo("t_ckpt <= 0.1 * T");
        assertThat(ExprParser.parseComparison("a < b").op()).isEqualTo(Comparison.Op.LT);
        assertThat(ExprParser.parseComparison("a>b").op()).isEqualTo(Comparison.Op.GT);
        assertThat(ExprParser.parseComparison("a >= b").op()).isEqualTo(Comparison.Op.GE);
        assertThat(Comparison.Op.LE.test(1, 1)).isTrue();
        assertThat(Comparison.Op.LT.test(1, 1)).isFalse();
        assertThat(Comparison.Op.GE.test(1, 2)).isFalse();
        assertThat(Comparison.Op.GT.test(2, 1)).isTrue();
    }

    @Test
    void malformedTextSaysWhatAndWhere() {
        List<String[]> cases = List.of(
                new String[] {"2 +", "expression ends early at position 3"},
                new String[] {"(2 + 3", "missing ')' at position 6"},
                new String[] {"foo(2)", "unknown function 'foo'"},
                new String[] {"max(1)", "max takes two or more arguments"},
                new String[] {"ceil(1, 2)", "ceil takes 1 argument(s), got 2"},
                new String[] {"2 $ 3", "unexpected '$ 3' at position 2"},
                new String[] {"[GB", "missing ']'"},
                new String[] {"[XB]", "unknown unit 'XB'"},
                new String[] {"1.2.3", "bad number '1.2.3'"},
                new String[] {"", "expression ends early at position 0"},
                new String[] {"a < b", "unexpected '< b' at position 2"},
                new String[] {"2 3", "unexpected '3' at position 2"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> ExprParser.parse(c[0])).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> ExprParser.parseComparison("a + b"))
                .hasMessage("expected one of < <= > >= at position 5");
        assertThatThrownBy(() -> ExprParser.parseComparison("a < b c"))
                .hasMessageContaining("unexpected 'c'");
    }
}
