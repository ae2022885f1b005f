package io.lsdt.physics.brief;

/**
 * The {@code power_thermals} section of a seed-format brief (consumed by the power layer; validated on load).
 *
 * @param gpuPower power per device (W)
 * @param cpuPowerPerNode CPU power per node (W)
 * @param otherPowerPerNode other power per node: DRAM, NICs, board, fans, margin (W)
 * @param pue power usage effectiveness, ≥ 1
 * @param coolingMode air or liquid
 * @param deltaTAir allowed air temperature rise (K)
 * @param deltaTLiquid allowed liquid temperature rise (K)
 * @param nodesPerRack nodes per rack, or null
 * @param rackPowerLimit rack power limit (W), or null
 * @param racks rack count, or null
 */
public record SeedPowerThermals(double gpuPower, double cpuPowerPerNode, double otherPowerPerNode, double pue,
        String coolingMode, double deltaTAir, double deltaTLiquid, Long nodesPerRack, Double rackPowerLimit,
        Long racks) {}
