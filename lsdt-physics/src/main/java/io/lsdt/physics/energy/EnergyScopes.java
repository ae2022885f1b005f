package io.lsdt.physics.energy;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;

/**
 * Power and energy of a training job: one device's power, the node, rack and site (gpu_stack's cluster scope), the facility's losses, cooling and PUE (gpu_stack's thermal scope), and the run's energy, water and CO2 (MLSys·im's sustainability model).
 * Variable names follow gpu_stack (seeds 003/004) and MLSys·im (seed 002); see {@code io.lsdt.physics.macro.MacroScopes}.
 */
public final class EnergyScopes {
    private EnergyScopes() {}

    /**
     * The device scope of the macro layer.
     *
     * @return scope {@code gpu}: the device figures the macro layer needs
     */
    public static Scope gpu() {
        Reference gs = References.GPU_STACK;
        Reference bh = References.BARROSO_2007;
        Scope s = Scope.named("gpu", "One device's peak and power, as the macro layer uses them");
        Reference plan = References.definition("a plan: the chosen design of the design scope");
        s.variable("peak_flops", "FLOP/s", "dense peak of the training precision", gs, Range.POSITIVE)
                .variant("peak_flops", "design", "design.peak", plan, "the catalog peak the design is computed at")
                .variable("peak_flops_power_limited", "FLOP/s", "FLOP/s one device sustains on the job (peak under "
                        + "its power limit, times the efficiency the job reaches)", gs, Range.POSITIVE)
                .variable("tdp", "W", "thermal design power", gs, Range.POSITIVE)
                .variable("utilization", "1", "share of the peak the device computes at on average (its MFU)", bh,
                        Range.UNIT_INTERVAL)
                .variant("utilization", "design", "training.mfu", plan, "the job's MFU at its expected step (with "
                        + "stragglers)")
                .variable("power.idle_fraction", "1", "power drawn when idle, as a share of TDP", bh,
                        Range.UNIT_INTERVAL)
                .variable("power.total", "W", "average power of one device on the job", bh, Range.POSITIVE)
                .equation("power.total", "tdp * (power.idle_fraction + (1 - power.idle_fraction) * utilization)",
                        bh.at("energy proportionality: power ≈ idle + (peak − idle) × utilisation; MLSys·im uses "
                                + "TDP × (0.30 + 0.70 × MFU)"));
        s.headline("power.total");
        return s;
    }

    /**
     * The cluster scope.
     *
     * @return scope {@code cluster}: node, rack and site power and size (gpu_stack's cluster scope)
     */
    public static Scope cluster() {
        Reference gs = References.GPU_STACK;
        Scope s = Scope.named("cluster", "Node, rack and site: devices and IT power");
        s.variable("node.n_gpus", "device", "devices per node", gs, Range.POSITIVE)
                .variable("node.n_cpus", "1", "CPU sockets per node", gs, Range.NON_NEGATIVE)
                .variable("node.cpu.power_per_cpu", "W", "power of one CPU socket", gs, Range.NON_NEGATIVE)
                .variable("node.cpu_power", "W", "CPU power of a node", gs, Range.NON_NEGATIVE)
                .equation("node.cpu_power", "node.n_cpus * node.cpu.power_per_cpu", gs)
                .variable("node.ram_bytes", "B", "host memory of a node", gs, Range.NON_NEGATIVE)
                .variable("node.ram.power_per_byte", "W/B", "host memory power per byte", gs, Range.NON_NEGATIVE)
                .variable("node.ram_power", "W", "host memory power of a node", gs, Range.NON_NEGATIVE)
                .equation("node.ram_power", "node.ram_bytes * node.ram.power_per_byte", gs)
                .variable("node.nic.count", "1", "network cards per node", gs, Range.NON_NEGATIVE)
                .variable("node.nic.power", "W", "power of one network card", gs, Range.NON_NEGATIVE)
                .variable("node.nic_power", "W", "network power of a node", gs, Range.NON_NEGATIVE)
                .equation("node.nic_power", "node.nic.count * node.nic.power", gs)
                .variable("node.ssd.count", "1", "local drives per node", gs, Range.NON_NEGATIVE)
                .variable("node.ssd.power", "W", "power of one local drive", gs, Range.NON_NEGATIVE)
                .variable("node.storage_power", "W", "local storage power of a node", gs, Range.NON_NEGATIVE)
                .equation("node.storage_power", "node.ssd.count * node.ssd.power", gs)
                .variable("node.misc.fixed_power", "W", "fans, board, BMC and other fixed power of a node", gs,
                        Range.NON_NEGATIVE)
                .variable("node.misc.power_per_gpu", "W", "other power per device (switches, retimers, fans)", gs,
                        Range.NON_NEGATIVE)
                .variable("node.misc_power", "W", "other power of a node", gs, Range.NON_NEGATIVE)
                .equation("node.misc_power", "node.misc.fixed_power + node.n_gpus * node.misc.power_per_gpu", gs)
                .variable("node.power", "W", "average power of a node", gs, Range.POSITIVE)
                .equation("node.power", "node.n_gpus * gpu.power.total + node.cpu_power + node.ram_power"
                        + " + node.nic_power + node.storage_power + node.misc_power", gs)
                .variable("rack.n_nodes", "node", "nodes per rack", gs, Range.POSITIVE)
                .variable("rack.power", "W", "IT power of a rack", gs, Range.POSITIVE)
                .equation("rack.power", "rack.n_nodes * node.power", gs)
                .variable("rack.n_gpus", "device", "devices per rack", gs, Range.POSITIVE)
                .equation("rack.n_gpus", "rack.n_nodes * node.n_gpus", gs)
                .variable("site.n_racks", "1", "racks at the site", gs, Range.POSITIVE)
                .variable("site.power_it", "W", "IT power of the site", gs, Range.POSITIVE)
                .equation("site.power_it", "site.n_racks * rack.power", gs)
                .variable("n_gpus", "device", "devices at the site", gs, Range.POSITIVE)
                .equation("n_gpus", "site.n_racks * rack.n_gpus", gs);
        s.headline("site.power_it", "n_gpus");
        return s;
    }

