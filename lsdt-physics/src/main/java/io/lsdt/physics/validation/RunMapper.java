package io.lsdt.physics.validation;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@link RunRow} into a {@link RunSpec}, or says why it cannot: a row is never dropped silently. Every
 * assumption made along the way is recorded in the spec's notes.
 *
 * <h2>Model shape</h2>
 * {@code layers, hidden, heads, seq_len, vocab} are required whole numbers; {@code kv_heads} blank means
 * {@code heads} (multi-head attention); the head dimension is {@code hidden / heads}.
 * <ul>
 *   <li><b>FFN type.</b> A gated FFN (three matrices, {@code swiglu}) for Llama-, Mistral-, Mixtral-, Qwen- and
 *       DeepSeek-style names, or whenever {@code ffn_hidden ≠ 4·hidden} (the 8/3-style widths of gated FFNs — Grok-1
 *       falls here); otherwise a two-matrix FFN ({@code gelu}). <b>Nemotron is the exception</b>: Nemotron-4 uses a
 *       squared-ReLU FFN without a gate at {@code 4·hidden} (Nemotron-4 340B technical report §2), so it is read as
 *       the two-matrix type. Check: NVIDIA's Nemotron-4 15B row (62.1 % of 989 TFLOP/s, 2.83 s, 16 H100s,
 *       262,144 tokens) implies 106.1 GFLOP per token; 6·N + 12·l·s·h with a two-matrix FFN and full multi-head
 *       projections gives 106.1, with a gated FFN 123–135 (16–27 % more).</li>
 *   <li><b>Other shape fields</b> (they change parameter counts, not the shape of the step): gated-FFN and
 *       Llama-style rows use RoPE, RMSNorm, no linear biases and untied embeddings; Nemotron rows RoPE, LayerNorm,
 *       no biases, untied; every other row is GPT-style: learned positions, LayerNorm, biases, tied embeddings.</li>
 *   <li><b>MoE</b> ({@code arch_type} starting with {@code moe}): when the model name contains a catalog MoE
 *       model's id (letters and digits only: "DeepSeekV3 (w/o MTP)" → {@code deepseek-v3}, "Mixtral 8x7B" →
 *       {@code mixtral-8x7b}), the expert and MLA fields, the head dimension, the FFN type and a blank
 *       {@code ffn_hidden} come from the catalog; the row's own layers, widths, heads, sequence and vocabulary
 *       stay. Otherwise the expert shape must be in the row: {@code arch_type} naming the experts and top-k
 *       ("moe (8 experts, top-2)") with {@code ffn_hidden} as the expert width, no shared experts and every layer
 *       MoE. Neither → skipped, "MoE expert shape not in the row or the catalog".</li>
 * </ul>
 *
 * <h2>Device and numerics</h2>
 * Device text → catalog id: GB200 → {@code gb200}; B200 → {@code b200}; H100 (SXM) → {@code h100-sxm}, H100 PCIe →
 * {@code h100-pcie}; H200 → {@code h200-sxm}; A100 80GB → {@code a100-sxm-80gb}, A100 40GB (also "40GB presumed",
 * noted) → {@code a100-sxm-40gb}; V100 → {@code v100-sxm2-32gb}, with a note that the DGX-2 part is the 450 W SXM3
 * variant. {@code precision}: any mention of FP8 → FP8; BF16 → BF16; FP16 → FP16; anything else ("not stated",
 * "mixed precision", blank) → BF16 with a note.
 *
 * <h2>Parallel design</h2>
 * {@code tp, pp, dp} required; {@code cp, ep} blank → 1; {@code vpp} blank or n/a → 1, with the interleaved 1F1B
 * schedule when {@code vpp > 1} and 1F1B otherwise; {@code micro_batch} blank → 1 (an assumption, noted);
 * the global batch from {@code global_batch_seqs}, else {@code global_batch_tokens / seq_len}; ZeRO stage from
 * {@code zero_fsdp}: "distributed optimizer" → 1, FSDP → 3, else 0; {@code recompute}: "full" → full, "selective"
 * → selective, blank or "none" → none; {@code sequence_parallel}: yes/no as written, and blank → on when
 * {@code tp > 1} for frameworks from 2022 on (a year ≥ 2022 in the framework text, or Megatron-Core, NeMo,
 * Megatron-Bridge: Megatron-Core's recipes turn it on with TP), off otherwise. Communication overlap (DP gradient
 * reduction and TP) is assumed on for Megatron-Core, NeMo and Megatron-Bridge runs (their performance recipes enable
 * {@code --overlap-grad-reduce}, {@code --overlap-param-gather} and TP comm overlap) and off for older Megatron-LM,
 * noted. Attention is fused (FlashAttention) except under a framework dated up to 2022 ("Megatron-LM (2021)"),
 * noted; a blank framework is read as fused. Then {@code tp·pp·dp·cp} must equal {@code device_count} (the NeMo long-sequence B200 table fails this by a
 * factor 4 as published), and {@link ParallelConfig#validate(int, int, int, int)} must pass; a violated rule is the
 * skip reason.
 *
 * <h2>Measured value</h2>
 * The first of {@link Metric}'s columns holding a positive number (see {@link Metric} for the order). The peak basis
 * of MFU/HFU is the number that opens {@code peak_tflops_basis}, in TFLOP/s ("312 (A100 FP16 dense)" → 312e12 FLOP/s);
 * a basis that opens with words ("model TFLOP/s per GPU (not MFU)") states no peak, and the device's dense peak at
 * the row's numerics is used instead, noted. A TFLOP/s figure counts recomputation (Narayanan et al. 2021: the
 * published "% of peak" is stored as {@code hfu_pct}) when the row has {@code hfu_pct} but no {@code mfu_pct} and
 * {@code tflops_per_gpu / basis} equals {@code hfu_pct} within one point; it is then compared with the predicted
 * hardware FLOP/s.
 *
 * <h2>Leniency</h2>
 * A required cell that is blank or holds words is a skip reason naming the column and its text. An optional cell
 * holding words other than n/a, none or a dash is a skip reason too: the source said something this reader cannot
 * interpret, and a default would hide it. A measured cell holding words is passed over, with a note.
 */
