package io.lsdt.physics.catalog;

import java.util.Map;

/**
 * An accelerator of the catalog. Peak rates are dense (no 2:4 sparsity); link bandwidths are per direction.
 *
 * @param id catalog id, e.g. {@code h100-sxm}
 * @param name full name
 * @param vendor vendor
 * @param category datacenter-gpu, tpu, accelerator, edge-module, phone-soc or mcu
 * @param year year of release, or null
 * @param peakDense dense peak rate per precision (FLOP/s; OP/s for int8)
 * @param memoryCapacity memory capacity (B), or null
 * @param memoryBandwidth memory bandwidth (B/s), or null
 * @param tdp thermal design power (W), or null
 * @param scaleUp scale-up link, or null
 * @param scaleOut scale-out link per device, or null
 * @param listPrice list or street price (USD), or null
 * @param notes caveats
 * @param visibleMemory memory the driver reports to programs (B; nvidia-smi's total), or null when no source gives it
 * @param hostLink host (PCIe-class) link bandwidth per device per direction (B/s), or null (the catalog default)
 * @param hostMemoryBandwidth the host's memory bandwidth per device of its server (B/s: the CPUs' DRAM bandwidth over
 *     the accelerators per server), or null (the catalog default)
 * @param hostMemoryCapacity the host's memory per device of its server (B), or null (the catalog default)
 */
public record Device(String id, String name, String vendor, String category, Integer year,
        Map<Precision, Sourced> peakDense, Sourced memoryCapacity, Sourced memoryBandwidth, Sourced tdp, Link scaleUp,
        Link scaleOut, Sourced listPrice, String notes, Sourced visibleMemory, Sourced hostLink,
        Sourced hostMemoryBandwidth, Sourced hostMemoryCapacity) {

    /**
     * The memory a training job can allocate: the visible memory the driver reports where a source gives it (an H100
     * SXM5 80GB shows 81,559 MiB, more than the datasheet's "80 GB" read as 80e9 B), else the datasheet capacity.
     *
     * @return that memory, with its source, or null when the catalog has neither
     */
    public Sourced usableMemory() {
        return visibleMemory != null ? visibleMemory : memoryCapacity;
    }

    /**
     * A device's link to a fabric.
     *
     * @param fabric fabric id, or null
     * @param bandwidthPerDirection per-direction bandwidth of one device (B/s)
     * @param domainSize devices in the domain, or null
     */
    public record Link(String fabric, Sourced bandwidthPerDirection, Sourced domainSize) {}

    /** Copies the map. */
    public Device {
        peakDense = Map.copyOf(peakDense);
    }
}