    /**
     * The thermal scope.
     *
     * @return scope {@code thermal}: facility losses, cooling and PUE (gpu_stack's thermal scope)
     */
    public static Scope thermal() {
        Reference gs = References.GPU_STACK;
        Reference gg = References.GREEN_GRID;
        Scope s = Scope.named("thermal", "Facility power: losses, cooling, PUE");
        s.variable("ups.loss_fraction", "1", "UPS losses as a share of IT power", gs, Range.UNIT_INTERVAL)
                .variable("facility.ups_loss", "W", "UPS losses", gs, Range.NON_NEGATIVE)
                .equation("facility.ups_loss", "ups.loss_fraction * cluster.site.power_it", gs)
                .variable("transformer.loss_fraction", "1", "transformer losses as a share of IT power", gs,
                        Range.UNIT_INTERVAL)
                .variable("facility.transformer_loss", "W", "transformer losses", gs, Range.NON_NEGATIVE)
                .equation("facility.transformer_loss", "transformer.loss_fraction * cluster.site.power_it", gs)
                .variable("lighting.power_per_rack", "W", "lighting and small loads per rack", gs,
                        Range.NON_NEGATIVE)
                .variable("facility.lighting", "W", "lighting", gs, Range.NON_NEGATIVE)
                .equation("facility.lighting", "lighting.power_per_rack * cluster.site.n_racks", gs)
                .variable("misc.fraction", "1", "other facility loads as a share of IT power", gs,
                        Range.UNIT_INTERVAL)
                .variable("facility.misc", "W", "other facility loads", gs, Range.NON_NEGATIVE)
                .equation("facility.misc", "misc.fraction * cluster.site.power_it", gs)
                .variable("cooling.cop", "1", "coefficient of performance of the cooling plant: heat removed per "
                        + "unit of electricity", gs, Range.POSITIVE)
                .variable("pue_target", "1", "PUE the facility is known to run at (when the losses are not known one "
                        + "by one)", gg, Range.AT_LEAST_ONE)
                .variable("facility.cooling_power", "W", "cooling power", gs, Range.NON_NEGATIVE)
                .variant("facility.cooling_power", "cop", "(cluster.site.power_it + facility.ups_loss"
                        + " + facility.transformer_loss + facility.lighting + facility.misc) / cooling.cop", gs,
                        "every watt drawn ends as heat the plant removes")
                .variant("facility.cooling_power", "pue", "max(0 [W], (pue_target - 1) * cluster.site.power_it"
                        + " - facility.ups_loss - facility.transformer_loss - facility.lighting - facility.misc)", gg,
                        "the cooling that makes the facility reach the PUE it is known to run at")
                .variable("dc.total_power", "W", "the site's total power", gs, Range.POSITIVE)
                .equation("dc.total_power", "cluster.site.power_it + facility.cooling_power + facility.ups_loss"
                        + " + facility.transformer_loss + facility.lighting + facility.misc", gs)
                .variable("dc.pue", "1", "power usage effectiveness, a result of the facility's loads", gg,
                        Range.AT_LEAST_ONE)
                .equation("dc.pue", "dc.total_power / cluster.site.power_it", gg.at("PUE = total facility power / "
                        + "IT equipment power"));
        s.headline("dc.total_power", "dc.pue");
        return s;
    }

