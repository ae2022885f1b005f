package io.lsdt.physics.catalog;

import io.lsdt.graph.unit.Quantity;

/**
 * A catalog number with its unit and source.
 *
 * @param quantity the value as written in the catalog
 * @param source where it comes from
 * @param note remark (conversions, caveats), or null
 */
public record Sourced(Quantity quantity, Source source, String note) {
    /**
     * The value converted to base units.
     *
     * @return the value in base units
     */
    public double si() {
        return quantity.si();
    }
}
