package io.lsdt.physics.design;

import java.util.Arrays;
import java.util.List;

/**
 * The inputs of the {@code design} scope, one table: each is a graph variable and the one place its value is read
 * from a design, its hardware and the calibration. The tracing resolver ({@code explain}), the compiled plan (one
 * prediction) and the search (millions) all fill their inputs from this table, so none keeps a layout of its own.
 * The model's shape comes from {@code Model.Architecture#assignments()}.
 */
public enum DesignInput {
    /** Tensor-parallel degree. */
    TP("design.tp", Group.DESIGN, true, (c, h, k) -> c.tp()),
    /** Pipeline stages. */
    PP("design.pp", Group.DESIGN, true, (c, h, k) -> c.pp()),
    /** Virtual stages per device (1 unless interleaved). */
    VPP("design.vpp", Group.DESIGN, true, (c, h, k) -> interleaved(c) ? c.vpp() : 1),
    /** Data-parallel degree. */
    DP("design.dp", Group.DESIGN, true, (c, h, k) -> c.dp()),
    /** Context-parallel degree. */
    CP("design.cp", Group.DESIGN, true, (c, h, k) -> c.cp()),
    /** Expert-parallel degree. */
    EP("design.ep", Group.DESIGN, true, (c, h, k) -> c.ep()),
    /** Sequences per micro-batch. */
    MB("design.mb", Group.DESIGN, true, (c, h, k) -> c.microBatch()),
    /** Sequences per step. */
    GBS("design.gbs", Group.DESIGN, false, (c, h, k) -> c.globalBatch()),
    /** Sequence parallelism. */
    SP("design.sp", Group.DESIGN, true, (c, h, k) -> c.sequenceParallel() ? 1 : 0),
    /** Full recomputation. */
    RC_FULL("design.rc_full", Group.DESIGN, true, (c, h, k) -> c.recompute() == Recompute.FULL ? 1 : 0),
    /** Selective recomputation. */
    RC_SEL("design.rc_sel", Group.DESIGN, true, (c, h, k) -> c.recompute() == Recompute.SELECTIVE ? 1 : 0),
    /** Optimizer state sharded (ZeRO ≥ 1). */
    Z1("design.z1", Group.DESIGN, true, (c, h, k) -> c.zeroStage() >= 1 ? 1 : 0),
    /** Gradients sharded (ZeRO ≥ 2). */
    Z2("design.z2", Group.DESIGN, true, (c, h, k) -> c.zeroStage() >= 2 ? 1 : 0),
    /** Weights sharded (ZeRO-3 / FSDP). */
    Z3("design.z3", Group.DESIGN, true, (c, h, k) -> c.zeroStage() >= 3 ? 1 : 0),
    /** GPipe schedule. */
    GPIPE("design.gpipe", Group.DESIGN, true, (c, h, k) -> c.schedule() == Schedule.GPIPE ? 1 : 0),
    /** Interleaved 1F1B. */
    INTERLEAVED("design.interleaved", Group.DESIGN, true, (c, h, k) -> interleaved(c) ? 1 : 0),
    /** Zero-bubble ZB-H1 schedule. */
    ZB("design.zb", Group.DESIGN, true, (c, h, k) -> c.schedule() == Schedule.ZB_H1 ? 1 : 0),
    /** DP communication overlapped with the backward. */
    OVERLAP_DP("design.overlap_dp", Group.DESIGN, false, (c, h, k) -> c.overlapDp() ? 1 : 0),
    /** TP communication overlapped with compute. */
    OVERLAP_TP("design.overlap_tp", Group.DESIGN, false, (c, h, k) -> c.overlapTp() ? 1 : 0),
    /** Fused attention. */
    FLASH("design.flash", Group.DESIGN, false, (c, h, k) -> c.flashAttention() ? 1 : 0),
    /** GPUs over which ZeRO shards the state. */
    SHARD("design.shard", Group.DESIGN, true, (c, h, k) -> c.shardSize()),
    /** Share of the parameters trained. */
    TRAIN_FRAC("design.train_frac", Group.DESIGN, false, (c, h, k) -> c.trainableFraction()),
    /** Bytes per weight. */
    /** 1 when the optimizer state and its step are on the host (either offload). */
    OFF_OPT("design.off_opt", Group.DESIGN, true, (c, h, k) -> c.offload() == Offload.NONE ? 0 : 1),
    /** 1 when parameters and gradients are on the host too. */
    OFF_PAR("design.off_par", Group.DESIGN, true, (c, h, k) -> c.offload() == Offload.PARAMETERS ? 1 : 0),
    /** Host link bandwidth per GPU per direction. */
    HOST_BW("design.host_bw", Group.HARDWARE, false, (c, h, k) -> h.hostLinkBandwidth()),
    /** Host memory bandwidth per GPU. */
    HOST_MEM_BW("design.host_mem_bw", Group.HARDWARE, false, (c, h, k) -> h.hostMemoryBandwidth()),
    /** Host memory per GPU. */
    HOST_CAP("design.host_cap", Group.HARDWARE, false, (c, h, k) -> h.hostMemoryBytes()),
    /** 1 when weights are stored below 16 bits (QLoRA's 4-bit base) and dequantized before each use. */
    DEQUANT("design.dequant", Group.STATE, false, (c, h, k) -> c.stateBytes().weights() < 2 ? 1 : 0),
    /** Bytes per weight (below 2 for a quantized base, as in QLoRA). */
    B_W("design.b_w", Group.STATE, false, (c, h, k) -> c.stateBytes().weights()),
    /** Bytes per gradient. */
    B_GRAD("design.b_grad", Group.STATE, false, (c, h, k) -> c.stateBytes().gradients()),
    /** Optimizer bytes per parameter. */
    B_OPT("design.b_opt", Group.STATE, false, (c, h, k) -> c.stateBytes().optimizer()),
    /** Bytes per gradient reduced over DP. */
    B_GRAD_COMM("design.b_grad_comm", Group.STATE, false, (c, h, k) -> c.stateBytes().gradientComm()),
    /** Dense peak at the GEMM precision. */
    PEAK("design.peak", Group.HARDWARE, false, (c, h, k) -> h.peakFlops()),
    /** Dense 16-bit peak for attention. */
    PEAK_ATTN("design.peak_attn", Group.HARDWARE, false, (c, h, k) -> h.attentionPeakFlops()),
    /** Memory bandwidth. */
    HBM_BW("design.hbm_bw", Group.HARDWARE, false, (c, h, k) -> h.memoryBandwidth()),
    /** Memory capacity. */
    HBM_CAP("design.hbm_cap", Group.HARDWARE, false, (c, h, k) -> h.memoryBytes()),
    /** Scale-up bandwidth per direction (the scale-out one when the device has no scale-up link). */
    BW_UP("design.bw_up", Group.HARDWARE, false,
            (c, h, k) -> h.scaleUpBandwidth() > 0 ? h.scaleUpBandwidth() : h.scaleOutBandwidth()),
    /** GPUs per scale-up domain. */
    DOMAIN("design.domain", Group.HARDWARE, false, (c, h, k) -> h.scaleUpDomain()),
    /** Scale-out bandwidth per direction (the scale-up one when the device has no NIC). */
    BW_OUT("design.bw_out", Group.HARDWARE, false,
            (c, h, k) -> h.scaleOutBandwidth() > 0 ? h.scaleOutBandwidth() : h.scaleUpBandwidth()),
    /** α of one scale-up ring step. */
    LAT_UP("design.lat_up", Group.HARDWARE, false, (c, h, k) -> h.scaleUpLatency()),
    /** α of one scale-out ring step. */
    LAT_OUT("design.lat_out", Group.HARDWARE, false, (c, h, k) -> h.scaleOutLatency()),
    /** Large-GEMM efficiency at the design's precision (fitted). */
    EFF_GEMM_MAX("design.eff_gemm_max", Group.CALIBRATION, false, (c, h, k) -> k.effGemmMax(c.numerics())),
    /** Width of half GEMM efficiency (fitted). */
    GEMM_HALF("design.gemm_half", Group.CALIBRATION, false, (c, h, k) -> k.gemmHalf()),
    /** Memory-bound traffic factor (fitted). */
    K_MEM("design.k_mem", Group.CALIBRATION, false, (c, h, k) -> k.kMem()),
    /** TP communication hidden by overlap (fitted). */
    TP_HIDDEN("design.tp_hidden", Group.CALIBRATION, false, (c, h, k) -> k.tpHidden()),
    /** Framework reserve (assumption). */
    RESERVE("design.reserve", Group.CALIBRATION, false, (c, h, k) -> k.reserve()),
    /** Attention efficiency (fitted). */
    EFF_ATTN("design.eff_attn", Group.CALIBRATION, false, (c, h, k) -> k.effAttn()),
    /** Scale-up link efficiency (assumption, catalog). */
    EFF_LINK_UP("design.eff_link_up", Group.CALIBRATION, false, (c, h, k) -> k.effLinkUp()),
    /** Scale-out link efficiency (assumption, catalog). */
    EFF_LINK_OUT("design.eff_link_out", Group.CALIBRATION, false, (c, h, k) -> k.effLinkOut());

