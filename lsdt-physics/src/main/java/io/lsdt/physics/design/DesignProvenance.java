package io.lsdt.physics.design;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.physics.reference.References;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.catalog.Precision;
import io.lsdt.physics.catalog.Sourced;
import java.util.ArrayList;
import java.util.List;

import java.util.Map;

/**
 * Where every input of one design evaluation comes from: the model's shape (catalog model), the design itself, the
 * brief's state bytes, the catalog's device, fabric and collective figures with their sources, and the calibration
 * (fitted on the development set, or a stated assumption). The values are those of
 * {@link AnalyticalStepModel#assignments}; this adds the origin of each, for traces.
 */
public final class DesignProvenance {
    private DesignProvenance() {}

    /**
     * The inputs of a design's prediction, each with where its value comes from.
     *
     * @param registry the graph (for each variable's unit)
     * @param catalog the catalog the hardware came from
     * @param model the model
     * @param hw the hardware
     * @param cfg the design
     * @param calibration the calibration
     * @param hardwareOrigin where the hardware figures come from when they are not the catalog device's (e.g.
     *     "brief fabric roce-400g"), or null
     * @return every input with its origin, architecture first, then the {@link DesignInput} table
     */
    public static List<BriefInput> inputs(Registry registry, Catalog catalog, Model model, Hardware hw,
            ParallelConfig cfg, Calibration calibration, String hardwareOrigin) {
        List<BriefInput> out = new ArrayList<>();
        Reference modelRef = model.source() == null ? null : model.source().reference();
        for (Map.Entry<String, Double> e : model.architecture().assignments().entrySet()) {
            out.add(new BriefInput(e.getKey(), Quantity.ofSi(e.getValue(), registry.variable(e.getKey()).unit()),
                    "catalog model " + model.id(), modelRef, false));
        }
        Device d = catalog.devices().get(hw.deviceId());
        for (DesignInput in : DesignInput.all()) {
            double v = in.value(cfg, hw, calibration);
            Quantity q = Quantity.ofSi(v, registry.variable(in.variable()).unit());
            out.add(switch (in.group()) {
                case DESIGN -> new BriefInput(in.variable(), q, "design " + describe(cfg), null, false);
                case STATE -> new BriefInput(in.variable(), q, cfg.stateBytes().origin(), References.ZERO_2020
                        .at("§3.1: mixed-precision Adam state"), false);
                case HARDWARE -> hardware(in, q, v, d, catalog, cfg, hardwareOrigin);
                case CALIBRATION -> calibration(in, q, catalog);
            });
        }
        return out;
    }

    /**
     * A design in words, for reports and messages.
     *
     * @param cfg a design
     * @return e.g. "TP 8, CP 4, PP 16 (v 4), DP 32, EP 1, micro-batch 1, no recompute, ZeRO-1"
     */
    public static String describe(ParallelConfig cfg) {
        return "TP " + cfg.tp() + ", CP " + cfg.cp() + ", PP " + cfg.pp() + " (v " + cfg.vpp() + "), DP " + cfg.dp()
                + ", EP " + cfg.ep() + ", micro-batch " + cfg.microBatch() + ", "
                + (cfg.recompute() == Recompute.NONE ? "no" : cfg.recompute().key()) + " recompute, ZeRO-"
                + cfg.zeroStage() + switch (cfg.offload()) {
                    case NONE -> "";
                    case OPTIMIZER -> ", optimizer offloaded";
                    case PARAMETERS -> ", parameters offloaded";
                };
    }

