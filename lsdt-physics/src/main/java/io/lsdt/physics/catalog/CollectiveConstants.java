package io.lsdt.physics.catalog;

/**
 * The constants of the ring α–β collective model ({@code lsdt/catalog/collectives.yaml}), each with its source.
 *
 * @param nvlinkStepLatency α of one ring step over a GPU-to-GPU scale-up link (s; NCCL's NVLink figure)
 * @param pciStepLatency α of one ring step over PCIe (s)
 * @param networkStepLatency α of one ring step over the scale-out network (s)
 * @param scaleUpEfficiency achieved share of the scale-up link rate in collectives (assumption)
 * @param scaleOutEfficiency achieved share of the scale-out link rate in collectives (assumption)
 * @param hostLink host link bandwidth per device per direction for devices whose entry gives none (B/s)
 * @param hostMemoryBandwidth host memory bandwidth per device for devices whose entry gives none (B/s)
 * @param hostMemoryCapacity host memory per device for devices whose entry gives none (B)
 */
public record CollectiveConstants(Sourced nvlinkStepLatency, Sourced pciStepLatency, Sourced networkStepLatency,
        Sourced scaleUpEfficiency, Sourced scaleOutEfficiency, Sourced hostLink, Sourced hostMemoryBandwidth,
        Sourced hostMemoryCapacity) {}
