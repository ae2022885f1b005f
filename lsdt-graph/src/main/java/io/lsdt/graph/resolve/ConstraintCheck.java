package io.lsdt.graph.resolve;

import io.lsdt.graph.model.Relation.Constraint;
import java.util.List;

/**
 * The evaluation of a constraint after a resolution.
 *
 * @param constraint the constraint
 * @param status satisfied, violated or unknown
 * @param left value of the left side (base units), NaN when unknown
 * @param right value of the right side (base units), NaN when unknown
 * @param missing the inputs without a value, when unknown
 */
public record ConstraintCheck(Constraint constraint, Status status, double left, double right, List<String> missing) {
    /** Outcome of a check. */
    public enum Status { /** The constraint holds. */ SATISFIED, /** The constraint fails. */ VIOLATED, /** An input is missing. */ UNKNOWN }
}
