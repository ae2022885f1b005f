package io.lsdt.graph.resolve;

import io.lsdt.graph.model.Relation.Equation;

/**
 * Whether an approximation that fired was used inside its validity condition.
 *
 * @param equation the approximation
 * @param status satisfied (valid), violated (used outside its validity) or unknown
 * @param left value of the condition's left side (base units)
 * @param right value of the condition's right side (base units)
 */
public record ValidityCheck(Equation equation, ConstraintCheck.Status status, double left, double right) {}
