package io.lsdt.physics.macro;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Assignments;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.catalog.Sourced;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The macro section of a plan: one training job (a design's step time on G devices) resolved through the macro
 * scopes into cost, energy, carbon, water, reliability and stragglers. Every input is a brief value, a sourced
 * default from {@code macro.yaml}, or a number of the job itself, and each says which ({@link MacroResult#inputs()}).
 *
 * <p>How the job maps onto the graph: the site is the job (whole nodes, one node per rack, share 1); facility losses
 * are folded into the PUE (cooling variant {@code pue}); the step time is the expected slowest of the ranks (variant
 * {@code stragglers}, Blom 1958) and the wall time divides by Daly's goodput (variant {@code reliability}).
 */
public final class MacroPlan {
    private MacroPlan() {}

    /**
     * The training job the macro layer prices.
     *
     * @param devices devices of the job
     * @param gpusPerNode devices per node
     * @param stepTime the design's step time (s), before stragglers
     * @param tokensPerStep tokens per step
     * @param totalTokens tokens of the run
     * @param flopsPerStep model FLOPs per step
     * @param deviceId catalog device id
     * @param tdp device TDP (W)
     * @param utilization the design's MFU, as the device's average utilisation
     * @param checkpointWriteTime time to write one checkpoint (s), from the fundamentals
     * @param deviceListPrice catalog purchase price of one device (USD), or null
     * @param origin where the job's numbers come from, e.g. "design TP 8, PP 16, DP 128"
     */
    public record Job(long devices, int gpusPerNode, double stepTime, double tokensPerStep, double totalTokens,
            double flopsPerStep, String deviceId, double tdp, double utilization, double checkpointWriteTime,
            Sourced deviceListPrice, String origin) {}

    /** What the plan reports, in order: the variables of the macro section. */
    public static final List<String> TARGETS = List.of("econ.run.total_cost", "econ.run.hw_cost",
            "econ.run.power_cost", "econ.run.opex_misc_cost", "econ.cost.per_token", "econ.cost.per_gpu_hour",
            "thermal.dc.total_power", "thermal.dc.pue", "sust.energy.it", "sust.energy.facility",
            "sust.energy.per_token", "sust.co2.operational", "sust.co2.embodied", "sust.co2.total",
            "sust.water.total", "rel.fleet.mtbf", "rel.ckpt.interval", "rel.ckpt.interval_young", "rel.goodput",
            "rel.expected_failures", "tail.step.expected", "tail.step.p99", "tail.step.p999", "tail.step.efficiency",
            "training.wallclock_nominal", "training.wallclock", "training.mfu");

    /**
     * Resolves the macro section of a job: time to train, energy, cost and CO2.
     *
     * @param registry the graph
     * @param settings the brief's macro section
     * @param job the job
     * @return the resolved macro section
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the job cannot be priced (owned hardware with no
     *     purchase price, or a region with no US-dollar energy price and none in the brief)
     */
    public static MacroResult evaluate(Registry registry, MacroSettings settings, Job job) {
        return evaluate(registry, settings, job, null);
    }

    /**
     * The inputs of a design in the same resolution as the macro section: when given, the job's devices, tokens per
     * step, FLOPs per step, mean step and utilisation are not numbers handed over but the design scope's variables
     * (variants {@code design}), so one trace runs from every design input to the cost, the energy and the time to
     * train.
     *
     * @param inputs every design input (architecture and {@code design.*}, and any other variable the caller wants
     *     explainable from the same resolution, e.g. the brief's fundamentals inputs, or the device's TDP with its
     *     source), SI, with where each comes from; they take precedence over the job's numbers
     * @param variants variant choices of those inputs' scopes (e.g. the brief's fundamentals variants)
     * @param targets the design variables the caller reads from the same resolution
     */
    public record DesignLink(List<BriefInput> inputs, Map<String, String> variants, List<String> targets) {
        /** Copies the collections. */
        public DesignLink {
            inputs = List.copyOf(inputs);
            variants = Map.copyOf(variants);
            targets = List.copyOf(targets);
        }
    }

    /**
     * Resolves the macro section of a job, linked to its design's equations when one is given.
     *
     * @param registry the graph
     * @param settings the brief's macro section
     * @param job the job (with a design link, its step time, FLOPs, devices and utilisation are not read)
     * @param design the design's inputs, or null to take the job's numbers as given
     * @return the resolved macro section, with the design's variables when linked
     * @throws LsdtException as {@link #evaluate(Registry, MacroSettings, Job)}
     */
    public static MacroResult evaluate(Registry registry, MacroSettings settings, Job job, DesignLink design) {
        MacroCatalog cat = MacroCatalog.bundled();
        Registry reg = registry;
        Inputs in = new Inputs(reg, settings);
        MacroCatalog.Region region = cat.region(settings.region() == null ? cat.defaultRegion() : settings.region());
        String regionOrigin = settings.region() == null ? "default region " + region.id() : "macro.region "
                + region.id();

        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("training.flops_per_step", "dense");
        variants.put("training.t_step", "stragglers");
        variants.put("training.cluster_availability", "reliability");
        variants.put("thermal.facility.cooling_power", "pue");

        // the job
        long nodes = (job.devices() + job.gpusPerNode() - 1) / job.gpusPerNode();
        if (design == null) {
            in.job("par.n_gpus", job.devices(), "device", job.origin());
            in.job("arch.tokens_per_step", job.tokensPerStep(), "token", "brief: tokens per step");
            in.job("arch.flops.step_dense", job.flopsPerStep(), "FLOP", "fundamentals: model FLOPs per step");
            in.job("tail.step.mean", job.stepTime(), "s", job.origin() + ": step time");
            in.job("tail.step.ranks", job.devices(), "device", "every rank waits for the slowest each step");
            in.job("gpu.utilization", Math.min(1, job.utilization()), "1", job.origin() + ": MFU");
        } else {
            design.inputs().forEach(in::input);
            variants.putAll(design.variants());
            for (String v : List.of("par.n_gpus", "arch.tokens_per_step", "training.flops_per_step", "tail.step.mean",
                    "tail.step.ranks", "gpu.utilization", "gpu.peak_flops")) {
                variants.put(v, "design");
            }
        }
        in.job("training.total_tokens", job.totalTokens(), "token", "brief: tokens");
        in.given("tail.step.cv", "step_time_cv", "1");
        // device and host power
        in.job("gpu.tdp", job.tdp(), "W", "catalog device " + job.deviceId() + ": TDP");
        in.given("gpu.power.idle_fraction", "idle_fraction", "1");
        in.job("cluster.node.n_gpus", job.gpusPerNode(), "device", "brief: gpus_per_node");
        for (String part : List.of("cpu_power", "ram_power", "nic_power", "storage_power")) {
            in.job("cluster.node." + part, 0, "W", "inside macro.host_power_per_gpu");
        }
        in.job("cluster.node.misc.fixed_power", 0, "W", "inside macro.host_power_per_gpu");
        in.given("cluster.node.misc.power_per_gpu", "host_power_per_gpu", "W");
        in.job("cluster.rack.n_nodes", 1, "node", "the site is the job: one node per rack");
        in.job("cluster.site.n_racks", nodes, "1", "the job's nodes");
        // facility: losses folded into the PUE
        for (String loss : List.of("thermal.ups.loss_fraction", "thermal.transformer.loss_fraction",
                "thermal.misc.fraction")) {
            in.job(loss, 0, "1", "inside macro.pue");
        }
        in.job("thermal.lighting.power_per_rack", 0, "W", "inside macro.pue");
        in.given("thermal.pue_target", "pue", "1");
        // sustainability
        in.region("sust.grid.carbon_intensity", region.carbon(), "gCO2/kWh", regionOrigin + ": grid carbon");
        in.given("sust.water.wue", "wue", "L/kWh");
        in.given("sust.water.grid_intensity", "grid_water_intensity", "L/kWh");
        in.given("sust.embodied_per_gpu", "embodied_per_gpu", "kgCO2");
        in.given("econ.asset.useful_life", "it_useful_life", "yr");
        // reliability
        in.given("rel.gpu.mtbf", "gpu_mtbf", "h");
        in.given("rel.node.mtbf", "node_mtbf", "h");
        in.given("rel.restart_time", "restart_time", "min");
        if (settings.overrides().containsKey("checkpoint_write_time")) {
            in.brief("rel.ckpt.write_time", "checkpoint_write_time");
        } else {
            in.job("rel.ckpt.write_time", job.checkpointWriteTime(), "s", "fundamentals: checkpoint bytes / storage "
                    + "bandwidth (t_ckpt_min_s)");
        }
        // economics
        Sourced cloud = cat.cloudPrice(job.deviceId());
        boolean rentPriceGiven = settings.overrides().containsKey("gpu_hour_price");
        String ownership = settings.ownership() != null ? settings.ownership()
                : rentPriceGiven || cloud != null ? "rented" : "owned";
        variants.put("econ.job.capex_rate", ownership);
        in.job("econ.power.peak_energy_fraction", 1, "1", "one flat tariff");
        in.job("econ.power.capacity_charge", 0, "USD/(kW·month)", "assumption: no demand charge");
        in.job("econ.water.price", 0, "USD/L", "assumption: water not billed");
        in.job("econ.network.price_per_byte", 0, "USD/GB", "assumption: no egress billed for training");
        in.job("econ.network.egress_rate", 0, "B/s", "assumption: no egress billed for training");
        in.given("econ.carbon.price", "carbon_price", "USD/tCO2");
        if (ownership.equals("rented")) {
            if (rentPriceGiven) {
                in.brief("econ.rent.price_gpu_hour", "gpu_hour_price");
            } else if (cloud != null) {
                in.sourced("econ.rent.price_gpu_hour", cloud, "USD/h", "cloud price of " + job.deviceId());
            } else {
                throw LsdtException.of(Problem.INVALID_VALUE, "macro.gpu_hour_price", "(none)",
                        "a price per device-hour: no cloud price is catalogued for " + job.deviceId())
                        .withHint("add 'gpu_hour_price: 3.5 USD/h' to the brief's macro section, or 'ownership: "
                                + "owned' with gpu_price");
            }
            for (String p : List.of("econ.power.price_kwh_peak", "econ.power.price_kwh_offpeak")) {
                in.job(p, 0, "USD/kWh", "rented: energy is inside the price per device-hour");
            }
            in.job("econ.opex.maintenance_rate", 0, "USD/s", "rented: inside the price per device-hour");
            in.job("econ.opex.staff_rate", 0, "USD/s", "rented: inside the price per device-hour");
        } else {
            Quantity price;
            if (settings.overrides().containsKey("gpu_price")) {
                price = in.brief("econ.gpu.capex", "gpu_price");
            } else if (job.deviceListPrice() != null) {
                in.sourced("econ.gpu.capex", job.deviceListPrice(), "USD", "catalog list price of " + job.deviceId());
                price = job.deviceListPrice().quantity();
            } else {
                throw LsdtException.of(Problem.INVALID_VALUE, "macro.gpu_price", "(none)",
                        "a purchase price: the catalog has no list price for " + job.deviceId())
                        .withHint("add 'gpu_price: 25000 USD' to the brief's macro section, or 'ownership: rented' "
                                + "with gpu_hour_price");
            }
            double factor = in.setting("server_cost_factor");
            double interconnect = in.setting("interconnect_fraction");
            double gpu = price.si();
            in.job("econ.node.other_capex", (factor - 1) * job.gpusPerNode() * gpu, "USD", "(server_cost_factor − 1)"
                    + " × device price × devices per node [" + in.cite("server_cost_factor") + "]");
            in.job("econ.rack.network_capex", 0, "USD", "inside the site's interconnect");
            double servers = nodes * factor * job.gpusPerNode() * gpu;
            in.job("econ.site.network_capex", servers * interconnect / (1 - interconnect), "USD",
                    "interconnect_fraction of the cluster's cost [" + in.cite("interconnect_fraction") + "]");
            in.given("econ.facility.cost_per_watt", "facility_cost_per_watt", "USD/W");
            in.given("econ.asset.residual_fraction", "residual_fraction", "1");
            in.given("econ.facility.useful_life", "facility_useful_life", "yr");
            in.job("econ.cluster.utilization", 1, "1", "the job has the site to itself");
            in.given("econ.maintenance.fraction_per_year", "maintenance_per_year", "1/yr");
            in.given("econ.staff.cost_per_year", "staff_cost_per_year", "USD/yr");
            Quantity power = null;
            if (settings.overrides().containsKey("power_price")) {
                power = settings.overrides().get("power_price");
                in.brief("econ.power.price_kwh_peak", "power_price");
                in.brief("econ.power.price_kwh_offpeak", "power_price");
            } else if (region.price() != null) {
                in.region("econ.power.price_kwh_peak", region.price(), "USD/kWh", regionOrigin + ": energy price");
                in.region("econ.power.price_kwh_offpeak", region.price(), "USD/kWh", regionOrigin + ": energy price");
            } else {
                throw LsdtException.of(Problem.INVALID_VALUE, "macro.power_price", "(none)",
                        "an energy price: region " + region.id() + " has no US-dollar price in the catalog")
                        .withHint("add 'power_price: 0.12 USD/kWh' to the brief's macro section");
            }
        }
        List<String> targets = new ArrayList<>(TARGETS);
        if (design != null) {
            design.targets().stream().filter(t -> !targets.contains(t)).forEach(targets::add);
        }
        Resolution r = new Resolver(reg).resolve(in.values(), variants, targets);
        return new MacroResult(r, in.list(), Collections.unmodifiableMap(variants), region, ownership);
    }

    /**
     * Throughput a synchronous job keeps when every step waits for the slowest of its ranks: mean / expected maximum
     * step (Blom 1958), resolved through {@code tail.step.efficiency}.
     *
     * @param registry the graph
     * @param cv per-rank coefficient of variation of the step time
     * @param ranks ranks in the step
     * @return the share kept, in (0, 1]
     */
    public static double stragglerEfficiency(Registry registry, double cv, long ranks) {
        Assignments a = new Assignments(registry).setSi("tail.step.mean", 1).setSi("tail.step.cv", cv)
                .setSi("tail.step.ranks", ranks);
        return new Resolver(registry).resolve(a.values(), Map.of(), List.of("tail.step.efficiency"))
                .value("tail.step.efficiency");
    }

    /** Collects the assignments and where each comes from. */
    private static final class Inputs {
        private final Registry registry;
        private final MacroSettings settings;
        private final Assignments a;
        private final List<BriefInput> list = new ArrayList<>();
        private final java.util.Set<String> linked = new java.util.HashSet<>();

        Inputs(Registry registry, MacroSettings settings) {
            this.registry = registry;
            this.settings = settings;
            this.a = new Assignments(registry);
        }

        void input(BriefInput input) {
            a.setSi(input.variable(), input.value().si());
            list.add(input);
            linked.add(input.variable());
        }

        void job(String variable, double value, String unit, String origin) {
            if (linked.contains(variable)) {
                return; // the design link gave it, with its own origin
            }
            Quantity q = new Quantity(value, Units.parse(unit));
            a.set(variable, q);
            list.add(new BriefInput(variable, q, origin, null, origin.startsWith("assumption")));
        }

        void sourced(String variable, Sourced s, String unit, String origin) {
            Quantity q = s.quantity().to(Units.parse(unit));
            a.set(variable, q);
            Reference ref = s.source().reference();
            list.add(new BriefInput(variable, q, origin + (s.note() == null ? "" : " (" + s.note() + ")"), ref,
                    s.source().isEstimate()));
        }

        void region(String variable, Sourced s, String unit, String origin) {
            sourced(variable, s, unit, origin);
        }

        Quantity brief(String variable, String key) {
            Quantity q = settings.overrides().get(key);
            a.set(variable, q);
            list.add(new BriefInput(variable, q, "brief macro." + key, null, false));
            return q;
        }

        /** A brief value when given, else the sourced default. */
        void given(String variable, String key, String unit) {
            if (settings.overrides().containsKey(key)) {
                brief(variable, key);
            } else {
                sourced(variable, MacroCatalog.bundled().defaultValue(key), unit, "default macro." + key);
            }
        }

        double setting(String key) {
            Quantity q = settings.overrides().get(key);
            return q != null ? q.si() : MacroCatalog.bundled().defaultValue(key).si();
        }

        String cite(String key) {
            return settings.overrides().containsKey(key) ? "brief macro." + key
                    : MacroCatalog.bundled().defaultValue(key).source().id();
        }

        Map<String, Double> values() {
            return a.values();
        }

        List<BriefInput> list() {
            return List.copyOf(list);
        }
    }
}