    /** Where an input's value comes from. */
    public enum Group {
        /** The parallel design (what the search varies, and the recipe it keeps fixed). */
        DESIGN,
        /** The training state's bytes per parameter (the brief's state_bytes). */
        STATE,
        /** The catalog's device, fabric and collective figures. */
        HARDWARE,
        /** Constants fitted on the development set, or stated assumptions. */
        CALIBRATION
    }

    /** Reads one input's value. */
    @FunctionalInterface
    interface Reader {
        /**
         * The input's value for a design, its hardware and a calibration (SI).
         *
         * @param cfg the design
         * @param hw its hardware
         * @param cal the calibration
         * @return the value (SI)
         */
        double read(ParallelConfig cfg, Hardware hw, Calibration cal);
    }

    private static final List<DesignInput> ALL = List.of(values());
    private static final List<DesignInput> SEARCHED = Arrays.stream(values()).filter(d -> d.searched).toList();

    private final String variable;
    private final Group group;
    private final boolean searched;
    private final Reader reader;

    DesignInput(String variable, Group group, boolean searched, Reader reader) {
        this.variable = variable;
        this.group = group;
        this.searched = searched;
        this.reader = reader;
    }

    /**
     * The graph variable this input sets.
     *
     * @return the graph variable, e.g. {@code design.tp}
     */
    public String variable() {
        return variable;
    }

