package io.lsdt.physics.validation;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import io.lsdt.physics.search.DesignSearch;
import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.search.SearchSpace;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parallel design of one row (see {@link RunMapper}'s "Parallel design"): the layout, batch, ZeRO stage and
 * recomputation the row states, and for what it leaves unstated, the best design LSDT finds under the row's
 * constraints. A blank layout is searched with {@link DesignSearch} in a {@link SearchSpace} bounded by what the
 * framework profile can do: Megatron-family runs TP up to the scale-up domain (or the stated devices per node), PP
 * (not with ZeRO-2/3), CP for Megatron-Core and its successors, interleaving from 2022 on; every other profile
 * (PyTorch FSDP, FSDP2, DDP, DeepSpeed, JAX/XLA, other) TP = PP = CP = 1 with the stated ZeRO stage. A blank
 * micro-batch outside the Megatron family is the fastest of 1, 2, 4, …, 32 that fits in memory; an unstated global
 * batch is one micro-batch per device per step. The choice maximises predicted tokens per second per device among
 * designs that fit.
 */
final class RunDesign {
    private static final List<Integer> MICRO_CANDIDATES = List.of(1, 2, 4, 8, 16, 32);
    /** "used TP8 PP6" in a row's caveats: the source's own statement of a blank layout. */
    private static final Pattern CAVEAT_LAYOUT = Pattern.compile("used TP ?(\\d+) PP ?(\\d+)");
    /**
     * The note of a row whose recompute column is blank and whose layout is published: none is assumed, and
     * {@link RunValidation} revisits it when the design cannot fit without recomputation.
     */
    static final String RECOMPUTE_BLANK = "recompute blank: none assumed";
    private static final Pattern CAVEAT_ZERO = Pattern.compile("\\bZeRO-([0-3])\\b", Pattern.CASE_INSENSITIVE);

    private RunDesign() {}

    /**
     * A stated layout; {@code devices} = tp·pp·dp·cp.
     *
     * @param tp tensor-parallel degree
     * @param pp pipeline-parallel degree
     * @param dp data-parallel degree
     * @param cp context-parallel degree
     */
    record Layout(int tp, int pp, int dp, int cp) {
        /**
         * The devices the layout takes.
         *
         * @return tp·pp·dp·cp
         */
        long devices() {
            return (long) tp * pp * dp * cp;
        }
    }

    /**
     * The layout as published, with the check of its product against {@code device_count} (for
     * {@link RunMapper#layoutProblem}).
     *
     * @param c the row's cells (problems are recorded there)
     * @return the layout, or null after recording a problem (a cell missing or not a whole number, or a product that
     *     is not {@code device_count})
     */
    static Layout publishedLayout(RunMapper.Cells c) {
        int before = c.problems.size();
        Layout caveat = caveatLayout(c);
        if (caveat != null) {
            return caveat;
        }
        int tp = c.whole("tp");
        int pp = c.whole("pp");
        int dp = c.whole("dp");
        int cp = c.wholeOr("cp", 1);
        int devices = c.whole("device_count");
        if (c.problems.size() > before) {
            return null;
        }
        Layout l = new Layout(tp, pp, dp, cp);
        if (l.devices() != devices) {
            c.problems.add(mismatch(l, devices) + ": the row is inconsistent as published");
            return null;
        }
        return l;
    }

    private static String mismatch(Layout l, long devices) {
        long product = l.devices();
        String ratio = devices % product == 0 ? " (" + devices / product + "× the product)"
                : product % devices == 0 ? " (" + product / devices + "× fewer than the product)" : "";
        return "tp·pp·dp·cp = " + l.tp + "·" + l.pp + "·" + l.dp + "·" + l.cp + " = " + product
                + " but device_count = " + devices + ratio;
    }

    private static Layout caveatLayout(RunMapper.Cells c) {
        if (!(c.row.blank("tp") && c.row.blank("pp") && c.row.blank("dp"))) {
            return null;
        }
        Matcher caveat = CAVEAT_LAYOUT.matcher(c.row.text("caveats"));
        if (!caveat.find()) {
            return null;
        }
        int tp = Integer.parseInt(caveat.group(1));
        int pp = Integer.parseInt(caveat.group(2));
        int cp = c.wholeOr("cp", 1);
        OptionalDouble devices = c.row.number("device_count");
        if (devices.isEmpty() || devices.getAsDouble() % ((long) tp * pp * cp) != 0) {
            return null;
        }
        int dp = (int) (devices.getAsDouble() / ((long) tp * pp * cp));
        c.notes.add("tp, pp and dp blank: TP " + tp + " and PP " + pp + " taken from the row's caveats ('"
                + caveat.group() + "'), DP = device_count / (TP·PP·CP) = " + dp + " (assumption)");
        return new Layout(tp, pp, dp, cp);
    }

    /** The stated layout, completed; null when the row states none (it is searched). */
    private static Layout statedLayout(RunMapper.Cells c, int devices) {
        Layout caveat = caveatLayout(c);
        if (caveat != null) {
            return caveat;
        }
        boolean tpBlank = c.row.blank("tp");
        boolean ppBlank = c.row.blank("pp");
        boolean dpBlank = c.row.blank("dp");
        if (tpBlank && ppBlank && dpBlank) {
            return null;
        }
        int before = c.problems.size();
        int tp = tpBlank ? 1 : c.whole("tp");
        int pp = ppBlank ? 1 : c.whole("pp");
        int cp = c.wholeOr("cp", 1);
        if (tpBlank || ppBlank) {
            c.notes.add((tpBlank ? "tp" : "pp") + (tpBlank && ppBlank ? " and pp" : "") + " blank beside a stated "
                    + "layout: 1 assumed");
        }
        int dp;
        if (dpBlank) {
            long mp = (long) tp * pp * cp;
            if (c.problems.size() > before || devices % mp != 0) {
                c.problems.add("dp is blank and device_count " + devices + " is not a multiple of tp·pp·cp = " + mp);
                return null;
            }
            dp = (int) (devices / mp);
            c.notes.add("dp blank: device_count / (tp·pp·cp) = " + dp);
        } else {
            dp = c.whole("dp");
        }
        if (c.problems.size() > before) {
            return null;
        }
        Layout l = new Layout(tp, pp, dp, cp);
        if (l.devices() != devices) {
            c.notes.add(mismatch(l, devices) + ": the row is inconsistent as published; the layout is predicted as "
                    + "published, on " + l.devices() + " devices (the measured value is per device)");
        }
        return l;
    }

    /**
     * Resolves a row's design: the stated layout and micro-batch, with the unstated ones filled by the design search.
     *
     * @param effect what the row's framework and fine-tuning do to a design: candidates are ranked as they will be
     *     predicted; the design returned is without it ({@link RunBehaviour#apply} applies it, with its notes)
     * @param c the row's cells (problems and notes are recorded there)
     * @param arch the model's shape
     * @param hw the hardware
     * @param numerics the training numerics
     * @param fw the row's framework profile and ZeRO stage
     * @param devices the row's device count (the first to try when it is not stated)
     * @param growDevices whether the row states no device count, so that the count doubles until a design fits
     * @param model the step model whose design search fills an unstated layout or micro-batch, or null
     * @return the design, or null after recording the problems
     */
    static ParallelConfig resolve(RunMapper.Cells c, Model.Architecture arch, Hardware hw, Numerics numerics,
            FrameworkNames.Reading fw, int devices, boolean growDevices, AnalyticalStepModel model,
            RunBehaviour.Effect effect) {
        int before = c.problems.size();
        int vpp = c.wholeOr("vpp", 1);
        int ep = c.wholeOr("ep", 1);
        String framework = c.row.text("framework");
        boolean megatron = fw.profile().equals(FrameworkNames.MEGATRON);
        Layout layout = statedLayout(c, devices);
        boolean searched = layout == null && c.problems.size() == before;
        int zero = zero(c, fw, searched);
        if (megatronCoreFamily(framework) && c.row.blank("zero_fsdp") && zero == 0 && fw.zeroStage() == 0) {
            zero = 1;
            c.notes.add("zero_fsdp blank: ZeRO 1 (distributed optimizer) assumed — the overlap the " + framework
                    + " recipes turn on (--overlap-param-gather) requires --use-distributed-optimizer (Megatron-LM "
                    + "megatron/training/arguments.py)");
        }
        Recompute recompute = recompute(c, searched);
        Integer micro = micro(c, megatron);
        Integer global = global(c, layout, micro);
        boolean overlap = megatronCoreFamily(framework);
        if (overlap) {
            c.notes.add("DP and TP communication overlap assumed on (" + framework + " recipes)");
        } else {
            c.notes.add("DP and TP communication overlap assumed off outside Megatron-Core, NeMo and Megatron-Bridge, "
                    + "unless the framework profile sets it (frameworks.yaml)");
        }
        boolean flash = flashAttention(c, framework);
        if (c.problems.size() > before) {
            return null;
        }
        long g = layout == null ? devices : layout.devices();
        if (layout != null && micro != null && global != null) {
            ParallelConfig direct = config(c, layout, vpp, ep, micro, global, zero, recompute, numerics, overlap, flash,
                    framework);
            return c.problems.size() > before ? null : direct;
        }
        if (model == null) {
            c.problems.add((layout == null ? "tp, pp and dp are blank" : "micro_batch is blank") + ": the row needs "
                    + "LSDT's design search, and no step model was given to run it");
            return null;
        }
        List<Integer> mbs = micro != null ? List.of(micro) : MICRO_CANDIDATES;
        DesignSearch search = layout == null ? new DesignSearch(model) : null;
        Prediction best = null;
        ParallelConfig bestConfig = null;
        List<String> why = new ArrayList<>();
        String limits = null;
        int first = devices;
        for (; ; devices *= 2, g = devices) {
            for (int mb : mbs) {
                long gb = global != null ? global : g * mb;
                if (gb > Integer.MAX_VALUE) {
                    continue;
                }
                ParallelConfig cfg;
                if (layout != null) {
                    if (gb % ((long) layout.dp * mb) != 0) {
                        continue;
                    }
                    cfg = build(layout, vpp, ep, mb, (int) gb, zero, recompute, sequenceParallel(c, layout.tp, framework,
                            false), numerics, overlap, flash);
                    try {
                        cfg.validate(arch.layers(), arch.heads(), arch.kvHeads(), 0);
                    } catch (LsdtException e) {
                        why.add("micro-batch " + mb + ": " + RunMapper.oneLine(e));
                        continue;
                    }
                } else {
                    SearchSpace space = effect.apply(space(c, arch, hw, devices, (int) gb, numerics, fw, zero,
                            recompute, mb, flash));
                    limits = describe(space);
                    SearchResult r = search.search(space, 1, 1, null);
                    Prediction found = r.best().isEmpty() ? r.closestInfeasible() : r.best().get(0);
                    if (found == null) {
                        why.add("micro-batch " + mb + ": " + r.reason());
                        continue;
                    }
                    ParallelConfig f = found.config();
                    cfg = build(new Layout(f.tp(), f.pp(), f.dp(), f.cp()), f.vpp(), f.ep(), mb, (int) gb, f.zeroStage(),
                            f.recompute(), sequenceParallel(c, f.tp(), framework, false), numerics, overlap, flash);
                }
                Prediction p = model.predict(arch, hw, effect.apply(cfg));
                if (better(p, best)) {
                    best = p;
                    bestConfig = cfg;
                }
            }
            if (!growDevices || layout != null || best != null && best.fits() || devices >= 4096) {
                break;
            }
            best = null;
            bestConfig = null;
        }
        if (growDevices && layout == null && bestConfig != null) {
            c.notes.add("device_count: " + g + (g == first ? ", the first count tried" : " (" + first + " to "
                    + g / 2 + " fit no design)"));
        }
        if (bestConfig == null) {
            c.problems.add("no design for the row's constraints: " + String.join("; ", why));
            return null;
        }
        String rate = RunMapper.fmt(best.tokensPerSecond() / best.devices()) + " tokens/s per device";
        String fitText = best.fits() ? "the fastest that fits in memory" : "none fits in memory; the one needing the "
                + "least (" + RunMapper.fmt(best.memory().total() / 1e9) + " GB) is kept";
        if (global == null) {
            c.notes.add("global batch unstated: device_count · micro_batch = " + bestConfig.globalBatch()
                    + " sequences assumed (one micro-batch per device per step: no gradient accumulation under data "
                    + "parallelism" + (g / bestConfig.dp() > 1 ? ", " + g / bestConfig.dp() + " micro-batches per "
                    + "pipeline" : "") + ")");
        }
        if (layout == null) {
            c.notes.add("tp, pp and dp blank: LSDT's design search under the " + fw.profile() + " profile's limits ("
                    + limits + ") on " + g + " devices found TP " + bestConfig.tp() + " · PP " + bestConfig.pp()
                    + " · DP " + bestConfig.dp() + " · CP " + bestConfig.cp() + (bestConfig.vpp() > 1 ? ", VPP "
                    + bestConfig.vpp() : "") + ", micro-batch " + bestConfig.microBatch() + ", ZeRO "
                    + bestConfig.zeroStage() + ", recompute " + name(bestConfig.recompute()) + " — " + fitText
                    + " (predicted " + rate + ")");
        } else if (micro == null) {
            c.notes.add("micro_batch not stated: " + bestConfig.microBatch() + ", of " + join(mbs) + " " + fitText
                    + " (predicted " + rate + ")");
        }
        sequenceParallel(c, bestConfig.tp(), framework, true);
        return c.problems.size() > before ? null : bestConfig;
    }

    private static boolean better(Prediction p, Prediction best) {
        if (best == null) {
            return true;
        }
        if (p.fits() != best.fits()) {
            return p.fits();
        }
        if (!p.fits()) {
            return p.memory().total() < best.memory().total();
        }
        return p.tokensPerSecond() / p.devices() > best.tokensPerSecond() / best.devices() * (1 + 1e-12);
    }

    private static SearchSpace space(RunMapper.Cells c, Model.Architecture arch, Hardware hw, int devices,
            int globalBatch, Numerics numerics, FrameworkNames.Reading fw, int zero, Recompute recompute, int mb,
            boolean flash) {
        boolean megatron = fw.profile().equals(FrameworkNames.MEGATRON);
        String framework = c.row.text("framework");
        int tpMax = 1;
        int ppMax = 1;
        int cpMax = 1;
        int vppMax = 1;
        if (megatron) {
            tpMax = Math.max(1, hw.scaleUpDomain());
            OptionalDouble perNode = c.row.number("devices_per_node");
            if (perNode.isPresent()) {
                tpMax = Math.min(tpMax, (int) perNode.getAsDouble());
            }
            ppMax = zero >= 2 ? 1 : Integer.MAX_VALUE;
            cpMax = megatronCoreFamily(framework) ? 16 : 1;
            vppMax = from2022On(framework) ? 8 : 1;
        }
        Set<Integer> zeros = zero >= 0 ? Set.of(zero) : Set.of(0, 1, 2, 3);
        Set<Recompute> recomputes = recompute != null ? Set.of(recompute) : EnumSet.allOf(Recompute.class);
        return new SearchSpace(arch, hw, devices, globalBatch, numerics, tpMax, cpMax, vppMax, List.of(mb),
                recomputes, zeros, flash).withPpMax(ppMax);
    }

    private static String describe(SearchSpace s) {
        String pp = s.ppMax() == Integer.MAX_VALUE ? "any PP" : "PP ≤ " + s.ppMax();
        return "TP ≤ " + s.tpMax() + ", " + pp + ", CP ≤ " + s.cpMax() + ", ZeRO " + s.zeroStages().stream().sorted()
                .map(String::valueOf).collect(Collectors.joining("/")) + ", recompute " + s.recomputes().stream()
                .sorted().map(RunDesign::name).collect(Collectors.joining("/"));
    }

    private static String name(Recompute r) {
        return r.name().toLowerCase(Locale.ROOT);
    }

    private static String join(List<Integer> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static ParallelConfig config(RunMapper.Cells c, Layout l, int vpp, int ep, int micro, int global, int zero,
            Recompute recompute, Numerics numerics, boolean overlap, boolean flash, String framework) {
        boolean sp = sequenceParallel(c, l.tp, framework, true);
        return build(l, vpp, ep, micro, global, zero, recompute, sp, numerics, overlap, flash);
    }

    private static ParallelConfig build(Layout l, int vpp, int ep, int micro, int global, int zero,
            Recompute recompute, boolean sp, Numerics numerics, boolean overlap, boolean flash) {
        return new ParallelConfig(l.tp, l.pp, vpp, l.dp, l.cp, ep, micro, global, Math.max(0, zero),
                recompute == null ? Recompute.NONE : recompute, sp,
                vpp > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, numerics, overlap, overlap, flash);
    }

    // ------------------------------------------------------------------------------------------ batch

    private static Integer micro(RunMapper.Cells c, boolean megatron) {
        if (!c.row.blank("micro_batch")) {
            int m = c.wholeOr("micro_batch", 1);
            return m > 0 ? m : null;
        }
        if (megatron) {
            c.notes.add("micro_batch not stated: assumed 1");
            return 1;
        }
        return null;
    }

    private static Integer global(RunMapper.Cells c, Layout layout, Integer micro) {
        if (!c.row.blank("global_batch_seqs")) {
            int g = c.whole("global_batch_seqs");
            OptionalDouble tokens = c.row.number("global_batch_tokens");
            OptionalDouble seq = c.row.number("seq_len");
            if (g > 0 && tokens.isPresent() && seq.isPresent() && tokens.getAsDouble() != g * seq.getAsDouble()) {
                c.notes.add("global_batch_tokens " + c.row.text("global_batch_tokens") + " ≠ global_batch_seqs · seq_len"
                        + " = " + RunMapper.fmt(g * seq.getAsDouble()) + ": global_batch_seqs used");
            }
            gradAccumNote(c, layout, micro, g);
            return g > 0 ? g : null;
        }
        if (!c.row.blank("global_batch_tokens")) {
            Optional<RunRow.Lenient> tokens = c.row.lenient("global_batch_tokens");
            if (tokens.isEmpty()) {
                c.problems.add("global_batch_seqs is blank and global_batch_tokens = '"
                        + c.row.text("global_batch_tokens") + "' is not a number (expected tokens per step)");
                return null;
            }
            OptionalDouble seq = c.row.number("seq_len");
            if (seq.isEmpty() || seq.getAsDouble() <= 0) {
                return null; // seq_len's problem is recorded by the shape, or it was filled: fall through to a rule
            }
            double g = tokens.get().value() / seq.getAsDouble();
            if (g != Math.rint(g) || g < 1 || g > Integer.MAX_VALUE) {
                c.problems.add("global_batch_tokens " + c.row.text("global_batch_tokens") + " / seq_len "
                        + c.row.text("seq_len") + " = " + RunMapper.fmt(g) + " is not a whole number of sequences");
                return null;
            }
            c.notes.add("global batch = global_batch_tokens / seq_len = " + (long) g + " sequences");
            gradAccumNote(c, layout, micro, (int) g);
            return (int) g;
        }
        Optional<RunRow.Lenient> ga = c.row.lenient("grad_accum");
        if (layout != null && micro != null && ga.isPresent() && ga.get().value() >= 1) {
            long g = (long) micro * layout.dp * (long) ga.get().value();
            c.notes.add("global batch unstated: micro_batch · dp · grad_accum = " + micro + " · " + layout.dp + " · "
                    + RunMapper.fmt(ga.get().value()) + " = " + g + " sequences");
            return (int) Math.min(Integer.MAX_VALUE, g);
        }
        if (layout != null && micro != null) {
            long g = layout.devices() * micro;
            c.notes.add("global batch unstated: device_count · micro_batch = " + g + " sequences assumed (one "
                    + "micro-batch per device per step: grad_accum " + (c.row.blank("grad_accum") ? "blank, " : "")
                    + "no gradient accumulation under data parallelism, the frameworks' default"
                    + (layout.devices() / layout.dp > 1 ? "; " + layout.devices() / layout.dp + " micro-batches per "
                    + "pipeline" : "") + ")");
            return (int) Math.min(Integer.MAX_VALUE, g);
        }
        return null;
    }

    private static void gradAccumNote(RunMapper.Cells c, Layout layout, Integer micro, int global) {
        OptionalDouble ga = RunRow.parse(c.row.text("grad_accum"));
        if (ga.isPresent() && layout != null && micro != null && global > 0) {
            double implied = (double) global / ((double) layout.dp * micro);
            if (Math.abs(implied - ga.getAsDouble()) > 1e-9) {
                c.notes.add("grad_accum " + c.row.text("grad_accum") + " differs from global batch / (dp · micro_batch)"
                        + " = " + RunMapper.fmt(implied));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ ZeRO, recompute

    private static int zero(RunMapper.Cells c, FrameworkNames.Reading fw, boolean searched) {
        int z = fw.zeroStage();
        if (c.row.blank("zero_fsdp")) {
            Matcher m = CAVEAT_ZERO.matcher(c.row.text("caveats"));
            if (m.find()) {
                z = Integer.parseInt(m.group(1));
                c.notes.add("zero_fsdp blank: ZeRO " + z + " from the caveats ('" + m.group() + "')");
                return z;
            }
        }
        if (z >= 0) {
            return z;
        }
        if (searched) {
            c.notes.add("ZeRO stage not stated: the design search chooses among 0–3");
            return -1;
        }
        c.notes.add("ZeRO stage not stated: 0 assumed (nothing sharded)");
        return 0;
    }

    private static Recompute recompute(RunMapper.Cells c, boolean searched) {
        String text = c.row.text("recompute");
        String r = text.toLowerCase(Locale.ROOT);
        if (r.isEmpty()) {
            if (searched) {
                c.notes.add("recompute blank: the design search chooses");
                return null;
            }
            c.notes.add(RECOMPUTE_BLANK);
            return Recompute.NONE;
        }
        if (RunMapper.NOT_APPLICABLE.contains(r) || r.equals("no") || r.startsWith("none") || r.startsWith("no ")
                || r.contains("without activation checkpointing")) {
            return Recompute.NONE;
        }
        if (r.contains("selective")) {
            if (r.contains("block")) {
                c.notes.add("recompute '" + text + "' read as selective (LSDT's selective recomputes the attention "
                        + "core; the source checkpoints some blocks in full, which costs more)");
            }
            return Recompute.SELECTIVE;
        }
        if (r.contains("full")) {
            return Recompute.FULL;
        }
        if (r.contains("checkpoint")) {
            c.notes.add("recompute '" + text + "' read as full (every block checkpointed)");
            return Recompute.FULL;
        }
        c.problems.add("recompute = '" + text + "': expected full, selective, none or blank");
        return Recompute.NONE;
    }

    // ------------------------------------------------------------------------------------------ framework facts

    private static boolean sequenceParallel(RunMapper.Cells c, int tp, String framework, boolean record) {
        String spText = c.row.text("sequence_parallel").toLowerCase(Locale.ROOT);
        switch (spText) {
            case "yes", "true", "y", "on" -> {
                return true;
            }
            case "no", "false", "n", "off" -> {
                return false;
            }
            case "" -> {
                boolean sp = tp > 1 && from2022On(framework);
                if (sp && record) {
                    c.notes.add("sequence_parallel not stated: assumed on (tp > 1 under " + framework
                            + ", whose recipes enable it with TP)");
                }
                return sp;
            }
            default -> {
                if (record) {
                    c.problems.add("sequence_parallel = '" + c.row.text("sequence_parallel")
                            + "': expected yes or no");
                }
                return false;
            }
        }
    }

    /**
     * Megatron-Core and the frameworks built on it: NeMo, Megatron-Bridge.
     *
     * @param framework a row's framework text
     * @return whether it names one of them
     */
    static boolean megatronCoreFamily(String framework) {
        String f = framework.toLowerCase(Locale.ROOT);
        return f.contains("megatron-core") || f.contains("mcore") || f.contains("nemo") || f.contains("megatron-bridge");
    }

    /**
     * Fused attention: not when the text says the run had none, under PyTorch 1.x (before SDPA), or under a framework
     * dated up to 2022 (except Megatron-Core's family); otherwise fused, a blank framework included.
     */
    private static boolean flashAttention(RunMapper.Cells c, String framework) {
        String f = framework.toLowerCase(Locale.ROOT);
        if (f.contains("without flashattention") || f.contains("without flash attention")
                || f.contains("no flashattention")) {
            c.notes.add("attention unfused: the framework text says the run had no FlashAttention");
            return false;
        }
        if (Pattern.compile("(pytorch|torch) 1\\.\\d").matcher(f).find()) {
            c.notes.add("attention unfused (PyTorch 1.x, before fused scaled-dot-product attention) under " + framework);
            return false;
        }
        Matcher m = RunMapper.YEAR.matcher(framework);
        if (m.find() && Integer.parseInt(m.group(1) + m.group(2)) < 2023 && !megatronCoreFamily(framework)) {
            c.notes.add("attention unfused (no FlashAttention) under " + framework);
            return false;
        }
        if (framework.isEmpty()) {
            c.notes.add("framework blank: fused (flash) attention assumed");
        }
        return true;
    }

    /**
     * Whether a framework text names a 2022 or later release (or, without a year, a Megatron-Core framework).
     *
     * @param framework a row's framework text
     * @return whether the release is from 2022 on
     */
    static boolean from2022On(String framework) {
        Matcher m = RunMapper.YEAR.matcher(framework);
        if (m.find()) {
            return Integer.parseInt(m.group(1) + m.group(2)) >= 2022;
        }
        return megatronCoreFamily(framework);
    }
}
