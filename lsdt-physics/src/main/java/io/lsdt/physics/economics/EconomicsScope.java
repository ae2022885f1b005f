package io.lsdt.physics.economics;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;

/**
 * What a run costs: capex, opex, the run's cost and its unit costs (gpu_stack's economics scope).
 * Variable names follow gpu_stack (seeds 003/004) and MLSys·im (seed 002); see {@code io.lsdt.physics.macro.MacroScopes}.
 */
public final class EconomicsScope {
    private EconomicsScope() {}

    /**
     * The economics scope.
     *
     * @return scope {@code econ}: capex, opex, the run's cost and its unit costs (gpu_stack's economics scope)
     */
    public static Scope econ() {
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
}
