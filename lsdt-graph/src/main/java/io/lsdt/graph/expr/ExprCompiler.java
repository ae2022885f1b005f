package io.lsdt.graph.expr;

import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Turns an {@link Expr} into a tree of {@link DoubleNode} lambdas over slot indices, and evaluates expressions
 * directly for the resolver.
 */
public final class ExprCompiler {
    private ExprCompiler() {}

    /**
     * Compiles an expression to a tree of nodes reading a slot array.
     *
     * @param e the expression
     * @param slotOf the slot index of each referenced name
     * @return the compiled node
     */
    public static DoubleNode compile(Expr e, ToIntFunction<String> slotOf) {
        return switch (e) {
            case Expr.Num n -> {
                double v = n.value();
                yield s -> v;
            }
            case Expr.UnitLit u -> {
                double v = u.unit().scale();
                yield s -> v;
            }
            case Expr.Ref r -> {
                int i = slotOf.applyAsInt(r.name());
                yield s -> s[i];
            }
            case Expr.Neg n -> {
                DoubleNode a = compile(n.operand(), slotOf);
                yield s -> -a.eval(s);
            }
            case Expr.Binary b -> binary(b, slotOf);
            case Expr.Call c -> call(c, slotOf);
        };
    }

    private static DoubleNode binary(Expr.Binary b, ToIntFunction<String> slotOf) {
        DoubleNode l = compile(b.left(), slotOf);
        // common shapes get specialised nodes: variable op variable
        if (b.left() instanceof Expr.Ref lr && b.right() instanceof Expr.Ref rr && b.op() != '^') {
            int i = slotOf.applyAsInt(lr.name());
            int j = slotOf.applyAsInt(rr.name());
            return switch (b.op()) {
                case '+' -> s -> s[i] + s[j];
                case '-' -> s -> s[i] - s[j];
                case '*' -> s -> s[i] * s[j];
                default -> s -> s[i] / s[j];
            };
        }
        DoubleNode r = compile(b.right(), slotOf);
        return switch (b.op()) {
            case '+' -> s -> l.eval(s) + r.eval(s);
            case '-' -> s -> l.eval(s) - r.eval(s);
            case '*' -> s -> l.eval(s) * r.eval(s);
            case '/' -> s -> l.eval(s) / r.eval(s);
            case '^' -> {
                if (b.right() instanceof Expr.Num n && n.value() == 2) {
                    yield s -> {
                        double x = l.eval(s);
                        return x * x;
                    };
                }
                yield s -> Math.pow(l.eval(s), r.eval(s));
            }
            default -> throw new IllegalArgumentException("unknown operator " + b.op());
        };
    }

    private static DoubleNode call(Expr.Call c, ToIntFunction<String> slotOf) {
        DoubleNode[] args = c.args().stream().map(a -> compile(a, slotOf)).toArray(DoubleNode[]::new);
        DoubleNode a0 = args[0];
        return switch (c.fn()) {
            case CEIL -> s -> Math.ceil(a0.eval(s));
            case FLOOR -> s -> Math.floor(a0.eval(s));
            case ROUND -> s -> Math.floor(a0.eval(s) + 0.5);
            case ABS -> s -> Math.abs(a0.eval(s));
            case SQRT -> s -> Math.sqrt(a0.eval(s));
            case LN -> s -> Math.log(a0.eval(s));
            case LOG2 -> s -> Math.log(a0.eval(s)) / Math.log(2);
            case LOG10 -> s -> Math.log10(a0.eval(s));
            case EXP -> s -> Math.exp(a0.eval(s));
            case NORMINV -> s -> SpecialFunctions.normInv(a0.eval(s));
            case ERLANGC -> s -> SpecialFunctions.erlangC(a0.eval(s), args[1].eval(s));
            case MAX -> args.length == 2
                    ? s -> Math.max(a0.eval(s), args[1].eval(s))
                    : s -> {
                        double m = a0.eval(s);
                        for (int k = 1; k < args.length; k++) {
                            m = Math.max(m, args[k].eval(s));
                        }
                        return m;
                    };
            case MIN -> args.length == 2
                    ? s -> Math.min(a0.eval(s), args[1].eval(s))
                    : s -> {
                        double m = a0.eval(s);
                        for (int k = 1; k < args.length; k++) {
                            m = Math.min(m, args[k].eval(s));
                        }
                        return m;
                    };
        };
    }

    /**
     * Evaluates directly (the resolver's path).
     *
     * @param e the expression
     * @param valueOf the base-unit value of each referenced name
     * @return the value
     */
    public static double evaluate(Expr e, ToDoubleFunction<String> valueOf) {
        return switch (e) {
            case Expr.Num n -> n.value();
            case Expr.UnitLit u -> u.unit().scale();
            case Expr.Ref r -> valueOf.applyAsDouble(r.name());
            case Expr.Neg n -> -evaluate(n.operand(), valueOf);
            case Expr.Binary b -> {
                double l = evaluate(b.left(), valueOf);
                double r = evaluate(b.right(), valueOf);
                yield switch (b.op()) {
                    case '+' -> l + r;
                    case '-' -> l - r;
                    case '*' -> l * r;
                    case '/' -> l / r;
                    // the same squaring rule as compile(): a literal exponent 2 multiplies, so both paths agree
                    case '^' -> b.right() instanceof Expr.Num n && n.value() == 2 ? l * l : Math.pow(l, r);
                    default -> throw new IllegalArgumentException("unknown operator " + b.op());
                };
            }
            case Expr.Call c -> {
                double[] args = new double[c.args().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = evaluate(c.args().get(i), valueOf);
                }
                yield c.fn().apply(args);
            }
        };
    }
}