public final class RunMapper {
    private static final Set<String> NOT_APPLICABLE = Set.of("n/a", "na", "none", "-", "—", "–");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)");
    private static final Pattern YEAR = Pattern.compile("\\b(19|20)(\\d{2})\\b");
    private static final Pattern EXPERTS = Pattern.compile("(\\d+)\\s*(?:routed\\s+)?experts?");
    private static final Pattern TOP_K = Pattern.compile("top[- ]?(\\d+)");

    private RunMapper() {}

    /**
     * The outcome of reading one row.
     *
     * @param row the row
     * @param spec the spec, or null when skipped
     * @param skipReason why the row cannot be predicted, or null
     * @param notes assumptions and interpretations made while reading (also for skipped rows)
     */
    public record Mapping(RunRow row, RunSpec spec, String skipReason, List<String> notes) {
        /** Copies the notes. */
        public Mapping {
            notes = List.copyOf(notes);
        }

        /** @return true when the row cannot be predicted */
        public boolean skipped() {
            return spec == null;
        }
    }

    /**
     * @param row a row of a runs CSV
     * @param catalog the catalog (devices; MoE models)
     * @return the spec, or the reason the row cannot be predicted
     */
    public static Mapping map(RunRow row, Catalog catalog) {
        Cells c = new Cells(row);
        Layout layout = layout(c);
        Model.Architecture arch = architecture(c, catalog);
        String deviceId = device(c);
        Numerics numerics = numerics(c);
        Parallel par = parallel(c, layout, arch);
        if (!c.problems.isEmpty()) {
            return skip(row, c);
        }
        Hardware hw;
        try {
            hw = Hardware.of(catalog, deviceId, numerics);
        } catch (LsdtException e) {
            c.problems.add("device " + deviceId + " at " + numerics.name() + ": " + oneLine(e));
            return skip(row, c);
        }
        ParallelConfig config = new ParallelConfig(layout.tp, layout.pp, par.vpp, layout.dp, layout.cp, par.ep,
                par.microBatch, par.globalBatch, par.zero, par.recompute, par.sequenceParallel,
                par.vpp > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B, numerics, par.overlap, par.overlap,
                par.flash);
        try {
            config.validate(arch.layers(), arch.heads(), arch.kvHeads(), arch.moe() == null ? 0 : arch.moe().experts());
        } catch (LsdtException e) {
            c.problems.add("the parallel design breaks a framework rule: " + oneLine(e));
            return skip(row, c);
        }
        Measurement m = measurement(c, hw);
        if (m == null) {
            return skip(row, c);
        }
        RunSpec spec = new RunSpec(row.runId(), row.source(), row.text("model"), arch, hw, config, m, c.notes);
        return new Mapping(row, spec, null, c.notes);
    }

    /**
     * Checks only the parallel layout of a row: {@code tp, pp, dp} present, {@code cp} present or blank, and
     * {@code tp·pp·dp·cp = device_count}.
     *
     * @param row a row
     * @return the problem, or empty when the layout is consistent with the device count
     */
    public static Optional<String> layoutProblem(RunRow row) {
        Cells c = new Cells(row);
        layout(c);
        return c.problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", c.problems));
    }

    private static Mapping skip(RunRow row, Cells c) {
        return new Mapping(row, null, String.join("; ", c.problems), c.notes);
    }

    private static String oneLine(LsdtException e) {
        return e.getMessage().replace(System.lineSeparator(), " — ").replace("\n", " — ");
    }

    // ------------------------------------------------------------------------------------------ parallel layout

    private record Layout(int tp, int pp, int dp, int cp, boolean ok) {}

    /** "used TP8 PP6" in a row's caveats: the source's own statement of a blank layout. */
    private static final java.util.regex.Pattern CAVEAT_LAYOUT =
            java.util.regex.Pattern.compile("used TP ?(\\d+) PP ?(\\d+)");

    private static Layout layout(Cells c) {
        int before = c.problems.size();
        String tpText = c.row.text("tp");
        String ppText = c.row.text("pp");
        String dpText = c.row.text("dp");
        java.util.regex.Matcher caveat = CAVEAT_LAYOUT.matcher(c.row.text("caveats"));
        if (tpText.isBlank() && ppText.isBlank() && dpText.isBlank() && caveat.find()) {
            int tp = Integer.parseInt(caveat.group(1));
            int pp = Integer.parseInt(caveat.group(2));
            int cp = c.wholeOr("cp", 1);
            int devices = c.whole("device_count");
            if (c.problems.size() == before && devices % ((long) tp * pp * cp) == 0) {
                int dp = (int) (devices / ((long) tp * pp * cp));
                c.notes.add("tp, pp and dp blank: TP " + tp + " and PP " + pp + " taken from the row's caveats ('"
                        + caveat.group() + "'), DP = device_count / (TP·PP·CP) = " + dp + " (assumption)");
                return new Layout(tp, pp, dp, cp, true);
            }
        }
        int tp = c.whole("tp");
        int pp = c.whole("pp");
        int dp = c.whole("dp");
        int cp = c.wholeOr("cp", 1);
        int devices = c.whole("device_count");
        if (c.problems.size() > before) {
            return new Layout(tp, pp, dp, cp, false);
        }
        long product = (long) tp * pp * dp * cp;
        if (product != devices) {
            String ratio = devices % product == 0 ? " (" + devices / product + "× the product)"
                    : product % devices == 0 ? " (" + product / devices + "× fewer than the product)" : "";
            c.problems.add("tp·pp·dp·cp = " + tp + "·" + pp + "·" + dp + "·" + cp + " = " + product
                    + " but device_count = " + devices + ratio + ": the row is inconsistent as published");
            return new Layout(tp, pp, dp, cp, false);
        }
        return new Layout(tp, pp, dp, cp, true);
    }

    // ------------------------------------------------------------------------------------------ model shape

    private static Model.Architecture architecture(Cells c, Catalog catalog) {
        String model = c.row.text("model");
        String name = model.toLowerCase(Locale.ROOT);
        String archType = c.row.text("arch_type").toLowerCase(Locale.ROOT);
        boolean moe = archType.startsWith("moe");
        if (!moe && !archType.equals("dense")) {
            if (archType.isEmpty()) {
                c.notes.add("arch_type blank: read as dense");
            } else {
                c.problems.add("arch_type = '" + c.row.text("arch_type") + "': expected dense or moe");
                return null;
            }
        }
        int layers = c.whole("layers");
        int hidden = c.whole("hidden");
        int heads = c.whole("heads");
        int kvHeads = c.row.blank("kv_heads") ? heads : c.whole("kv_heads");
        int seqLen = c.whole("seq_len");
        int vocab = c.whole("vocab");
        Model cat = moe ? catalogMoe(model, catalog) : null;
        Model.Moe moeFields = null;
        int ffn;
        if (cat != null && c.row.blank("ffn_hidden")) {
            ffn = cat.architecture().ffnHidden();
            c.notes.add("ffn_hidden blank: the dense FFN width " + ffn + " of catalog model " + cat.id());
        } else if (moe && cat == null) {
            Matcher e = EXPERTS.matcher(archType);
            Matcher k = TOP_K.matcher(archType);
            if (!e.find() || !k.find() || c.row.number("ffn_hidden").isEmpty()) {
                c.problems.add("MoE expert shape not in the row or the catalog (model '" + model + "', arch_type '"
                        + c.row.text("arch_type") + "', ffn_hidden '" + c.row.text("ffn_hidden") + "')");
                return null;
            }
            ffn = c.whole("ffn_hidden");
            if (ffn < 1) {
                return null;
            }
            moeFields = new Model.Moe(Integer.parseInt(e.group(1)), Integer.parseInt(k.group(1)), 0, ffn, 0, false);
            c.notes.add("expert shape from arch_type '" + c.row.text("arch_type") + "': " + moeFields.experts()
                    + " experts, top-" + moeFields.topK() + ", expert FFN width = ffn_hidden " + ffn
                    + "; assumed no shared experts and every layer MoE");
        } else {
            ffn = c.whole("ffn_hidden");
        }
        if (layers < 1 || hidden < 1 || heads < 1 || seqLen < 1 || vocab < 1 || ffn < 1) {
            return null; // the problems are recorded
        }
        if (cat != null) {
            Model.Architecture a = cat.architecture();
            boolean sameAttention = a.hidden() == hidden && a.heads() == heads;
            c.notes.add("MoE expert fields from catalog model " + cat.id() + ": " + a.moe().experts() + " experts, top-"
                    + a.moe().topK() + ", " + a.moe().sharedExperts() + " shared, expert FFN "
                    + a.moe().expertFfnHidden() + ", first " + a.moe().firstDenseLayers() + " layers dense"
                    + (a.mla() != null && sameAttention ? "; MLA attention" : ""));
            if (!sameAttention) {
                c.notes.add("hidden/heads differ from catalog model " + cat.id() + ": its attention shape is not used");
            }
            return new Model.Architecture(layers, hidden, heads, kvHeads, sameAttention ? a.headDim() : hidden / heads,
                    ffn, a.ffnType(), vocab, seqLen, a.positionEmbedding(), a.norm(), a.linearBias(),
                    a.tiedEmbeddings(), a.moe(), sameAttention ? a.mla() : null);
        }
        if (hidden % heads != 0) {
            c.problems.add("hidden " + hidden + " is not a multiple of heads " + heads
                    + ": the head dimension is not in the row");
            return null;
        }
        boolean nemotron = name.contains("nemotron");
        boolean llamaStyle = containsAny(name, "llama", "mistral", "mixtral", "qwen", "deepseek");
        boolean gated = !nemotron && (llamaStyle || ffn != 4 * hidden);
        if (nemotron) {
            c.notes.add("Nemotron FFN read as two matrices (squared ReLU, no gate), not SwiGLU");
        } else if (gated && !llamaStyle) {
            c.notes.add("ffn_hidden " + ffn + " ≠ 4·hidden: read as a gated (SwiGLU-type) FFN");
        }
        boolean gptStyle = !gated && !nemotron;
        return new Model.Architecture(layers, hidden, heads, kvHeads, hidden / heads, ffn, gated ? "swiglu" : "gelu",
                vocab, seqLen, gptStyle ? "learned" : "rope", gated ? "rmsnorm" : "layernorm", gptStyle, gptStyle,
                moeFields, null);
    }

    private static Model catalogMoe(String model, Catalog catalog) {
        String n = letters(model);
        for (Model m : catalog.models().values()) {
            if (m.architecture().moe() != null && n.contains(letters(m.id()))) {
                return m;
            }
        }
        return null;
    }

    private static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean containsAny(String s, String... parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ device, numerics

    private static String device(Cells c) {
        String text = c.row.text("device");
        String d = text.toLowerCase(Locale.ROOT);
        if (d.contains("gb200")) {
            return "gb200";
        }
        if (d.contains("b200")) {
            return "b200";
        }
        if (d.contains("h200")) {
            return "h200-sxm";
        }
        if (d.contains("h100")) {
            return d.contains("pcie") ? "h100-pcie" : "h100-sxm";
        }
        if (d.contains("a100")) {
            if (d.contains("80gb") || d.contains("80 gb")) {
                return "a100-sxm-80gb";
            }
            if (d.contains("40gb") || d.contains("40 gb")) {
                if (d.contains("presumed")) {
                    c.notes.add("A100 memory size presumed 40 GB by the source: a100-sxm-40gb");
                }
                return "a100-sxm-40gb";
            }
            c.problems.add("device = '" + text + "': the A100's memory size (40 or 80 GB) is not stated");
            return null;
        }
        if (d.contains("v100")) {
            if (d.contains("sxm3") || d.contains("dgx-2")) {
                c.notes.add("device v100-sxm2-32gb: the DGX-2 part is the V100 SXM3 32 GB at 450 W, clocked higher "
                        + "than the 300 W SXM2 figures of the catalog (same 125 TFLOP/s FP16 datasheet peak)");
            }
            return "v100-sxm2-32gb";
        }
        c.problems.add("device = '" + text + "': not a device LSDT maps to its catalog (H100, H200, A100 40/80GB, "
                + "B200, GB200, V100)");
        return null;
    }

    private static Numerics numerics(Cells c) {
        String text = c.row.text("precision");
        String p = text.toLowerCase(Locale.ROOT);
        Numerics n;
        if (p.contains("fp8")) {
            n = Numerics.FP8;
        } else if (p.contains("bf16")) {
            n = Numerics.BF16;
            if (p.contains("fp16")) {
                c.notes.add("precision '" + text + "' names FP16 and BF16: BF16 used");
            }
        } else if (p.contains("fp16")) {
            n = Numerics.FP16;
        } else {
            c.notes.add(text.isEmpty() ? "precision blank: assumed BF16"
                    : "precision '" + text + "' names no format: assumed BF16");
            return Numerics.BF16;
        }
        if (p.contains("not stated") || p.contains("implied")) {
            c.notes.add("precision '" + text + "' is not stated as such: read as " + n.name());
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------ parallel design

    private record Parallel(int vpp, int ep, int microBatch, int globalBatch, int zero, Recompute recompute,
            boolean sequenceParallel, boolean overlap, boolean flash) {}

    private static Parallel parallel(Cells c, Layout layout, Model.Architecture arch) {
        int vpp = c.wholeOr("vpp", 1);
        int ep = c.wholeOr("ep", 1);
        int micro;
        if (c.row.blank("micro_batch")) {
            micro = 1;
            c.notes.add("micro_batch not stated: assumed 1");
        } else {
            micro = c.wholeOr("micro_batch", 1);
        }
        int global = globalBatch(c);
        String grad = c.row.text("grad_accum");
        OptionalDouble ga = RunRow.parse(grad);
        if (ga.isPresent() && layout.ok && global > 0 && micro > 0) {
            double implied = (double) global / ((double) layout.dp * micro);
            if (Math.abs(implied - ga.getAsDouble()) > 1e-9) {
                c.notes.add("grad_accum " + grad + " differs from global batch / (dp · micro_batch) = "
                        + fmt(implied));
            }
        }
        String zf = c.row.text("zero_fsdp").toLowerCase(Locale.ROOT);
        int zero = zf.contains("distributed optimizer") ? 1 : zf.contains("fsdp") ? 3 : 0;
        Recompute recompute = recompute(c);
        String framework = c.row.text("framework");
        boolean modern = megatronCoreFamily(framework);
        boolean sp;
        String spText = c.row.text("sequence_parallel").toLowerCase(Locale.ROOT);
        switch (spText) {
            case "yes", "true", "y", "on" -> sp = true;
            case "no", "false", "n", "off" -> sp = false;
            case "" -> {
                sp = layout.tp > 1 && from2022On(framework);
                if (sp) {
                    c.notes.add("sequence_parallel not stated: assumed on (tp > 1 under " + framework
                            + ", whose recipes enable it with TP)");
                }
            }
            default -> {
                c.problems.add("sequence_parallel = '" + c.row.text("sequence_parallel") + "': expected yes or no");
                sp = false;
            }
        }
        if (modern) {
            c.notes.add("DP and TP communication overlap assumed on (" + framework + " recipes)");
        }
        boolean flash = flashAttention(framework);
        if (!flash) {
            c.notes.add("attention unfused (no FlashAttention) under " + framework);
        } else if (framework.isEmpty()) {
            c.notes.add("framework blank: fused (flash) attention assumed");
        }
        return new Parallel(vpp, ep, micro, global, zero, recompute, sp, modern, flash);
    }

    private static int globalBatch(Cells c) {
        if (!c.row.blank("global_batch_seqs")) {
            int g = c.whole("global_batch_seqs");
            OptionalDouble tokens = c.row.number("global_batch_tokens");
            OptionalDouble seq = c.row.number("seq_len");
            if (g > 0 && tokens.isPresent() && seq.isPresent() && tokens.getAsDouble() != g * seq.getAsDouble()) {
                c.notes.add("global_batch_tokens " + c.row.text("global_batch_tokens") + " ≠ global_batch_seqs · seq_len"
                        + " = " + fmt(g * seq.getAsDouble()) + ": global_batch_seqs used");
            }
            return g;
        }
        OptionalDouble tokens = c.row.number("global_batch_tokens");
        if (tokens.isEmpty()) {
            c.problems.add(c.row.blank("global_batch_tokens") ? "global_batch_seqs and global_batch_tokens are blank"
                    : "global_batch_seqs is blank and global_batch_tokens = '" + c.row.text("global_batch_tokens")
                            + "' is not a number");
            return 0;
        }
        OptionalDouble seq = c.row.number("seq_len");
        if (seq.isEmpty() || seq.getAsDouble() <= 0) {
            return 0; // seq_len's problem is recorded by the shape
        }
        double g = tokens.getAsDouble() / seq.getAsDouble();
        if (g != Math.rint(g) || g < 1 || g > Integer.MAX_VALUE) {
            c.problems.add("global_batch_tokens " + c.row.text("global_batch_tokens") + " / seq_len "
                    + c.row.text("seq_len") + " = " + fmt(g) + " is not a whole number of sequences");
            return 0;
        }
        c.notes.add("global batch = global_batch_tokens / seq_len = " + (long) g + " sequences");
        return (int) g;
    }

    private static Recompute recompute(Cells c) {
        String text = c.row.text("recompute");
        String r = text.toLowerCase(Locale.ROOT);
        if (r.isEmpty() || NOT_APPLICABLE.contains(r) || r.equals("no")) {
            return Recompute.NONE;
        }
        if (r.contains("selective")) {
            return Recompute.SELECTIVE;
        }
        if (r.contains("full")) {
            return Recompute.FULL;
        }
        c.problems.add("recompute = '" + text + "': expected full, selective, none or blank");
        return Recompute.NONE;
    }

    /** Megatron-Core and the frameworks built on it: NeMo, Megatron-Bridge. */
    private static boolean megatronCoreFamily(String framework) {
        String f = framework.toLowerCase(Locale.ROOT);
        return f.contains("megatron-core") || f.contains("mcore") || f.contains("nemo") || f.contains("megatron-bridge");
    }

    /** Fused attention: Megatron-Core and its successors, or a framework year from 2023 on; unknown → fused. */
    private static boolean flashAttention(String framework) {
        Matcher m = YEAR.matcher(framework);
        if (m.find()) {
            return Integer.parseInt(m.group(1) + m.group(2)) >= 2023 || megatronCoreFamily(framework);
        }
        return true;
    }

    private static boolean from2022On(String framework) {
        Matcher m = YEAR.matcher(framework);
        if (m.find()) {
            return Integer.parseInt(m.group(1) + m.group(2)) >= 2022;
        }
        return megatronCoreFamily(framework);
    }

    // ------------------------------------------------------------------------------------------ measured value

    private static Measurement measurement(Cells c, Hardware hw) {
        Metric chosen = null;
        double value = Double.NaN;
        for (Metric m : Metric.values()) {
            String col = m.column();
            if (c.row.blank(col)) {
                continue;
            }
            OptionalDouble v = c.row.number(col);
            if (v.isEmpty()) {
                c.notes.add(col + " = '" + c.row.text(col) + "' is not a number: not used");
                continue;
            }
            if (v.getAsDouble() <= 0) {
                c.notes.add(col + " = " + c.row.text(col) + " is not positive: not used");
                continue;
            }
            chosen = m;
            value = v.getAsDouble();
            break;
        }
        if (chosen == null) {
            c.problems.add("no measured value: step_time_s, tflops_per_gpu, tokens_per_s_per_gpu, tokens_per_s, "
                    + "mfu_pct and hfu_pct are blank or not numbers");
            return null;
        }
        String basisText = c.row.text("peak_tflops_basis");
        Matcher bm = LEADING_NUMBER.matcher(basisText);
        double basis = bm.find() ? Double.parseDouble(bm.group(1)) * 1e12 : Double.NaN;
        boolean countsRecompute = false;
        if (chosen == Metric.TFLOPS_PER_GPU && !Double.isNaN(basis) && c.row.number("mfu_pct").isEmpty()) {
            OptionalDouble hfu = c.row.number("hfu_pct");
            if (hfu.isPresent() && Math.abs(value * 1e12 / basis * 100 - hfu.getAsDouble()) <= 1.0) {
                countsRecompute = true;
                c.notes.add("tflops_per_gpu counts recomputation FLOPs (" + fmt(value) + " / " + fmt(basis / 1e12)
                        + " = " + fmt(value * 1e12 / basis * 100) + " % = hfu_pct " + c.row.text("hfu_pct")
                        + "): compared with the predicted hardware FLOP/s per GPU");
            }
        }
        if (!chosen.needsPeak()) {
            return new Measurement(chosen, value, Double.NaN, countsRecompute);
        }
        if (Double.isNaN(basis)) {
            basis = hw.peakFlops();
            c.notes.add("peak_tflops_basis " + (basisText.isEmpty() ? "blank" : "'" + basisText + "'")
                    + " states no peak: " + chosen.column() + " against the dense peak of " + hw.deviceId() + " at the"
                    + " row's numerics, " + fmt(basis / 1e12) + " TFLOP/s");
        } else if (Math.abs(basis - hw.peakFlops()) > 0.01 * hw.peakFlops()) {
            c.notes.add("the source divides by " + fmt(basis / 1e12) + " TFLOP/s; the catalog's dense peak of "
                    + hw.deviceId() + " at the row's numerics is " + fmt(hw.peakFlops() / 1e12) + " TFLOP/s");
        }
        return new Measurement(chosen, value, basis, false);
    }

    /** @return {@code v} with up to six significant digits, without trailing zeros or an exponent */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------------------------------ cells

    /** Reads cells of one row, collecting problems (skip reasons) and notes (assumptions). */
    private static final class Cells {
        final RunRow row;
        final List<String> problems = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Cells(RunRow row) {
            this.row = row;
        }

        /** A required whole number ≥ 1; 0 after recording a problem. */
        int whole(String col) {
            if (row.blank(col)) {
                problems.add(col + " is blank");
                return 0;
            }
            return checked(col);
        }

        /** An optional whole number ≥ 1: blank or n/a → {@code dflt}; words → a problem. */
        int wholeOr(String col, int dflt) {
            String t = row.text(col);
            if (t.isEmpty() || NOT_APPLICABLE.contains(t.toLowerCase(Locale.ROOT))) {
                return dflt;
            }
            return checked(col);
        }

        private int checked(String col) {
            OptionalDouble v = row.number(col);
            if (v.isEmpty()) {
                problems.add(col + " = '" + row.text(col) + "' is not a number");
                return 0;
            }
            double d = v.getAsDouble();
            if (d != Math.rint(d) || d < 1 || d > Integer.MAX_VALUE) {
                problems.add(col + " = " + row.text(col) + " is not a whole number ≥ 1");
                return 0;
            }
            return (int) d;
        }
    }
}
