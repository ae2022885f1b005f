package io.lsdt.api;

import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.search.SearchSpace;
import io.lsdt.physics.design.StateBytes;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import io.lsdt.physics.macro.MacroSettings;

/**
 * What every design of one request shares ({@link Lsdt#context(PlanRequest)}).
 *
 * @param brief the brief
 * @param macro its macro settings
 * @param fundamentals its fundamentals
 * @param model the model
 * @param device the device
 * @param numerics the training precision
 * @param hardware the device (and the brief's fabric) at that precision
 * @param stateBytes the training state's bytes per parameter, as the brief states them
 * @param globalBatch sequences per step
 * @param steps optimizer steps of the run
 * @param deadline the deadline (s)
 * @param framework the brief's framework profile, or null (Megatron-style defaults)
 * @param floor the what-if floor of the brief's {@code floor:} section (then {@code hardware} is its scaled
 *     hardware: {@link io.lsdt.physics.floor.Floor#scale}), or null when the brief assigns none
 */
public record PlanContext(Brief brief, MacroSettings macro, FundamentalsResult fundamentals, Model model,
        Device device, Numerics numerics, Hardware hardware, StateBytes stateBytes, int globalBatch, double steps,
        double deadline, io.lsdt.physics.catalog.FrameworkProfile framework, io.lsdt.physics.floor.Floor floor) {

    /**
     * The search space on a given device count.
     *
     * @param devices G
     * @return the standard search space on G devices with the brief's batch, numerics and state bytes
     */
    public SearchSpace space(long devices) {
        SearchSpace s = SearchSpace.standard(model.architecture(), hardware, devices, globalBatch, numerics)
                .withStateBytes(stateBytes);
        return framework == null ? s : s.withFramework(framework);
    }

    /**
     * The node size the designs are laid out on.
     *
     * @return devices per node: the brief's, else the scale-up domain
     */
    public int node() {
        return brief.gpusPerNode() != null ? brief.gpusPerNode() : Math.max(1, hardware.scaleUpDomain());
    }
}
