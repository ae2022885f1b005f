package io.lsdt.physics.floor;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Reference.Kind;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;
import java.util.List;

/**
 * The physical floor under a device's datasheet figures, as four scopes of equations:
 * <ul>
 *   <li>{@code chip}: compute units × dense tensor FLOP per clock per unit × boost clock = peak (FLOP/s), checked
 *       against the datasheet peak within {@code chip.tolerance};</li>
 *   <li>{@code hbm}: stacks × pins per stack × per-pin data rate = memory bandwidth (B/s); stacks × stack capacity =
 *       capacity (B); the roofline ridge point peak / bandwidth (FLOP/B);</li>
 *   <li>{@code links}: scale-up links × per-link bandwidth (B/s, per direction); PCIe generation × lanes;</li>
 *   <li>{@code joules}: energy per FLOP and per bit moved at each level (Horowitz ISSCC 2014, O'Connor MICRO 2017,
 *       stated assumptions), the power those energies draw at peak rates, held against the TDP.</li>
 * </ul>
 * The silicon figures come from {@code lsdt/catalog/silicon.yaml} ({@link Silicon}); {@link Floor} resolves them for
 * one device. The design scope's hardware ({@code design.peak}, {@code design.hbm_bw}, {@code design.hbm_cap},
 * {@code design.bw_up}) has a {@code floor} variant that reads these values, so {@code lsdt graph cone
 * design.t_step} reaches the floor; plans use the datasheet values unless a brief assigns a floor.
 */
public final class FloorScopes {
    private FloorScopes() {}

    /** Whitepaper arithmetic: a peak is the product of the units, their rate per clock and the clock. */
    static final Reference WHITEPAPER = new Reference(
            "NVIDIA A100 and H100 architecture whitepapers, AMD CDNA 3 whitepaper: peak TFLOPS = units × FLOP per "
                    + "clock per unit × boost clock (e.g. H100 SXM5: 132 SMs × 4,096 dense BF16 FLOP/clk × 1.83 GHz "
                    + "= 989.4 TFLOP/s)",
            "https://images.nvidia.com/aem-dam/en-zz/Solutions/data-center/nvidia-ampere-architecture-whitepaper.pdf",
            null, Kind.DOCUMENTATION, "2020-05", null);
    /** JEDEC HBM: bandwidth = interface width × per-pin data rate. */
    static final Reference JEDEC_HBM = new Reference(
            "JEDEC JESD235 High Bandwidth Memory (HBM) DRAM: a stack's 1,024-bit interface (8 channels × 128 bit); "
                    + "bandwidth = stacks × pins × per-pin data rate",
            "https://www.jedec.org/standards-documents/docs/jesd235a", null, Kind.DOCUMENTATION, "2021", null);
    /** PCI Express base specification. */
    static final Reference PCIE = new Reference(
            "PCI-SIG, PCI Express Base Specification 3.0-5.0: 8 GT/s per lane at Gen3, doubling each generation, "
                    + "128b/130b encoding", "https://pcisig.com/specifications", null, Kind.DOCUMENTATION, "2019-05",
            null);
    /** Horowitz 2014: energy per operation and per access. */
    static final Reference HOROWITZ = new Reference(
            "M. Horowitz, 'Computing's energy problem (and what we can do about it)', ISSCC 2014",
            "https://ieeexplore.ieee.org/document/6757323", "10.1109/ISSCC.2014.6757323", Kind.PAPER, "2014-02",
            "Fig. 1.1.9");
    /** Williams, Waterman, Patterson 2009: the roofline. */
    static final Reference ROOFLINE = new Reference(
            "S. Williams, A. Waterman, D. Patterson, 'Roofline: an insightful visual performance model for multicore "
                    + "architectures', CACM 52(4) 2009", "https://doi.org/10.1145/1498765.1498785",
            "10.1145/1498765.1498785", Kind.PAPER, "2009-04", "ridge point = peak FLOP/s / memory bandwidth");

    /**
     * The scopes of the silicon floor.
     *
     * @return the floor scopes, in load order
     */
    public static List<Scope> all() {
        return List.of(chip(), hbm(), links(), joules());
    }

