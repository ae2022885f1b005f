package io.lsdt.graph.resolve;

/**
 * A variable the resolver needed but could not give a value.
 *
 * @param name the variable
 * @param reason {@link Selection#ROOT} or {@link Selection#VARIANT}
 */
public record UnresolvedInput(String name, String reason) {}