    /**
     * The group the input belongs to: the design, the hardware, the training state or the calibration.
     *
     * @return where the value comes from
     */
    public Group group() {
        return group;
    }

    /**
     * Whether the input is a search variable.
     *
     * @return whether the search varies it from one candidate to the next (else fixed for a whole search)
     */
    public boolean searched() {
        return searched;
    }

    /**
     * The input's value for one design on one hardware with one calibration.
     *
     * @param cfg the design
     * @param hw its hardware
     * @param cal the calibration
     * @return this input's value (SI)
     */
    public double value(ParallelConfig cfg, Hardware hw, Calibration cal) {
        return reader.read(cfg, hw, cal);
    }

    /**
     * The inputs the design scope reads.
     *
     * @return every input, in table order
     */
    public static List<DesignInput> all() {
        return ALL;
    }

    /**
     * The inputs that change between candidates of one search.
     *
     * @return the inputs the search varies
     */
    public static List<DesignInput> searchedInputs() {
        return SEARCHED;
    }

    /**
     * The graph variables the table sets.
     *
     * @return the graph variables of every input, in table order
     */
    public static List<String> variables() {
        return ALL.stream().map(DesignInput::variable).toList();
    }

    private static boolean interleaved(ParallelConfig c) {
        return c.schedule() == Schedule.INTERLEAVED_1F1B && c.vpp() > 1;
    }
}
