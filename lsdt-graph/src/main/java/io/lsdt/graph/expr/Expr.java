package io.lsdt.graph.expr;

import io.lsdt.graph.unit.Unit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An arithmetic expression over named variables, parsed from equation text by {@link ExprParser}. Immutable.
 *
 * <p>Variables are referenced by name; {@link Ref} names are resolved against a registry when the equation is
 * registered. Values are base-unit doubles, so {@code [h]} (a unit literal) evaluates to 3600.
 */
public sealed interface Expr {
    /**
     * A numeric literal (dimensionless).
     *
     * @param value the number
     */
    record Num(double value) implements Expr {}

    /**
     * A variable reference.
     *
     * @param name the variable name as written (may be relative to the scope)
     */
    record Ref(String name) implements Expr {}

    /**
     * A unit literal such as {@code [GiB]}: one of that unit, in base units.
     *
     * @param unit the unit
     */
    record UnitLit(Unit unit) implements Expr {}

    /**
     * Unary minus.
     *
     * @param operand the operand
     */
    record Neg(Expr operand) implements Expr {}

    /**
     * A binary operation.
     *
     * @param op one of {@code + - * / ^}
     * @param left left operand
     * @param right right operand
     */
    record Binary(char op, Expr left, Expr right) implements Expr {}

    /**
     * A function call.
     *
     * @param fn the function
     * @param args the arguments
     */
    record Call(Fn fn, List<Expr> args) implements Expr {
        /** Copies the argument list. */
        public Call {
            args = List.copyOf(args);
        }
    }

    /**
     * The variables this expression depends on, as the resolver and the dimension check read them.
     *
     * @return the names of the variables this expression reads, in order of first appearance
     */
    default Set<String> references() {
        Set<String> out = new LinkedHashSet<>();
        collect(this, out);
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        switch (e) {
            case Num n -> { }
            case UnitLit u -> { }
            case Ref r -> out.add(r.name());
            case Neg n -> collect(n.operand(), out);
            case Binary b -> {
                collect(b.left(), out);
                collect(b.right(), out);
            }
            case Call c -> c.args().forEach(a -> collect(a, out));
        }
    }
}
