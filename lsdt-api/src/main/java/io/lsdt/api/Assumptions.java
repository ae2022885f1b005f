package io.lsdt.api;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Fabric;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.design.Calibration;
import io.lsdt.physics.design.DesignInput;
import io.lsdt.physics.macro.MacroCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every number LSDT uses that no primary source gives: the ledger of its assumptions and fitted constants. A number is
 * listed when its source is of kind {@code estimate} (an LSDT assumption or a press figure), when it was fitted on
 * the development set, or when a graph variable's own reference says it is an assumption.
 */
public final class Assumptions {
    private Assumptions() {}

    /**
     * One unsourced or fitted number.
     *
     * @param kind where it lives: {@code calibration}, {@code catalog}, {@code collectives}, {@code macro default},
     *     {@code graph variable} or, for a plan, {@code plan input}
     * @param name its name (a graph variable, a catalog entry's field, a macro key)
     * @param value its value with its unit, or "" for a graph variable (its value comes with a brief)
     * @param basis what it rests on: "fitted on the development set", the estimate's source, or the note
     */
    public record Row(String kind, String name, String value, String basis) {}

    /**
     * Every assumption LSDT makes before it reads a brief.
     *
     * @param lsdt the graph, catalog and calibration in use
     * @return the assumptions of the catalog, the calibration, the macro defaults and the graph, in that order
     */
    public static List<Row> of(Lsdt lsdt) {
        List<Row> out = new ArrayList<>();
        Calibration cal = Calibration.DEFAULT;
        for (DesignInput in : DesignInput.all()) {
            if (in.group() != DesignInput.Group.CALIBRATION) {
                continue;
            }
            Variable v = lsdt.registry().variable(in.variable());
            double value = switch (in) {
                case EFF_GEMM_MAX -> cal.effGemmMax();
                case GEMM_HALF -> cal.gemmHalf();
                case K_MEM -> cal.kMem();
                case TP_HIDDEN -> cal.tpHidden();
                case RESERVE -> cal.reserve();
                case EFF_ATTN -> cal.effAttn();
                case EFF_LINK_UP -> cal.effLinkUp();
                case EFF_LINK_OUT -> cal.effLinkOut();
                default -> throw new IllegalStateException("not a calibration input: " + in);
            };
            String basis = switch (in) {
                case RESERVE -> "assumption: framework, allocator and communication buffers (docs/calibration.md)";
                case EFF_LINK_UP, EFF_LINK_OUT -> "assumption (catalog collectives.yaml): typical NCCL bus bandwidth";
                default -> "fitted on the development set (docs/calibration.md; lsdt validate --fit)";
            };
            out.add(new Row("calibration", in.variable(), UnitFormat.format(value, v.unit()), basis));
        }
        out.add(new Row("calibration", "effGemmMaxFp8", UnitFormat.significant(cal.effGemmMaxFp8()),
                "fitted on the development set (FP8 rows)"));
        for (Device d : lsdt.catalog().devices().values()) {
            d.peakDense().forEach((p, s) -> estimate(out, "device " + d.id() + " peak " + p.key(), s));
            estimate(out, "device " + d.id() + " memory capacity", d.memoryCapacity());
            estimate(out, "device " + d.id() + " memory bandwidth", d.memoryBandwidth());
            estimate(out, "device " + d.id() + " TDP", d.tdp());
            estimate(out, "device " + d.id() + " list price", d.listPrice());
            if (d.scaleUp() != null) {
                estimate(out, "device " + d.id() + " scale-up bandwidth", d.scaleUp().bandwidthPerDirection());
                estimate(out, "device " + d.id() + " scale-up domain", d.scaleUp().domainSize());
            }
            if (d.scaleOut() != null) {
                estimate(out, "device " + d.id() + " scale-out bandwidth", d.scaleOut().bandwidthPerDirection());
            }
        }
        for (Fabric f : lsdt.catalog().fabrics().values()) {
            estimate(out, "fabric " + f.id() + " bandwidth", f.bandwidthPerDirection());
            estimate(out, "fabric " + f.id() + " domain", f.domainSize());
            estimate(out, "fabric " + f.id() + " latency", f.latency());
        }
        // the physical floor's silicon (silicon.yaml): back-solved rates and inferred counts, and the energy figures
        for (var e : io.lsdt.physics.floor.Silicon.builtIn().devices().values()) {
            e.inputs().forEach((k, s) -> estimate(out, "device " + e.deviceId() + " silicon " + k, s));
        }
        io.lsdt.physics.floor.Silicon.builtIn().energy().forEach((k, s) -> estimate(out, "energy " + k, s));
        var c = lsdt.catalog().collectives();
        for (Map.Entry<String, Sourced> e : Map.of("ring step latency, NVLink", c.nvlinkStepLatency(),
                "ring step latency, PCIe", c.pciStepLatency(), "ring step latency, network", c.networkStepLatency(),
                "link efficiency, scale-up", c.scaleUpEfficiency(), "link efficiency, scale-out",
                c.scaleOutEfficiency()).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            if (e.getValue().source().isEstimate()) {
                out.add(new Row("collectives", e.getKey(), e.getValue().quantity().toString(),
                        e.getValue().source().title()));
            }
        }
        MacroCatalog macro = MacroCatalog.bundled();
        macro.defaults().forEach((k, s) -> {
            if (s.source().isEstimate()) {
                out.add(new Row("macro default", "macro." + k, s.quantity().toString(), s.note() != null ? s.note()
                        : s.source().title()));
            }
        });
        java.util.Set<String> listed = new java.util.HashSet<>();
        out.forEach(r -> listed.add(r.name()));
        for (Variable v : lsdt.registry().variables().values()) {
            Reference r = v.reference();
            if (r != null && !listed.contains(v.name()) && (r.kind() == Reference.Kind.ESTIMATE && !r.title().startsWith("LSDT calibration")
                    || r.title().toLowerCase(java.util.Locale.ROOT).contains("assumption"))) {
                out.add(new Row("graph variable", v.name(), "", v.description()));
            }
        }
        return out;
    }

    /**
     * The assumptions one plan's design rests on.
     *
     * @param point a plan's design
     * @return the inputs of its one resolution that are assumptions or fitted constants, with their origins
     */
    public static List<Row> of(DesignPoint point) {
        List<Row> out = new ArrayList<>();
        for (BriefInput in : point.origins().values()) {
            boolean fitted = in.source() != null && in.source().title().startsWith("LSDT calibration");
            if (in.assumption() || fitted) {
                out.add(new Row(fitted ? "fitted" : "plan input", in.variable(), in.value().toString(),
                        in.origin() + (in.source() == null ? "" : " [" + in.source().title() + "]")));
            }
        }
        return out;
    }

    private static void estimate(List<Row> out, String name, Sourced s) {
        if (s != null && s.source().isEstimate()) {
            out.add(new Row("catalog", name, s.quantity().toString(), s.source().title()
                    + (s.note() == null ? "" : " — " + s.note())));
        }
    }
}
