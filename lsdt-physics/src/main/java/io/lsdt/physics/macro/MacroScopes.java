package io.lsdt.physics.macro;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;
import java.util.List;

/**
 * The macro layer: what a training run costs in dollars, watts, water and CO2, what failures and stragglers do to its
 * time, and what serving a model takes. Variable names of the {@code gpu}, {@code par}, {@code training},
 * {@code cluster}, {@code thermal} and {@code econ} scopes are gpu_stack's (seeds 003/004,
 * {@code shared/reference/equation-graph.md} §10), so that its scenarios resolve here unchanged; {@code sust},
 * {@code rel}, {@code tail} and {@code serve} follow MLSys·im (seed 002, {@code shared/reference/mlsysim.md} §6).
 *
 * <p>Where gpu_stack's audit found an equation wrong, the corrected form is used and said so: the pipeline overhead is
 * a share of the nominal step (Narayanan et al. 2021), the facility has its own useful life, and the cluster's
 * availability comes from the reliability scope rather than being an unlinked input.
 */
public final class MacroScopes {
    private MacroScopes() {}

    /** @return every macro scope, in dependency order */
    public static List<Scope> all() {
        return List.of(gpu(), par(), training(), cluster(), thermal(), econ(), sust(), rel(), tail(), serve());
    }

