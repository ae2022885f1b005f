package io.lsdt.physics.brief;

/**
 * The {@code design} section of a seed-format brief (consumed by the design layer; validated on load).
 *
 * @param devices fixed device count G, or null to auto-size
 * @param gpusPerNode devices per node
 * @param etaCompute sustained compute efficiency in (0, 1]
 * @param etaFabric sustained fabric efficiency in (0, 1]
 * @param tpMax largest tensor-parallel degree searched
 * @param ppMax largest pipeline-parallel degree searched
 * @param gMaxMultiplier auto-sizing searches G up to this multiple of N_guess
 * @param commModel communication model (the seed accepts only {@code ring_allreduce_dp_only})
 * @param commExposedFraction exposed share of communication in [0, 1]
 * @param zeroStage ZeRO stage 0–3
 */
public record SeedDesign(Long devices, int gpusPerNode, double etaCompute, double etaFabric, int tpMax, int ppMax,
        int gMaxMultiplier, String commModel, double commExposedFraction, int zeroStage) {}
