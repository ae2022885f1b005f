package io.lsdt.graph.resolve;

import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.unit.Unit;

/**
 * One equation fired by the resolver.
 *
 * @param variable the variable it defined
 * @param equation the equation
 * @param value the value it produced (base units)
 * @param unit the variable's display unit
 */
public record TraceStep(String variable, Equation equation, double value, Unit unit) {}
