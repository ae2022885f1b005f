package io.lsdt.graph.expr;

import java.util.function.UnaryOperator;

/** Structural helpers over {@link Expr}. */
public final class Exprs {
    private Exprs() {}

    /**
     * Renames the variables of an expression, e.g. to qualify the names written relative to a scope.
     *
     * @param e an expression
     * @param rename maps each variable name to its new name
     * @return a copy with every {@link Expr.Ref} renamed
     */
    public static Expr rename(Expr e, UnaryOperator<String> rename) {
        return switch (e) {
            case Expr.Num n -> n;
            case Expr.UnitLit u -> u;
            case Expr.Ref r -> new Expr.Ref(rename.apply(r.name()));
            case Expr.Neg n -> new Expr.Neg(rename(n.operand(), rename));
            case Expr.Binary b -> new Expr.Binary(b.op(), rename(b.left(), rename), rename(b.right(), rename));
            case Expr.Call c -> new Expr.Call(c.fn(), c.args().stream().map(a -> rename(a, rename)).toList());
        };
    }

    /**
     * Renames the variables of a comparison.
     *
     * @param c a comparison
     * @param rename maps each variable name to its new name
     * @return a copy with both sides renamed
     */
    public static Comparison rename(Comparison c, UnaryOperator<String> rename) {
        return new Comparison(rename(c.left(), rename), c.op(), rename(c.right(), rename), c.text());
    }
}
