package io.lsdt.graph.expr;

import java.util.Objects;

/**
 * An inequality between two expressions, used by constraints and approximation validity conditions.
 *
 * @param left left side
 * @param op the operator
 * @param right right side
 * @param text the text it was parsed from
 */
public record Comparison(Expr left, Op op, Expr right, String text) {
    /** Comparison operators. */
    public enum Op {
        /** {@code a < b}. */ LT("<"), /** {@code a <= b}. */ LE("<="), /** {@code a > b}. */ GT(">"), /** {@code a >= b}. */ GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /**
         * The operator's symbol in constraint text.
         *
         * @return the operator as written
         */
        public String symbol() {
            return symbol;
        }

        /**
         * Applies the operator to two values.
         *
         * @param a left value
         * @param b right value
         * @return whether {@code a op b} holds
         */
        public boolean test(double a, double b) {
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
    }

    /** Checks the components. */
    public Comparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(right, "right");
    }
}
