package io.lsdt.graph.model;

import io.lsdt.graph.expr.Comparison;
import io.lsdt.graph.expr.Expr;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** A relation of the graph: an {@link Equation} that defines a variable, or a {@link Constraint} that must hold. */
public sealed interface Relation permits Relation.Equation, Relation.Constraint {
    /**
     * The relation's unique name.
     *
     * @return the relation's name, {@code scope.eq.name} or {@code scope.ck.name}
     */
    String name();

    /**
     * Where the relation comes from: the paper, datasheet or definition it states.
     *
     * @return the source of the relation
     */
    Reference reference();

    /**
     * The relation's inputs.
     *
     * @return the names of the variables the relation reads (fully qualified once registered)
     */
    Set<String> inputs();

    /** How an equation defines its variable. */
    enum Role {
        /** The definition. At most one per variable. */
        IDENTITY,
        /** An identity valid only where its validity condition holds; used when no identity exists. */
        APPROXIMATION,
        /** One of several named alternative definitions; the caller chooses by key. */
        VARIANT
    }

    /**
     * {@code defines = expression}.
     *
     * @param name relation name
     * @param defines the variable it defines (fully qualified once registered)
     * @param text the expression as written
     * @param expr the parsed expression (names fully qualified once registered)
     * @param role identity, approximation or variant
     * @param variantKey the key of a variant, else null
     * @param validity the validity condition of an approximation, else null
     * @param reference the source
     * @param note a remark shown with the trace, or null
     */
    record Equation(String name, String defines, String text, Expr expr, Role role, String variantKey,
            Comparison validity, Reference reference, String note) implements Relation {
        /** Checks the components. */
        public Equation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defines, "defines");
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public Set<String> inputs() {
            Set<String> in = new LinkedHashSet<>(expr.references());
            if (validity != null) {
                in.addAll(validity.left().references());
                in.addAll(validity.right().references());
            }
            return in;
        }

        /**
         * The inputs of the expression alone.
         *
         * @return the variables the value itself depends on (without the validity condition)
         */
        public Set<String> valueInputs() {
            return expr.references();
        }

        /**
         * Whether the equation is a constant.
         *
         * @return true when the expression reads no variable: a constant
         */
        public boolean isConstant() {
            return expr.references().isEmpty();
        }
    }

    /**
     * {@code left op right}, e.g. {@code BW_ckpt_sust_Bps >= BW_ckpt_req_Bps}.
     *
     * @param name relation name
     * @param comparison the inequality (names fully qualified once registered)
     * @param description what it means when it fails
     * @param reference the source
     */
    record Constraint(String name, Comparison comparison, String description, Reference reference)
            implements Relation {
        /** Checks the components. */
        public Constraint {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(comparison, "comparison");
        }

        @Override
        public Set<String> inputs() {
            Set<String> in = new LinkedHashSet<>(comparison.left().references());
            in.addAll(comparison.right().references());
            return in;
        }
    }
}
