package io.lsdt.physics.catalog;

/**
 * An interconnect of the catalog.
 *
 * @param id catalog id, e.g. {@code ib-ndr}
 * @param name full name
 * @param tier scale-up, scale-out or host
 * @param technology nvlink, infiniband, ethernet, pcie, infinity-fabric or ici
 * @param bandwidthPerDirection per-direction bandwidth of one endpoint (B/s)
 * @param endpoint what the bandwidth is per: gpu, port or chip
 * @param domainSize endpoints in one domain, or null
 * @param latency latency (s), or null
 * @param notes caveats
 */
public record Fabric(String id, String name, String tier, String technology, Sourced bandwidthPerDirection,
        String endpoint, Sourced domainSize, Sourced latency, String notes) {}