    /** @return scope {@code gpu}: the device figures the macro layer needs */
    static Scope gpu() {
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

    /** @return scope {@code par}: the job's size */
    static Scope par() {
        Scope s = Scope.named("par", "The job's parallel size");
        s.variable("n_gpus", "device", "devices the job runs on", References.GPU_STACK, Range.POSITIVE)
                .variant("n_gpus", "design", "design.devices * [device]",
                        References.definition("a plan: the chosen design of the design scope"), "TP × CP × PP × DP");
        return s;
    }

    /** @return scope {@code training}: step time, throughput and run length (gpu_stack's training scope) */
    static Scope training() {
        Reference gs = References.GPU_STACK;
        Reference n = References.NARAYANAN_2021;
        Scope s = Scope.named("training", "Step time, throughput and run length of a training job");
        s.variable("flops_per_step", "FLOP", "model FLOPs of one step", gs, Range.POSITIVE)
                .variant("flops_per_step", "dense", "arch.flops.step_dense", gs, null)
                .variant("flops_per_step", "moe", "arch.flops.step_moe", gs, null)
                .variant("flops_per_step", "design", "design.flop_model_step", n, "the design's model FLOPs: 6·P·T plus "
                        + "the attention scores and values (Narayanan et al. 2021 Eq. 3), not 6·P·T alone")
                .variable("recompute_overhead", "1", "executed FLOPs per model FLOP from recomputation (1 = none)",
                        gs, Range.AT_LEAST_ONE)
                .variable("optimizer_flop_multiplier", "1", "executed FLOPs per model FLOP from the optimizer step",
                        gs, Range.AT_LEAST_ONE)
                .variable("flops_executed_per_step", "FLOP", "FLOPs a step executes", gs, Range.POSITIVE)
                .equation("flops_executed_per_step", "flops_per_step * recompute_overhead * optimizer_flop_multiplier",
                        gs)
                .variable("peak_flops_power_limited", "FLOP/s", "the job's sustained FLOP/s", gs, Range.POSITIVE)
                .equation("peak_flops_power_limited", "par.n_gpus * gpu.peak_flops_power_limited", gs)
                .variable("t_compute", "s", "compute time of one step", gs, Range.POSITIVE)
                .equation("t_compute", "flops_executed_per_step / peak_flops_power_limited", gs)
                .variable("t_exposed_comm", "s", "communication a step waits for", gs, Range.NON_NEGATIVE)
                .variable("t_mem_bound", "s", "memory-bound kernels not overlapped with compute", gs,
                        Range.NON_NEGATIVE)
                .variable("t_step_nominal", "s", "step time before pipeline and other overheads", gs, Range.POSITIVE)
                .equation("t_step_nominal", "t_compute + t_exposed_comm + t_mem_bound", gs)
                .variable("overhead_fraction", "1", "pipeline bubble and other overheads, as a share of the nominal "
                        + "step ((p − 1)/m for 1F1B)", n, Range.NON_NEGATIVE)
                .variable("t_bubbles", "s", "time the overheads add to a step", n, Range.NON_NEGATIVE)
                .equation("t_bubbles", "t_step_nominal * overhead_fraction", n.at("§2.2.1: the bubble is (p − 1)/m of "
                        + "the ideal time"), "gpu_stack's audited form: a share of the nominal step, not of the total")
                .variable("t_step", "s", "time of one training step", gs, Range.POSITIVE)
                .variant("t_step", "components", "t_step_nominal + t_bubbles", gs,
                        "gpu_stack's ledger: compute, exposed communication, memory-bound time, overheads")
                .variant("t_step", "stragglers", "tail.step.expected", References.BLOM_1958,
                        "a synchronous step waits for its slowest rank: the expected maximum over the ranks")
                .variable("tokens_per_sec", "token/s", "training throughput", gs, Range.POSITIVE)
                .equation("tokens_per_sec", "arch.tokens_per_step / t_step", gs)
                .variable("total_tokens", "token", "tokens the run trains on", gs, Range.POSITIVE)
                .variable("n_steps", "step", "optimizer steps of the run", gs, Range.POSITIVE)
                .equation("n_steps", "total_tokens / arch.tokens_per_step", gs)
                .variable("wallclock_nominal", "s", "run time without interruptions", gs, Range.POSITIVE)
                .equation("wallclock_nominal", "n_steps * t_step", gs)
                .variable("cluster_availability", "1", "share of wall time the job makes progress (failures, "
                        + "restarts, checkpoints: rel.goodput)", gs, Range.FRACTION)
                .variant("cluster_availability", "reliability", "rel.goodput", References.DALY_2006,
                        "checkpoint writes, work lost to failures and restarts (Daly eq. 20)")
                .variable("wallclock", "s", "run time", gs, Range.POSITIVE)
                .equation("wallclock", "wallclock_nominal / cluster_availability", gs)
                .variable("achieved_flops", "FLOP/s", "model FLOP/s the job achieves", gs, Range.POSITIVE)
                .equation("achieved_flops", "flops_per_step / t_step", gs)
                .variable("mfu", "1", "model FLOPs utilisation", gs, Range.NON_NEGATIVE)
                .equation("mfu", "achieved_flops / (par.n_gpus * gpu.peak_flops)", gs)
                .variable("run_power_it", "W", "the job's device power (no host, no facility)", gs, Range.POSITIVE)
                .equation("run_power_it", "par.n_gpus * gpu.power.total", gs)
                .variable("energy_per_step", "J", "device energy of one step", gs, Range.POSITIVE)
                .equation("energy_per_step", "run_power_it * t_step", gs)
                .variable("energy_per_token", "J/token", "device energy per token trained", gs, Range.POSITIVE)
                .equation("energy_per_token", "energy_per_step / arch.tokens_per_step", gs);
        s.headline("t_step", "tokens_per_sec", "wallclock", "mfu", "energy_per_token");
        return s;
    }

    /** @return scope {@code cluster}: node, rack and site power and size (gpu_stack's cluster scope) */
    static Scope cluster() {
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

    /** @return scope {@code thermal}: facility losses, cooling and PUE (gpu_stack's thermal scope) */
    static Scope thermal() {
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

    /** @return scope {@code econ}: capex, opex, the run's cost and its unit costs (gpu_stack's economics scope) */
    static Scope econ() {
        Reference gs = References.GPU_STACK;
        Scope s = Scope.named("econ", "What the run costs: capital, power, operations");
        // the job's share of the site
        s.variable("job.share_of_cluster", "1", "the job's share of the site's devices", gs, Range.FRACTION)
                .equation("job.share_of_cluster", "par.n_gpus / cluster.n_gpus", gs)
                .variable("job.dc_power", "W", "the job's share of the site's total power", gs, Range.POSITIVE)
                .equation("job.dc_power", "job.share_of_cluster * thermal.dc.total_power", gs);
        // power
        s.variable("power.price_kwh_peak", "USD/kWh", "energy price at peak hours", gs, Range.NON_NEGATIVE)
                .variable("power.price_kwh_offpeak", "USD/kWh", "energy price off peak", gs, Range.NON_NEGATIVE)
                .variable("power.peak_energy_fraction", "1", "share of the energy bought at peak", gs,
                        Range.UNIT_INTERVAL)
                .variable("power.price_kwh", "USD/kWh", "average energy price", gs, Range.NON_NEGATIVE)
                .equation("power.price_kwh", "power.peak_energy_fraction * power.price_kwh_peak"
                        + " + (1 - power.peak_energy_fraction) * power.price_kwh_offpeak", gs)
                .variable("power.price_ws", "USD/J", "the same price per joule (watt-second)", gs, Range.NON_NEGATIVE)
                .equation("power.price_ws", "power.price_kwh", gs, "a change of unit: 1 kWh = 3.6e6 J")
                .variable("run.power_cost", "USD", "energy bill of the run", gs, Range.NON_NEGATIVE)
                .equation("run.power_cost", "power.price_ws * job.dc_power * training.wallclock", gs);
        // capital: devices, nodes, racks, site, facility, straight-line amortisation
        s.variable("gpu.capex", "USD", "purchase price of one device", gs, Range.NON_NEGATIVE)
                .variable("node.other_capex", "USD", "a node's CPUs, memory, NICs, drives and chassis", gs,
                        Range.NON_NEGATIVE)
                .variable("node.capex", "USD", "purchase price of a node", gs, Range.NON_NEGATIVE)
                .equation("node.capex", "cluster.node.n_gpus * gpu.capex + node.other_capex", gs)
                .variable("rack.network_capex", "USD", "a rack's switches and power distribution", gs,
                        Range.NON_NEGATIVE)
                .variable("rack.capex", "USD", "purchase price of a rack", gs, Range.NON_NEGATIVE)
                .equation("rack.capex", "cluster.rack.n_nodes * node.capex + rack.network_capex", gs)
                .variable("site.network_capex", "USD", "the site's spine network and shared storage", gs,
                        Range.NON_NEGATIVE)
                .variable("site.it_capex", "USD", "IT equipment of the site", gs, Range.NON_NEGATIVE)
                .equation("site.it_capex", "cluster.site.n_racks * rack.capex + site.network_capex", gs)
                .variable("facility.cost_per_watt", "USD/W", "building, power and cooling plant per watt of total "
                        + "capacity", gs, Range.NON_NEGATIVE)
                .variable("facility.capex", "USD", "the facility's construction", gs, Range.NON_NEGATIVE)
                .equation("facility.capex", "facility.cost_per_watt * thermal.dc.total_power", gs)
                .variable("cluster.capex_total", "USD", "IT and facility capital", gs, Range.NON_NEGATIVE)
                .equation("cluster.capex_total", "site.it_capex + facility.capex", gs)
                .variable("asset.residual_fraction", "1", "resale value of IT equipment at the end of its life", gs,
                        Range.UNIT_INTERVAL)
                .variable("asset.useful_life", "yr", "depreciation life of IT equipment", gs, Range.POSITIVE)
                .variable("facility.useful_life", "yr", "depreciation life of the facility", gs, Range.POSITIVE)
                .variable("cluster.capex_rate", "USD/s", "straight-line depreciation of the site", gs,
                        Range.NON_NEGATIVE)
                .equation("cluster.capex_rate", "site.it_capex * (1 - asset.residual_fraction) / asset.useful_life"
                        + " + facility.capex / facility.useful_life", gs,
                        "the facility depreciates over its own life (gpu_stack's audit: not over the IT life)")
                .variable("cluster.utilization", "1", "share of the site's capacity sold to jobs", gs,
                        Range.FRACTION)
                .variable("job.allocation", "1", "share of the site's fixed costs the job carries", gs,
                        Range.POSITIVE)
                .equation("job.allocation", "job.share_of_cluster / cluster.utilization", gs)
                .variable("rent.price_gpu_hour", "USD/h", "cloud rental price of one device-hour", gs,
                        Range.NON_NEGATIVE)
                .variable("job.capex_rate", "USD/s", "what the job's hardware costs per second", gs,
                        Range.NON_NEGATIVE)
                .variant("job.capex_rate", "owned", "cluster.capex_rate * job.allocation", gs,
                        "owning: the job's share of the depreciation")
                .variant("job.capex_rate", "rented", "par.n_gpus * rent.price_gpu_hour", gs,
                        "renting: the cloud price per device-hour")
                .variable("run.hw_cost", "USD", "hardware cost of the run", gs, Range.NON_NEGATIVE)
                .equation("run.hw_cost", "job.capex_rate * training.wallclock", gs);
        // operations
        s.variable("power.capacity_charge", "USD/(kW·month)", "demand charge on peak power", gs, Range.NON_NEGATIVE)
                .variable("opex.capacity_rate", "USD/s", "demand charge of the job", gs, Range.NON_NEGATIVE)
                .equation("opex.capacity_rate", "power.capacity_charge * job.dc_power", gs)
                .variable("water.price", "USD/L", "price of water", gs, Range.NON_NEGATIVE)
                .variable("opex.water_rate", "USD/s", "water cost of the job", gs, Range.NON_NEGATIVE)
                .equation("opex.water_rate", "water.price * sust.water.onsite_rate", gs)
                .variable("maintenance.fraction_per_year", "1/yr", "maintenance as a share of capital per year", gs,
                        Range.NON_NEGATIVE)
                .variable("opex.maintenance_rate", "USD/s", "maintenance cost of the job", gs, Range.NON_NEGATIVE)
                .equation("opex.maintenance_rate", "maintenance.fraction_per_year * cluster.capex_total"
                        + " * job.allocation", gs)
                .variable("staff.cost_per_year", "USD/yr", "operations staff of the site", gs, Range.NON_NEGATIVE)
                .variable("opex.staff_rate", "USD/s", "staff cost of the job", gs, Range.NON_NEGATIVE)
                .equation("opex.staff_rate", "staff.cost_per_year * job.allocation", gs)
                .variable("network.price_per_byte", "USD/GB", "egress price", gs, Range.NON_NEGATIVE)
                .variable("network.egress_rate", "B/s", "data the job sends out of the site", gs, Range.NON_NEGATIVE)
                .variable("opex.network_rate", "USD/s", "egress cost of the job", gs, Range.NON_NEGATIVE)
                .equation("opex.network_rate", "network.price_per_byte * network.egress_rate", gs)
                .variable("carbon.price", "USD/tCO2", "carbon price", gs, Range.NON_NEGATIVE)
                .variable("opex.carbon_rate", "USD/s", "carbon cost of the job's emissions", gs, Range.NON_NEGATIVE)
                .equation("opex.carbon_rate", "carbon.price * sust.co2_rate", gs)
                .variable("run.opex_misc_cost", "USD", "operations cost of the run other than energy", gs,
                        Range.NON_NEGATIVE)
                .equation("run.opex_misc_cost", "(opex.capacity_rate + opex.water_rate + opex.maintenance_rate"
                        + " + opex.staff_rate + opex.network_rate + opex.carbon_rate) * training.wallclock", gs)
                .variable("run.total_cost", "USD", "what the run costs", gs, Range.NON_NEGATIVE)
                .equation("run.total_cost", "run.hw_cost + run.power_cost + run.opex_misc_cost", gs)
                .variable("cost.per_token", "USD/token", "cost per token trained", gs, Range.NON_NEGATIVE)
                .equation("cost.per_token", "run.total_cost / training.total_tokens", gs)
                .variable("cost.per_step", "USD/step", "cost per optimizer step", gs, Range.NON_NEGATIVE)
                .equation("cost.per_step", "run.total_cost / training.n_steps", gs)
                .variable("cost.per_flop", "USD/FLOP", "cost per model FLOP", gs, Range.NON_NEGATIVE)
                .equation("cost.per_flop", "run.total_cost / (training.n_steps * training.flops_per_step)",
                        gs)
                .variable("cost.per_gpu_hour", "USD/h", "cost per device-hour of the run", gs, Range.NON_NEGATIVE)
                .equation("cost.per_gpu_hour", "run.total_cost / (par.n_gpus * training.wallclock)", gs);
        s.headline("run.total_cost", "cost.per_token", "cost.per_step", "cost.per_flop", "cost.per_gpu_hour");
        return s;
    }

    /** @return scope {@code sust}: energy, water and CO2 of the run (MLSys·im's sustainability model) */
    static Scope sust() {
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

    /** @return scope {@code rel}: failures, checkpoints and goodput (Young 1974, Daly 2006) */
    static Scope rel() {
        Reference y = References.YOUNG_1974;
        Reference d = References.DALY_2006;
        Reference ml = References.MLSYSIM;
        Scope s = Scope.named("rel", "Failures, checkpoints, restarts and the time to train with them");
        s.variable("gpu.mtbf", "h", "mean time between failures of one device (with its share of the host)", ml,
                        Range.POSITIVE)
                .variable("node.mtbf", "h", "mean time between failures of a node's other parts (NICs, PSUs, host, "
                        + "switch share)", ml, Range.POSITIVE)
                .variable("fleet.failure_rate", "1/h", "failures of the job per hour", ml, Range.POSITIVE)
                .equation("fleet.failure_rate", "par.n_gpus / gpu.mtbf"
                        + " + par.n_gpus / cluster.node.n_gpus / node.mtbf", ml.at("1/MTBF = Σ n_i / MTBF_i"))
                .variable("fleet.mtbf", "h", "mean time between failures of the job", ml, Range.POSITIVE)
                .equation("fleet.mtbf", "1 / fleet.failure_rate", ml)
                .variable("ckpt.write_time", "s", "time to write one checkpoint (the job stops meanwhile)", d,
                        Range.POSITIVE)
                .variable("restart_time", "s", "time from a failure to computing again: detection, rescheduling, "
                        + "reading the checkpoint", d, Range.NON_NEGATIVE)
                .variable("ckpt.interval_young", "s", "optimum compute time between checkpoints, first order", y,
                        Range.POSITIVE)
                .equation("ckpt.interval_young", "sqrt(2 * ckpt.write_time * fleet.mtbf)", y.at("τ = √(2δM)"))
                .variable("ckpt.interval", "s", "optimum compute time between checkpoints", d, Range.POSITIVE)
                .approximation("ckpt.interval", "sqrt(2 * ckpt.write_time * fleet.mtbf)"
                        + " * (1 + sqrt(ckpt.write_time / (2 * fleet.mtbf)) / 3"
                        + " + ckpt.write_time / (18 * fleet.mtbf)) - ckpt.write_time",
                        "ckpt.write_time < 2 * fleet.mtbf", d.at("eq. (37): τ = √(2δM)·[1 + √(δ/(2M))/3 + δ/(18M)] − δ "
                                + "for δ < 2M"))
                .variable("waste_fraction", "1", "wall time lost per unit of useful time: checkpoint writes, work "
                        + "redone after a failure, restarts", d, Range.NON_NEGATIVE)
                .equation("waste_fraction", "fleet.mtbf / ckpt.interval * exp(restart_time / fleet.mtbf)"
                        + " * (exp((ckpt.interval + ckpt.write_time) / fleet.mtbf) - 1) - 1", d.at("eq. (20): "
                                + "T_wall = M·e^(R/M)·(e^((τ+δ)/M) − 1)·T_s/τ for exponentially distributed failures"))
                .variable("goodput", "1", "share of wall time spent on useful training", d, Range.FRACTION)
                .equation("goodput", "1 / (1 + waste_fraction)", d)
                .variable("expected_failures", "1", "failures expected over the run", ml, Range.NON_NEGATIVE)
                .equation("expected_failures", "training.wallclock * fleet.failure_rate", ml);
        s.headline("ckpt.interval", "ckpt.interval_young", "goodput", "expected_failures");
        return s;
    }

    /** @return scope {@code tail}: stragglers in a synchronous step and queueing in serving */
    static Scope tail() {
        Reference blom = References.BLOM_1958;
        Reference tas = References.DEAN_BARROSO_2013;
        Reference k = References.KLEINROCK_1975;
        Scope s = Scope.named("tail", "Stragglers and tail latency");
        s.variable("step.cv", "1", "coefficient of variation of one rank's step time (independent, normal)", tas,
                        Range.NON_NEGATIVE)
                .variable("step.mean", "s", "mean step time of one rank", tas, Range.POSITIVE)
                .variant("step.mean", "design", "design.t_step",
                        References.definition("a plan: the chosen design of the design scope"),
                        "the design scope's step time is each rank's mean step")
                .variable("step.ranks", "device", "ranks that wait for each other every step", tas, Range.POSITIVE)
                .variant("step.ranks", "design", "par.n_gpus", References.definition("a plan: every rank of the job"),
                        "every rank waits for the slowest each step")
                .variable("step.expected", "s", "expected step time: the slowest of the ranks", blom, Range.POSITIVE)
                .equation("step.expected", "step.mean * (1 + step.cv * max(0, norminv((step.ranks - 0.375)"
                        + " / (step.ranks + 0.25))))", blom.at("E[max of n normals] ≈ μ + σ·Φ⁻¹((n − 3/8)/(n + 1/4))"))
                .variable("step.p99", "s", "99th percentile of the step time", tas, Range.POSITIVE)
                .equation("step.p99", "step.mean * (1 + step.cv * norminv(0.99 ^ (1 / step.ranks)))", tas.at("the "
                        + "slowest of n: P(max ≤ t) = F(t)^n"))
                .variable("step.p999", "s", "99.9th percentile of the step time", tas, Range.POSITIVE)
                .equation("step.p999", "step.mean * (1 + step.cv * norminv(0.999 ^ (1 / step.ranks)))", tas)
                .variable("step.efficiency", "1", "throughput kept despite stragglers: mean / expected step", tas,
                        Range.FRACTION)
                .equation("step.efficiency", "step.mean / step.expected", tas);
        s.variable("queue.arrival_rate", "1/s", "requests per second", k, Range.NON_NEGATIVE)
                .variable("queue.service_time", "s", "time a server takes per request", k, Range.POSITIVE)
                .variable("queue.servers", "1", "servers (replicas) working in parallel", k, Range.AT_LEAST_ONE)
                .variable("queue.load", "1", "offered load a = λ/μ (erlangs)", k, Range.NON_NEGATIVE)
                .equation("queue.load", "queue.arrival_rate * queue.service_time", k)
                .variable("queue.utilization", "1", "ρ = a / c", k, Range.NON_NEGATIVE)
                .equation("queue.utilization", "queue.load / queue.servers", k)
                .variable("queue.p_wait", "1", "probability that a request waits (Erlang C)", k, Range.UNIT_INTERVAL)
                .equation("queue.p_wait", "erlangc(queue.servers, queue.load)", k.at("§3.5: Erlang's C formula"))
                .variable("queue.mean_wait", "s", "mean wait in the queue", k, Range.NON_NEGATIVE)
                .equation("queue.mean_wait", "queue.p_wait * queue.service_time / (queue.servers - queue.load)", k)
                .variable("queue.p99_wait", "s", "99th percentile of the wait", k, Range.NON_NEGATIVE)
                .equation("queue.p99_wait", "max(0, ln(queue.p_wait / 0.01)) * queue.service_time"
                        + " / (queue.servers - queue.load)", k.at("P(W > t) = C·e^(−(cμ − λ)t)"))
                .variable("queue.p99_latency", "s", "99th percentile of wait plus service", k, Range.POSITIVE)
                .equation("queue.p99_latency", "queue.p99_wait + queue.service_time", k,
                        "service time taken as constant: the wait's tail dominates");
        s.constraint("queue_stable", "queue.load < queue.servers", "the queue grows without bound: more requests "
                + "arrive than the servers can serve", k);
        s.headline("step.expected", "step.p99", "step.p999", "step.efficiency", "queue.p99_latency",
                "queue.utilization", "queue.mean_wait");
        return s;
    }

    /** @return scope {@code serve}: serving a model and running one on a small device (roofline) */
    static Scope serve() {
        Reference kv = References.KWON_2023;
        Reference rf = References.ROOFLINE_2009;
        Reference ml = References.MLSYSIM;
        Scope s = Scope.named("serve", "Serving: memory, prefill, decode, throughput, cost; edge roofline");
        s.variable("n_gpus", "device", "devices one replica runs on (tensor parallel)", ml, Range.POSITIVE)
                .variable("params", "param", "parameters held", ml, Range.POSITIVE)
                .variant("params", "model", "arch.params_total", ml, "the catalog model's parameters")
                .variable("params_active", "param", "parameters a token passes through", ml, Range.POSITIVE)
                .variant("params_active", "model", "arch.params_active", ml, "the catalog model's active parameters")
                .variable("bytes_per_param", "B/param", "bytes per weight (precision)", ml, Range.POSITIVE)
                .variable("weights_bytes", "B", "weights of one replica", ml, Range.POSITIVE)
                .equation("weights_bytes", "params * bytes_per_param", ml)
                .variable("kv_bytes", "B", "bytes per cached key or value element", kv, Range.POSITIVE)
                .variable("kv_per_token", "B/token", "KV cache per token: 2 · layers · kv_heads · head_dim · bytes",
                        kv, Range.NON_NEGATIVE)
                .equation("kv_per_token", "2 * arch.layers * arch.kv_heads * arch.head_dim * kv_bytes / [token]", kv)
                .variable("seq_len", "token", "tokens a request holds in the cache (prompt and output)", kv,
                        Range.POSITIVE)
                .variable("prompt_tokens", "token", "prompt length", ml, Range.POSITIVE)
                .variable("batch", "1", "requests decoded together", ml, Range.AT_LEAST_ONE)
                .variable("kv_cache", "B", "KV cache of the batch", kv, Range.NON_NEGATIVE)
                .equation("kv_cache", "kv_per_token * seq_len * batch", kv)
                .variable("memory_capacity", "B", "memory of the devices, less what the runtime keeps", ml,
                        Range.POSITIVE)
                .variable("memory", "B", "weights and KV cache", ml, Range.POSITIVE)
                .equation("memory", "weights_bytes + kv_cache", ml)
                .variable("max_batch", "1", "largest batch whose KV cache fits beside the weights", kv, Range.ANY)
                .equation("max_batch", "floor((memory_capacity - weights_bytes) / (kv_per_token * seq_len))", kv)
                .variable("peak_flops", "FLOP/s", "dense peak of one device", rf, Range.POSITIVE)
                .variable("efficiency", "1", "share of the peak the kernels reach", ml, Range.FRACTION)
                .variable("mem_bw", "B/s", "memory bandwidth of one device", rf, Range.POSITIVE)
                .variable("prefill_flops", "FLOP", "FLOPs of the batch's prompts: 2 per active parameter per token",
                        ml, Range.POSITIVE)
                .equation("prefill_flops", "2 * params_active * prompt_tokens * batch * [FLOP/(param·token)]", ml)
                .variable("ttft", "s", "time to first token", ml, Range.POSITIVE)
                .equation("ttft", "prefill_flops / (n_gpus * peak_flops * efficiency)", ml)
                .variable("decode_step", "s", "one decode step of the batch: reading weights and cache, or the "
                        + "FLOPs, whichever is slower", rf, Range.POSITIVE)
                .equation("decode_step", "max((weights_bytes + kv_cache) / (n_gpus * mem_bw), 2 * params_active"
                        + " * batch * [FLOP/param] / (n_gpus * peak_flops * efficiency))", rf)
                .variable("tokens_per_sec", "token/s", "output tokens per second of one replica", ml, Range.POSITIVE)
                .equation("tokens_per_sec", "batch * [token] / decode_step", ml)
                .variable("tokens_per_sec_per_gpu", "token/s", "output tokens per second per device", ml,
                        Range.POSITIVE)
                .equation("tokens_per_sec_per_gpu", "tokens_per_sec / n_gpus", ml)
                .variable("price_gpu_hour", "USD/h", "price of one device-hour", ml, Range.NON_NEGATIVE)
                .variable("cost_per_token", "USD/token", "serving cost per output token", ml, Range.NON_NEGATIVE)
                .equation("cost_per_token", "n_gpus * price_gpu_hour / tokens_per_sec", ml);
        s.constraint("fits", "memory <= memory_capacity", "the weights and the batch's KV cache do not fit in the "
                + "devices' memory", kv);
        // a single inference on a small device (vision and tiny models)
        s.variable("request.flops", "FLOP", "FLOPs of one inference", rf, Range.POSITIVE)
                .variable("request.bytes", "B", "bytes one inference moves: weights and activations", rf,
                        Range.POSITIVE)
                .variable("request.latency", "s", "latency of one inference on one device (roofline)", rf,
                        Range.POSITIVE)
                .equation("request.latency", "max(request.flops / (peak_flops * efficiency), request.bytes / mem_bw)",
                        rf.at("time ≥ max(work / peak, traffic / bandwidth)"))
                .variable("request.energy", "J", "energy of one inference at the device's power", ml, Range.POSITIVE)
                .equation("request.energy", "gpu.power.total * request.latency", ml);
        s.headline("ttft", "decode_step", "tokens_per_sec_per_gpu", "cost_per_token", "max_batch", "memory",
                "request.latency", "request.energy");
        return s;
    }
}