    private static BriefInput hardware(DesignInput in, Quantity q, double v, Device d, Catalog catalog,
            ParallelConfig cfg, String hardwareOrigin) {
        Sourced s = null;
        String what = null;
        if (d != null) {
            switch (in) {
                case PEAK -> {
                    s = d.peakDense().get(cfg.numerics().gemmPrecision());
                    what = "dense " + cfg.numerics().gemmPrecision().key() + " peak";
                }
                case PEAK_ATTN -> {
                    s = d.peakDense().getOrDefault(Precision.BF16, d.peakDense().get(Precision.FP16));
                    what = "dense 16-bit peak";
                }
                case HBM_BW -> {
                    s = d.memoryBandwidth();
                    what = "memory bandwidth";
                }
                case HBM_CAP -> {
                    s = d.usableMemory();
                    what = d.visibleMemory() != null ? "visible memory" : "memory capacity (no visible figure "
                            + "published; the datasheet's)";
                }
                case BW_UP -> {
                    s = d.scaleUp() == null ? null : d.scaleUp().bandwidthPerDirection();
                    what = "scale-up bandwidth per direction";
                }
                case DOMAIN -> {
                    s = d.scaleUp() == null ? null : d.scaleUp().domainSize();
                    what = "scale-up domain";
                }
                case BW_OUT -> {
                    s = d.scaleOut() == null ? null : d.scaleOut().bandwidthPerDirection();
                    what = "scale-out bandwidth per direction";
                }
                case LAT_UP -> {
                    s = Hardware.scaleUpStepLatency(catalog, d);
                    what = "α per ring step, scale-up (collectives.yaml)";
                }
                case LAT_OUT -> {
                    s = catalog.collectives().networkStepLatency();
                    what = "α per ring step, network (collectives.yaml)";
                }
                case HOST_BW -> {
                    s = d.hostLink() != null ? d.hostLink() : catalog.collectives().hostLink();
                    what = d.hostLink() != null ? "host link per direction" : "host link per direction (the "
                            + "catalog's default host, collectives.yaml)";
                }
                case HOST_MEM_BW -> {
                    s = d.hostMemoryBandwidth() != null ? d.hostMemoryBandwidth()
                            : catalog.collectives().hostMemoryBandwidth();
                    what = d.hostMemoryBandwidth() != null ? "host memory bandwidth per device" : "host memory "
                            + "bandwidth per device (the catalog's default host, collectives.yaml)";
                }
                case HOST_CAP -> {
                    s = d.hostMemoryCapacity() != null ? d.hostMemoryCapacity()
                            : catalog.collectives().hostMemoryCapacity();
                    what = d.hostMemoryCapacity() != null ? "host memory per device" : "host memory per device (the "
                            + "catalog's default host, collectives.yaml)";
                }
                default -> throw new IllegalStateException("not a hardware input: " + in);
            }
        }
        if (s != null && Math.abs(s.si() - v) <= 1e-9 * Math.abs(v)) {
            return new BriefInput(in.variable(), q, "catalog " + d.id() + ": " + what
                    + (s.note() == null ? "" : " (" + s.note() + ")"), s.source().reference(), s.source().isEstimate());
        }
        String origin = hardwareOrigin != null ? hardwareOrigin : "hardware " + (d == null ? "record" : d.id());
        return new BriefInput(in.variable(), q, origin, null, false);
    }

    private static BriefInput calibration(DesignInput in, Quantity q, Catalog catalog) {
        return switch (in) {
            case EFF_LINK_UP -> sourced(in, q, catalog.collectives().scaleUpEfficiency(), "collectives.yaml");
            case EFF_LINK_OUT -> sourced(in, q, catalog.collectives().scaleOutEfficiency(), "collectives.yaml");
            case RESERVE -> new BriefInput(in.variable(), q, "assumption: framework, allocator and communication "
                    + "buffers (docs/calibration.md)", null, true);
            default -> new BriefInput(in.variable(), q, "fitted on the development set (docs/calibration.md; "
                    + "lsdt validate --fit)", References.FITTED_DEV_SET, false);
        };
    }

    private static BriefInput sourced(DesignInput in, Quantity q, Sourced s, String file) {
        return new BriefInput(in.variable(), q, "catalog " + file + (s.note() == null ? "" : " (" + s.note() + ")"),
                s.source().reference(), s.source().isEstimate());
    }

}