    /**
     * The compute floor scope.
     *
     * @return scope {@code chip}: the compute floor
     */
    public static Scope chip() {
        Reference cat = References.definition("catalog silicon.yaml (whitepaper figures, each with its source)");
        Reference ds = References.definition("catalog devices.yaml peak_dense (datasheet)");
        Scope s = Scope.named("chip", "Compute floor: units × dense FLOP per clock × clock, against the datasheet");
        s.variable("units", "1", "compute units enabled on the chip (NVIDIA SMs, AMD CUs, TPU MXUs)", cat,
                        Range.POSITIVE)
                .variable("flop_per_clock", "FLOP", "dense tensor (matrix) FLOP per clock per unit at the precision, "
                        + "a fused multiply-add counted as 2", cat, Range.POSITIVE)
                .variable("clock", "Hz", "boost clock at which the vendor states its peak", cat, Range.POSITIVE)
                .variable("peak", "FLOP/s", "dense peak derived from the silicon", WHITEPAPER, Range.POSITIVE)
                .equation("peak", "units * flop_per_clock * clock", WHITEPAPER)
                .variable("peak_datasheet", "FLOP/s", "the datasheet's dense peak at the same precision", ds,
                        Range.POSITIVE)
                .variable("tolerance", "1", "largest relative gap between a derived figure and its datasheet figure "
                        + "that counts as agreement (2 %: vendors round to three or four digits and quote clocks "
                        + "in MHz)", References.definition("LSDT floor check tolerance (assumption)"),
                        Range.FRACTION)
                .variable("peak_gap", "1", "relative gap of the derived peak to the datasheet peak", ds,
                        Range.ANY)
                .equation("peak_gap", "peak / peak_datasheet - 1", ds);
        s.constraint("peak_matches", "abs(peak_gap) <= tolerance", "the silicon does not give the datasheet peak: "
                + "a unit count, rate per clock or clock is wrong", WHITEPAPER);
        s.headline("peak", "peak_gap");
        return s;
    }

    /**
     * The memory floor scope.
     *
     * @return scope {@code hbm}: the memory floor and the roofline ridge
     */
    public static Scope hbm() {
        Reference cat = References.definition("catalog silicon.yaml (whitepaper figures, each with its source)");
        Reference ds = References.definition("catalog devices.yaml memory_bandwidth and memory_capacity (datasheet)");
        Scope s = Scope.named("hbm", "Memory floor: stacks × pins × per-pin rate; stacks × stack capacity; ridge");
        s.variable("stacks", "1", "memory stacks (HBM) or packages (GDDR, LPDDR) wired to the chip", cat,
                        Range.POSITIVE)
                .variable("pins", "1", "data pins per stack (HBM: 1,024)", cat, Range.POSITIVE)
                .variable("pin_rate", "Gb/s", "data rate per pin", cat, Range.POSITIVE)
                .variable("stack_capacity", "GB", "capacity of one stack", cat, Range.POSITIVE)
                .variable("bw", "B/s", "memory bandwidth derived from the interface", JEDEC_HBM, Range.POSITIVE)
                .equation("bw", "stacks * pins * pin_rate", JEDEC_HBM)
                .variable("capacity", "GB", "physical memory capacity of the stacks", JEDEC_HBM, Range.POSITIVE)
                .equation("capacity", "stacks * stack_capacity", JEDEC_HBM)
                .variable("bw_datasheet", "B/s", "the datasheet's memory bandwidth", ds, Range.POSITIVE)
                .variable("capacity_datasheet", "GB", "the datasheet's memory capacity", ds, Range.POSITIVE)
                .variable("bw_gap", "1", "relative gap of the derived bandwidth to the datasheet's", ds, Range.ANY)
                .equation("bw_gap", "bw / bw_datasheet - 1", ds)
                .variable("ridge", "FLOP/B", "roofline ridge point: the arithmetic intensity above which a kernel is "
                        + "compute-bound", ROOFLINE, Range.POSITIVE)
                .equation("ridge", "chip.peak / bw", ROOFLINE);
        s.constraint("bw_matches", "abs(bw_gap) <= chip.tolerance", "the interface does not give the datasheet "
                + "bandwidth", JEDEC_HBM)
                .constraint("capacity_holds", "capacity >= capacity_datasheet", "the stacks hold less than the "
                        + "datasheet sells (vendors may enable less than is stacked, never more)", JEDEC_HBM);
        s.headline("bw", "capacity", "ridge", "bw_gap");
        return s;
    }

    /**
     * The link floor scope.
     *
     * @return scope {@code links}: scale-up links and PCIe
     */
    public static Scope links() {
        Reference cat = References.definition("catalog silicon.yaml (whitepaper figures, each with its source)");
        Reference ds = References.definition("catalog devices.yaml scale_up bandwidth_per_direction (datasheet)");
        Scope s = Scope.named("links", "Interconnect floor: links × per-link bandwidth; PCIe generation × lanes");
        s.variable("count", "1", "scale-up links of one device (NVLink, Infinity Fabric, ICI ports)", cat,
                        Range.POSITIVE)
                .variable("link_bw", "B/s", "bandwidth of one link per direction", cat, Range.POSITIVE)
                .variable("scale_up_bw", "B/s", "scale-up bandwidth of one device per direction", WHITEPAPER,
                        Range.POSITIVE)
                .equation("scale_up_bw", "count * link_bw", WHITEPAPER.at("NVLink: links × 25 GB/s (Gen3/4) or "
                        + "50 GB/s (Gen5) per direction"))
                .variable("scale_up_datasheet", "B/s", "the datasheet's scale-up bandwidth per direction", ds,
                        Range.POSITIVE)
                .variable("scale_up_gap", "1", "relative gap of the derived scale-up bandwidth to the datasheet's",
                        ds, Range.ANY)
                .equation("scale_up_gap", "scale_up_bw / scale_up_datasheet - 1", ds)
                .variable("pcie_gen", "1", "PCIe generation of the host link (3 to 5)", cat, Range.POSITIVE)
                .variable("pcie_lanes", "1", "PCIe lanes of the host link", cat, Range.POSITIVE)
                .variable("pcie_lane_rate", "Gb/s", "raw signalling rate of one lane", PCIE, Range.POSITIVE)
                .equation("pcie_lane_rate", "8 [Gb/s] * 2 ^ (pcie_gen - 3)", PCIE.at("Gen3 8 GT/s, Gen4 16 GT/s, "
                        + "Gen5 32 GT/s"))
                .variable("pcie_bw", "B/s", "host link bandwidth per direction, after 128b/130b encoding", PCIE,
                        Range.POSITIVE)
                .equation("pcie_bw", "pcie_lanes * pcie_lane_rate * 128 / 130", PCIE);
        s.constraint("scale_up_matches", "abs(scale_up_gap) <= chip.tolerance", "the links do not give the datasheet "
                + "scale-up bandwidth", WHITEPAPER);
        s.headline("scale_up_bw", "pcie_bw", "scale_up_gap");
        return s;
    }

