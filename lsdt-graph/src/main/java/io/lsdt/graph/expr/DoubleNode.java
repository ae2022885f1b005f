package io.lsdt.graph.expr;

/**
 * A compiled expression: reads base-unit doubles from slots and returns one. Built by {@link ExprCompiler}; no
 * boxing and no unit objects, for hot loops such as the design search.
 */
@FunctionalInterface
public interface DoubleNode {
    /**
     * Evaluates the node on a plan's slots.
     *
     * @param slots the slot array of a compiled plan
     * @return the value (base units)
     */
    double eval(double[] slots);
}
