package io.lsdt.graph.expr;

import io.lsdt.graph.unit.Dimension;
import java.util.function.Function;

/**
 * Infers the dimension of an expression structurally: terms of a sum and arguments of min/max must agree, products
 * and quotients combine, {@code ^} needs a constant integer exponent unless the base is dimensionless, and
 * ceil/floor/round/ln/log2/log10/exp need dimensionless arguments. Scale is irrelevant because values are base-unit
 * doubles.
 */
public final class DimensionCheck {
    /** A dimension error; its message names the offending sub-expressions and their dimensions. */
    public static final class DimensionError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /**
         * A dimension error.
         *
         * @param message the offending sub-expressions and their dimensions
         */
        DimensionError(String message) {
            super(message);
        }
    }

    private DimensionCheck() {}

    /**
     * Infers the dimension of an expression from those of its variables.
     *
     * @param e the expression
     * @param dimensionOf the dimension of each referenced variable (by the name as written in {@code e})
     * @return the dimension of {@code e}
     * @throws DimensionError when two sides disagree
     */
    public static Dimension infer(Expr e, Function<String, Dimension> dimensionOf) {
        return switch (e) {
            case Expr.Num n -> Dimension.NONE;
            case Expr.UnitLit u -> u.unit().dimension();
            case Expr.Ref r -> dimensionOf.apply(r.name());
            case Expr.Neg n -> infer(n.operand(), dimensionOf);
            case Expr.Binary b -> binary(b, dimensionOf);
            case Expr.Call c -> call(c, dimensionOf);
        };
    }

    private static Dimension binary(Expr.Binary b, Function<String, Dimension> dimensionOf) {
        Dimension l = infer(b.left(), dimensionOf);
        return switch (b.op()) {
            case '+', '-' -> {
                Dimension r = infer(b.right(), dimensionOf);
                if (!l.equals(r)) {
                    throw mismatch(b.left(), l, b.right(), r);
                }
                yield l;
            }
            case '*' -> l.multiply(infer(b.right(), dimensionOf));
            case '/' -> l.divide(infer(b.right(), dimensionOf));
            case '^' -> {
                Dimension r = infer(b.right(), dimensionOf);
                if (!r.isNone()) {
                    throw new DimensionError("exponent " + ExprPrinter.print(b.right()) + " must be dimensionless but is "
                            + r);
                }
                if (l.isNone()) {
                    yield l;
                }
                Double k = constant(b.right());
                if (k == null || k != Math.rint(k)) {
                    throw new DimensionError("'" + ExprPrinter.print(b) + "': a base with dimension " + l
                            + " needs a constant integer exponent");
                }
                yield l.pow(k.intValue());
            }
            default -> throw new DimensionError("unknown operator " + b.op());
        };
    }

    private static Dimension call(Expr.Call c, Function<String, Dimension> dimensionOf) {
        Dimension first = infer(c.args().get(0), dimensionOf);
        return switch (c.fn()) {
            case MAX, MIN -> {
                for (int i = 1; i < c.args().size(); i++) {
                    Dimension d = infer(c.args().get(i), dimensionOf);
                    if (!d.equals(first)) {
                        throw mismatch(c.args().get(0), first, c.args().get(i), d);
                    }
                }
                yield first;
            }
            case ABS -> first;
            case SQRT -> {
                Dimension root = first.root(2);
                if (root == null) {
                    throw new DimensionError("sqrt of " + ExprPrinter.print(c.args().get(0)) + " with dimension "
                            + first + " has no whole-numbered dimension");
                }
                yield root;
            }
            case CEIL, FLOOR, ROUND, LN, LOG2, LOG10, EXP, NORMINV, ERLANGC -> {
                for (Expr a : c.args()) {
                    Dimension d = infer(a, dimensionOf);
                    if (!d.isNone()) {
                        throw new DimensionError(c.fn().text() + "(" + ExprPrinter.print(a)
                                + ") needs a dimensionless argument but it is " + d);
                    }
                }
                yield Dimension.NONE;
            }
        };
    }

    private static Double constant(Expr e) {
        return switch (e) {
            case Expr.Num n -> n.value();
            case Expr.Neg n -> {
                Double v = constant(n.operand());
                yield v == null ? null : -v;
            }
            default -> null;
        };
    }

    private static DimensionError mismatch(Expr a, Dimension da, Expr b, Dimension db) {
        return new DimensionError("'" + ExprPrinter.print(a) + "' is " + da + " but '" + ExprPrinter.print(b) + "' is "
                + db);
    }
}
