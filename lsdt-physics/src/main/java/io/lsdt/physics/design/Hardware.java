package io.lsdt.physics.design;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Precision;
import io.lsdt.physics.catalog.Sourced;

/**
 * The hardware a design runs on, in base units. Link bandwidths are per direction, per GPU.
 *
 * @param deviceId catalog device id
 * @param peakFlops dense peak of the GEMM precision (FLOP/s)
 * @param memoryBytes device memory capacity (B)
 * @param memoryBandwidth device memory bandwidth (B/s)
 * @param scaleUpBandwidth scale-up (NVLink-class) bandwidth per GPU per direction (B/s)
 * @param scaleUpDomain GPUs in one scale-up domain
 * @param scaleOutBandwidth scale-out (NIC) bandwidth per GPU per direction (B/s)
 * @param scaleUpLatency latency of one scale-up transfer (s)
 * @param scaleOutLatency latency of one scale-out transfer (s)
 * @param attentionPeakFlops dense 16-bit peak at which attention runs, even in FP8 recipes (FLOP/s)
 * @param hostLinkBandwidth host (PCIe-class) link per GPU per direction, over which offloaded state moves (B/s)
 * @param hostMemoryBandwidth the host's DRAM bandwidth per GPU of the server, at which the CPUs run an offloaded
 *     optimizer step (B/s)
 * @param hostMemoryBytes the host's memory per GPU of the server, which offloaded state must fit (B)
 */