    /**
     * The energy floor scope.
     *
     * @return scope {@code joules}: energy per operation and per bit, power at peak against the TDP
     */
    public static Scope joules() {
        Reference cat = References.definition("catalog silicon.yaml energy section (each figure with its source)");
        Reference def = References.definition("power = rate × energy per unit of work");
        Scope s = Scope.named("joules", "Energy floor: joules per FLOP and per bit moved; power at peak vs TDP");
        s.variable("e_flop_45nm", "pJ/FLOP", "energy of one 16-bit FLOP at 45 nm (half a multiply-add)", HOROWITZ,
                        Range.POSITIVE)
                .variable("node_scale", "1", "energy per FLOP of the device's process relative to 45 nm", cat,
                        Range.POSITIVE)
                .variable("e_flop", "pJ/FLOP", "energy of one dense 16-bit FLOP on the device's process", HOROWITZ,
                        Range.POSITIVE)
                .equation("e_flop", "e_flop_45nm * node_scale", HOROWITZ)
                .variable("e_register", "pJ/bit", "energy per bit read from a register-file-sized SRAM (8 KB)",
                        HOROWITZ, Range.POSITIVE)
                .variable("e_sram", "pJ/bit", "energy per bit read from a large on-chip SRAM (1 MB)", HOROWITZ,
                        Range.POSITIVE)
                .variable("e_hbm", "pJ/bit", "energy per bit read from HBM", cat, Range.POSITIVE)
                .variable("e_link", "pJ/bit", "energy per bit over a scale-up (NVLink-class) link", cat,
                        Range.POSITIVE)
                .variable("e_network", "pJ/bit", "energy per bit over one network (NIC, optics) hop", cat,
                        Range.POSITIVE)
                .variable("p_compute", "W", "power of the tensor units at the derived peak", def, Range.POSITIVE)
                .equation("p_compute", "chip.peak * e_flop", def)
                .variable("p_hbm", "W", "power of HBM at its full bandwidth", def, Range.POSITIVE)
                .equation("p_hbm", "hbm.bw * e_hbm", def)
                .variable("p_peak", "W", "power of the tensor units and HBM both at their peak rates", def,
                        Range.POSITIVE)
                .equation("p_peak", "p_compute + p_hbm", def)
                .variable("p_links", "W", "power of the scale-up links at full rate, both directions", def,
                        Range.POSITIVE)
                .equation("p_links", "2 * links.scale_up_bw * e_link", def)
                .variable("tdp", "W", "thermal design power (datasheet)",
                        References.definition("catalog devices.yaml tdp (datasheet)"), Range.POSITIVE)
                .variable("e_flop_budget", "pJ/FLOP", "energy per FLOP the TDP allows at the derived peak, all else "
                        + "free", def, Range.POSITIVE)
                .equation("e_flop_budget", "tdp / chip.peak", def)
                .variable("e_hbm_per_flop_at_ridge", "pJ/FLOP", "HBM energy per FLOP of a kernel at the ridge point",
                        ROOFLINE, Range.POSITIVE)
                .equation("e_hbm_per_flop_at_ridge", "e_hbm / hbm.ridge", ROOFLINE)
                .variable("operand_reuse_min", "1", "how many FLOPs each 16-bit operand read from a register file "
                        + "must serve for operand reads to fit in the TDP left after compute and HBM (a matrix unit's "
                        + "raison d'être: without reuse, reads would cost more than the arithmetic)", HOROWITZ,
                        Range.ANY)
                .equation("operand_reuse_min", "chip.peak * e_register * 2 [B/FLOP] / (tdp - p_peak)",
                        HOROWITZ.at("an 8 KB SRAM read costs 10 pJ per 64 bit, more per bit than a 16-bit add"));
        s.constraint("tdp_holds", "p_peak <= tdp", "the tensor units and HBM at their peak rates would draw more "
                + "than the TDP: the device cannot run both at full rate", def);
        s.headline("p_peak", "p_links", "e_flop_budget", "e_hbm_per_flop_at_ridge", "operand_reuse_min");
        return s;
    }
}
