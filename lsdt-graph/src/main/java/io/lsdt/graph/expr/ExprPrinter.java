package io.lsdt.graph.expr;

import java.util.stream.Collectors;

/** Renders an {@link Expr} as readable text with the parentheses it needs. */
public final class ExprPrinter {
    private ExprPrinter() {}

    /**
     * Prints an expression as equation text, with no more parentheses than the precedence needs.
     *
     * @param e an expression
     * @return its text, e.g. {@code "c * P * Tok"}
     */
    public static String print(Expr e) {
        return print(e, 0);
    }

    private static int precedence(Expr e) {
        return switch (e) {
            case Expr.Binary b -> switch (b.op()) {
                case '+', '-' -> 1;
                case '*', '/' -> 2;
                default -> 4;
            };
            case Expr.Neg n -> 3;
            // a negative literal prints as "-3", so it binds like a unary minus: (-3)^2, 2^(-3)
            case Expr.Num n when n.value() < 0 -> 3;
            default -> 5;
        };
    }

    private static String print(Expr e, int outer) {
        String s = switch (e) {
            case Expr.Num n -> number(n.value());
            case Expr.Ref r -> r.name();
            case Expr.UnitLit u -> "[" + u.unit().symbol() + "]";
            case Expr.Neg n -> "-" + print(n.operand(), 3);
            case Expr.Call c -> c.fn().text() + "("
                    + c.args().stream().map(a -> print(a, 0)).collect(Collectors.joining(", ")) + ")";
            case Expr.Binary b when b.op() == '*' && b.left() instanceof Expr.Num n && n.value() >= 0
                    && b.right() instanceof Expr.UnitLit u -> number(n.value()) + " [" + u.unit().symbol() + "]";
            case Expr.Binary b -> {
                int p = precedence(b);
                String op = b.op() == '^' ? "^" : " " + b.op() + " ";
                // left-associative: the right operand needs parentheses at equal precedence; for + and * too,
                // because in floating point a + (b + c) and a * (b / c) differ from (a + b) + c and (a * b) / c
                int rightOuter = b.op() == '^' ? p : p + 1;
                int leftOuter = b.op() == '^' ? p + 1 : p;
                yield print(b.left(), leftOuter) + op + print(b.right(), rightOuter);
            }
        };
        return precedence(e) < outer ? "(" + s + ")" : s;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