public record Hardware(String deviceId, double peakFlops, double memoryBytes, double memoryBandwidth,
        double scaleUpBandwidth, int scaleUpDomain, double scaleOutBandwidth, double scaleUpLatency,
        double scaleOutLatency, double attentionPeakFlops, double hostLinkBandwidth, double hostMemoryBandwidth,
        double hostMemoryBytes) {

    /**
     * Hardware with a given host link and host memory bandwidth, and the catalog's default host memory.
     *
     * @param deviceId catalog device id
     * @param peakFlops dense peak of the GEMM precision (FLOP/s)
     * @param memoryBytes device memory capacity (B)
     * @param memoryBandwidth device memory bandwidth (B/s)
     * @param scaleUpBandwidth scale-up (NVLink-class) bandwidth per GPU per direction (B/s)
     * @param scaleUpDomain GPUs in one scale-up domain
     * @param scaleOutBandwidth scale-out (NIC) bandwidth per GPU per direction (B/s)
     * @param scaleUpLatency latency of one scale-up transfer (s)
     * @param scaleOutLatency latency of one scale-out transfer (s)
     * @param attentionPeakFlops dense 16-bit peak at which attention runs, even in FP8 recipes (FLOP/s)
     * @param hostLinkBandwidth host (PCIe-class) link per GPU per direction, over which offloaded state moves (B/s)
     * @param hostMemoryBandwidth the host's DRAM bandwidth per GPU of the server, at which the CPUs run an offloaded
     *     optimizer step (B/s)
     */
    public Hardware(String deviceId, double peakFlops, double memoryBytes, double memoryBandwidth,
            double scaleUpBandwidth, int scaleUpDomain, double scaleOutBandwidth, double scaleUpLatency,
            double scaleOutLatency, double attentionPeakFlops, double hostLinkBandwidth, double hostMemoryBandwidth) {
        this(deviceId, peakFlops, memoryBytes, memoryBandwidth, scaleUpBandwidth, scaleUpDomain, scaleOutBandwidth,
                scaleUpLatency, scaleOutLatency, attentionPeakFlops, hostLinkBandwidth, hostMemoryBandwidth,
                Catalog.builtIn().collectives().hostMemoryCapacity().si());
    }

    /**
     * Hardware with the catalog's default host ({@code collectives.yaml host_default}).
     *
     * @param deviceId catalog device id
     * @param peakFlops dense peak of the GEMM precision (FLOP/s)
     * @param memoryBytes device memory capacity (B)
     * @param memoryBandwidth device memory bandwidth (B/s)
     * @param scaleUpBandwidth scale-up (NVLink-class) bandwidth per GPU per direction (B/s)
     * @param scaleUpDomain GPUs in one scale-up domain
     * @param scaleOutBandwidth scale-out (NIC) bandwidth per GPU per direction (B/s)
     * @param scaleUpLatency latency of one scale-up transfer (s)
     * @param scaleOutLatency latency of one scale-out transfer (s)
     * @param attentionPeakFlops dense 16-bit peak at which attention runs, even in FP8 recipes (FLOP/s)
     */
    public Hardware(String deviceId, double peakFlops, double memoryBytes, double memoryBandwidth,
            double scaleUpBandwidth, int scaleUpDomain, double scaleOutBandwidth, double scaleUpLatency,
            double scaleOutLatency, double attentionPeakFlops) {
        this(deviceId, peakFlops, memoryBytes, memoryBandwidth, scaleUpBandwidth, scaleUpDomain, scaleOutBandwidth,
                scaleUpLatency, scaleOutLatency, attentionPeakFlops,
                Catalog.builtIn().collectives().hostLink().si(),
                Catalog.builtIn().collectives().hostMemoryBandwidth().si(),
                Catalog.builtIn().collectives().hostMemoryCapacity().si());
    }

    /**
     * Hardware whose attention runs at the GEMM peak (16-bit training).
     *
     * @param deviceId catalog device id
     * @param peakFlops dense peak of the GEMM precision (FLOP/s)
     * @param memoryBytes device memory capacity (B)
     * @param memoryBandwidth device memory bandwidth (B/s)
     * @param scaleUpBandwidth scale-up (NVLink-class) bandwidth per GPU per direction (B/s)
     * @param scaleUpDomain GPUs in one scale-up domain
     * @param scaleOutBandwidth scale-out (NIC) bandwidth per GPU per direction (B/s)
     * @param scaleUpLatency latency of one scale-up transfer (s)
     * @param scaleOutLatency latency of one scale-out transfer (s)
     */
    public Hardware(String deviceId, double peakFlops, double memoryBytes, double memoryBandwidth,
            double scaleUpBandwidth, int scaleUpDomain, double scaleOutBandwidth, double scaleUpLatency,
            double scaleOutLatency) {
        this(deviceId, peakFlops, memoryBytes, memoryBandwidth, scaleUpBandwidth, scaleUpDomain, scaleOutBandwidth,
                scaleUpLatency, scaleOutLatency, peakFlops);
    }

    /**
     * Builds the hardware of a catalog device.
     *
     * @param catalog the catalog
     * @param deviceId a device id
     * @param numerics the training numerics (selects the peak)
     * @return the hardware
     * @throws LsdtException when the device lacks a figure the design layer needs (a dense peak at the precision,
     *     memory capacity and bandwidth, a link to its peers)
     */
    public static Hardware of(Catalog catalog, String deviceId, Numerics numerics) {
        return of(catalog, deviceId, null, numerics);
    }

    private static Hardware ofDevice(Catalog catalog, String deviceId, Numerics numerics) {
        Device d = catalog.device(deviceId);
        Sourced peak = d.peakDense().get(numerics.gemmPrecision());
        if (peak == null && numerics == Numerics.FP16) {
            peak = d.peakDense().get(Precision.BF16);
        }
        if (peak == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "precision", numerics.name().toLowerCase(java.util.Locale.ROOT),
                    "a precision with a published dense peak for " + deviceId);
        }
        if (d.memoryCapacity() == null || d.memoryBandwidth() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "device", deviceId,
                    "a device with memory capacity and bandwidth in the catalog");
        }
        double up = d.scaleUp() == null || d.scaleUp().bandwidthPerDirection() == null ? 0
                : d.scaleUp().bandwidthPerDirection().si();
        int domain = d.scaleUp() == null || d.scaleUp().domainSize() == null ? 1
                : (int) d.scaleUp().domainSize().si();
        double out = d.scaleOut() == null || d.scaleOut().bandwidthPerDirection() == null ? 0
                : d.scaleOut().bandwidthPerDirection().si();
        Sourced attention = d.peakDense().get(Precision.BF16);
        if (attention == null) {
            attention = d.peakDense().get(Precision.FP16);
        }
        double attentionPeak = attention == null ? peak.si() : Math.min(peak.si(), attention.si());
        Sourced hostLink = d.hostLink() != null ? d.hostLink() : catalog.collectives().hostLink();
        Sourced hostMemory = d.hostMemoryBandwidth() != null ? d.hostMemoryBandwidth()
                : catalog.collectives().hostMemoryBandwidth();
        Sourced hostCapacity = d.hostMemoryCapacity() != null ? d.hostMemoryCapacity()
                : catalog.collectives().hostMemoryCapacity();
        return new Hardware(d.id(), peak.si(), d.usableMemory().si(), d.memoryBandwidth().si(), up, domain, out,
                scaleUpStepLatency(catalog, d).si(), catalog.collectives().networkStepLatency().si(), attentionPeak,
                hostLink.si(), hostMemory.si(), hostCapacity.si());
    }

    /**
     * The hardware of a catalog device on a catalog fabric: a scale-up fabric replaces the device's scale-up link
     * (bandwidth, domain, and PCIe's latency for a PCIe fabric); a scale-out fabric replaces its NIC bandwidth.
     *
     * @param catalog the catalog
     * @param deviceId a device id
     * @param fabricId a fabric id, or null for the device's own links
     * @param numerics the training numerics
     * @return the hardware
     * @throws LsdtException {@link Problem#INVALID_VALUE} for a fabric without a bandwidth; the catalog's errors for
     *     unknown ids (with the closest names)
     */
    public static Hardware of(Catalog catalog, String deviceId, String fabricId, Numerics numerics) {
        Hardware hw = withFabric(catalog, ofDevice(catalog, deviceId, numerics), fabricId);
        if (hw.scaleUpBandwidth() <= 0 && hw.scaleOutBandwidth() <= 0) {
            // every exchange between two devices would cost bytes / 0 B/s: refuse here, not as a NaN step later
            throw LsdtException.of(Problem.INVALID_VALUE, "device", deviceId, "a device with a link to its peers "
                    + "in the catalog (a scale_up or scale_out bandwidth); " + deviceId + " has neither")
                    .withHint("name a fabric for it (lsdt catalog list fabrics), e.g. --fabric pcie4-x16 or the "
                            + "brief's fabric.id");
        }
        return hw;
    }

    private static Hardware withFabric(Catalog catalog, Hardware hw, String fabricId) {
        if (fabricId == null) {
            return hw;
        }
        io.lsdt.physics.catalog.Fabric f = catalog.fabric(fabricId);
        if (f.bandwidthPerDirection() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, "fabric", fabricId, "a fabric with a bandwidth");
        }
        if (f.tier().equals("scale-up")) {
            int domain = f.domainSize() == null ? hw.scaleUpDomain() : (int) f.domainSize().si();
            double lat = f.technology().equals("pcie") ? catalog.collectives().pciStepLatency().si()
                    : catalog.collectives().nvlinkStepLatency().si();
            return new Hardware(hw.deviceId(), hw.peakFlops(), hw.memoryBytes(), hw.memoryBandwidth(),
                    f.bandwidthPerDirection().si(), domain, hw.scaleOutBandwidth(), lat, hw.scaleOutLatency(),
                    hw.attentionPeakFlops(), hw.hostLinkBandwidth(), hw.hostMemoryBandwidth(), hw.hostMemoryBytes());
        }
        return new Hardware(hw.deviceId(), hw.peakFlops(), hw.memoryBytes(), hw.memoryBandwidth(),
                hw.scaleUpBandwidth(), hw.scaleUpDomain(), f.bandwidthPerDirection().si(), hw.scaleUpLatency(),
                hw.scaleOutLatency(), hw.attentionPeakFlops(), hw.hostLinkBandwidth(), hw.hostMemoryBandwidth(),
                hw.hostMemoryBytes());
    }

    /**
     * This hardware on another scale-out network: the same device, its NIC bandwidth replaced.
     *
     * @param bytesPerSecond scale-out (NIC) bandwidth per GPU per direction (B/s, &gt; 0): a cluster's own network, as a
     *     run or a brief states it
     * @return this hardware with it
     */
    public Hardware withScaleOutBandwidth(double bytesPerSecond) {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INVALID_VALUE,
                    "scale-out bandwidth", bytesPerSecond, "a positive rate (B/s)");
        }
        return new Hardware(deviceId, peakFlops, memoryBytes, memoryBandwidth, scaleUpBandwidth, scaleUpDomain,
                bytesPerSecond, scaleUpLatency, scaleOutLatency, attentionPeakFlops, hostLinkBandwidth,
                hostMemoryBandwidth, hostMemoryBytes);
    }

    /**
     * The α of one ring step over a device's scale-up link: NCCL's PCIe figure for a PCIe scale-up fabric, its NVLink
     * figure for every direct GPU-to-GPU link (NVLink, Infinity Fabric, ICI, Gaudi's RoCE mesh).
     *
     * @param catalog the catalog
     * @param d the device
     * @return the latency, with its source
     */
    public static Sourced scaleUpStepLatency(Catalog catalog, Device d) {
        String fabric = d.scaleUp() == null ? null : d.scaleUp().fabric();
        boolean pci = fabric != null && catalog.fabrics().containsKey(fabric)
                && catalog.fabric(fabric).technology().equals("pcie");
        return pci ? catalog.collectives().pciStepLatency() : catalog.collectives().nvlinkStepLatency();
    }
}
