package io.lsdt.physics.brief;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.unit.Quantity;

/**
 * One input of a brief, mapped to a graph variable.
 *
 * @param variable the fully qualified graph variable it assigns
 * @param value the value as given (with its unit)
 * @param origin where it came from: a brief path ({@code workload.P}), a catalog entry, or a default
 * @param source the source behind a catalog number, else null
 * @param assumption true when the number is an assumption (a default LSDT chose, or a source of kind estimate)
 */
public record BriefInput(String variable, Quantity value, String origin, Reference source, boolean assumption) {}