    /**
     * The sustainability scope.
     *
     * @return scope {@code sust}: energy, water and CO2 of the run (MLSys·im's sustainability model)
     */
    public static Scope sust() {
        Reference ml = References.MLSYSIM;
        Reference p = References.PATTERSON_2021;
        Reference gg = References.GREEN_GRID;
        Scope s = Scope.named("sust", "Energy, water and CO2 of the run");
        s.variable("energy.it", "J", "IT energy of the run (the job's share of the site's IT power)", p,
                        Range.POSITIVE)
                .equation("energy.it", "econ.job.share_of_cluster * cluster.site.power_it * training.wallclock", p)
                .variable("energy.facility", "J", "facility energy of the run (IT × PUE)", p, Range.POSITIVE)
                .equation("energy.facility", "econ.job.dc_power * training.wallclock", p.at("energy = hours × "
                        + "power × PUE"))
                .variable("energy.per_token", "J/token", "facility energy per token trained", p, Range.POSITIVE)
                .equation("energy.per_token", "energy.facility / training.total_tokens", p)
                .variable("grid.carbon_intensity", "gCO2/kWh", "carbon intensity of the electricity", ml,
                        Range.NON_NEGATIVE)
                .variable("co2_rate", "kgCO2/s", "operational emissions of the job per second", p, Range.NON_NEGATIVE)
                .equation("co2_rate", "econ.job.dc_power * grid.carbon_intensity", p)
                .variable("co2.operational", "tCO2", "operational emissions of the run", p, Range.NON_NEGATIVE)
                .equation("co2.operational", "energy.facility * grid.carbon_intensity", p.at("tCO2e = MWh × "
                        + "tCO2e/MWh"))
                .variable("embodied_per_gpu", "kgCO2", "manufacturing emissions of one device with its share of the "
                        + "server", ml, Range.NON_NEGATIVE)
                .variable("co2.embodied", "tCO2", "the run's share of the devices' manufacturing emissions "
                        + "(straight-line over their life)", ml, Range.NON_NEGATIVE)
                .equation("co2.embodied", "par.n_gpus * embodied_per_gpu * training.wallclock"
                        + " / econ.asset.useful_life", ml)
                .variable("co2.total", "tCO2", "operational and embodied emissions", ml, Range.NON_NEGATIVE)
                .equation("co2.total", "co2.operational + co2.embodied", ml)
                .variable("co2.per_token", "gCO2/token", "emissions per token trained", ml, Range.NON_NEGATIVE)
                .equation("co2.per_token", "co2.total / training.total_tokens", ml)
                .variable("water.wue", "L/kWh", "site water usage effectiveness: litres per IT kWh", gg,
                        Range.NON_NEGATIVE)
                .variable("water.onsite_rate", "L/s", "water the site consumes for the job", gg, Range.NON_NEGATIVE)
                .equation("water.onsite_rate", "water.wue * econ.job.share_of_cluster * cluster.site.power_it", gg)
                .variable("water.onsite", "L", "water the site consumes for the run", gg, Range.NON_NEGATIVE)
                .equation("water.onsite", "water.wue * energy.it", gg.at("WUE = site water / IT energy"))
                .variable("water.grid_intensity", "L/kWh", "water consumed generating one kWh", ml,
                        Range.NON_NEGATIVE)
                .variable("water.offsite", "L", "water consumed generating the run's electricity", ml,
                        Range.NON_NEGATIVE)
                .equation("water.offsite", "water.grid_intensity * energy.facility", ml)
                .variable("water.total", "L", "on-site and off-site water", ml, Range.NON_NEGATIVE)
                .equation("water.total", "water.onsite + water.offsite", ml);
        s.headline("energy.facility", "energy.per_token", "co2.total", "co2.per_token", "water.total");
        return s;
    }
}
