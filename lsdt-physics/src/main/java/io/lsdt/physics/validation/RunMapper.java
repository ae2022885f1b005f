package io.lsdt.physics.validation;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Hardware;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Offload;
import io.lsdt.physics.design.ParallelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@link RunRow} into a {@link RunSpec}: it predicts, and does not refuse, whatever the row leaves unstated,
 * recording every assumption in the spec's notes. A row is refused only when the model's architecture is unknown
 * (neither the row nor the catalog gives its layers and width), when a cell holds text that cannot be read where a
 * number is required, or when nothing measured is left to compare; the reason names the column, its text and what was
 * expected. Every row is read on its own: another row of the same source is never consulted.
 *
 * <h2>Framework and fine-tuning</h2>
 * {@code framework} and {@code zero_fsdp} map to a profile id and a ZeRO stage ({@link FrameworkNames}); a blank
 * {@code zero_fsdp} takes a "ZeRO-N" the caveats name (the flash-attention repo's "repo default ZeRO-1"). Fine-tuning
 * is read from the framework, model and precision text: QLoRA / NF4 → {@code qlora} with a 4-bit base, LoRA →
 * {@code lora} (rank from "r=8" or "rank 8", target modules as written), "full finetune", "full-rank fine-tuning",
 * run_clm and other fine-tuning → {@code full}; everything else is pretraining ({@code none}). The mapper records
 * the fine-tuning; {@link RunBehaviour} applies it (adapters trained only, a 4-bit QLoRA base) before prediction.
 *
 * <h2>Model shape</h2>
 * {@code layers, hidden, heads, seq_len, vocab} are whole numbers; {@code kv_heads} blank means {@code heads}
 * (multi-head attention); the head dimension is {@code hidden / heads}. Blank shape cells are filled, noted, from the
 * catalog model the name contains ("Llama2-70B Fine Tuning" → {@code llama2-70b}, "GPTNEOX-20B-CLM" →
 * {@code gpt-neox-20b}), else from a catalog model of the same layers, width and heads ("MT-NLG-style 530B" →
 * {@code turing-530b}'s vocabulary), else by convention: {@code ffn_hidden} 4·hidden for GPT-style names (GPT-2/3,
 * minGPT), heads at a head dimension of 128, vocabulary 50,257 (GPT-2 BPE) for GPT-style names. A name that matches
 * no catalog id or name but contains a catalog family ("GPTJ-CLM" → {@code gpt-j}) takes that family's model whose
 * published size is within 10 % of {@code params_b}. A GPT-style name with only {@code params_b} ("GPT-2-style 16B")
 * takes the shape of {@link GptShape}. Without layers or width otherwise the architecture is unknown and the row is
 * refused. A blank {@code seq_len} is, in this order: the length
 * the caveats give for this model ("longest example 1304 (Llama 2)"), the framework's documented default (Hugging
 * Face run_clm: 1024; Optimum Habana run_lora_clm: 512), 2048 for other fine-tuning, 1024 for GPT-2-style
 * pretraining, 2048 otherwise.
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
 * Device text → catalog id ({@link #deviceId}): GB200, B200, H200; H100 PCIe → {@code h100-pcie}, any other H100
 * (SXM5, or the form factor unstated, noted) → {@code h100-sxm}; H800 → {@code h100-sxm} and A800 →
 * {@code a100-sxm-80gb}, the export variants with the parent's compute and memory and a lower NVLink bandwidth the
 * catalog does not hold (a noted caveat: TP and DP traffic over NVLink is predicted too fast); A100 with its memory
 * size in the device text, else in the row's caveats or source, else 80 GB (noted with the reason); V100 →
 * {@code v100-sxm2-32gb} (DGX-2's SXM3 part noted); TPU v4 / v5e / v5p; Gaudi 2 / 3 (a "Gaudi 2 presumed" noted);
 * MI250X / MI300X / MI325X; RTX A6000, RTX 4090, RTX 3090. {@code precision}: any mention of FP8 → FP8; BF16 → BF16;
 * FP16 → FP16; anything else ("not stated", "mixed precision", NF4 alone, blank) → BF16 with a note.
 *
 * <h2>Parallel design</h2>
 * {@code tp, pp, dp} as stated; "used TP8 PP6" in the caveats for a blank layout; a blank {@code dp} =
 * {@code device_count / (tp·pp·cp)}; a stated layout whose product is not {@code device_count} (the NeMo
 * long-sequence B200 table, a factor 4 off as published) keeps {@code tp, pp, cp} and {@code device_count} and
 * re-derives {@code dp}, noted. A blank layout is searched ({@link RunDesign}) under what the framework can do. A
 * blank {@code device_count} is one host (8 GPUs, 4 TPU chips), noted. {@code cp, ep} blank → 1; {@code vpp} blank or
 * n/a → 1, with the interleaved 1F1B schedule when {@code vpp > 1}. The global batch: {@code global_batch_seqs}, else
 * {@code global_batch_tokens / seq_len}, else {@code micro_batch · dp · grad_accum} (a blank {@code grad_accum} is 1,
 * the frameworks' default), else one micro-batch per device per step ({@code device_count · micro_batch}). A blank
 * {@code micro_batch} is 1 for Megatron-family rows (their recipes' value) and otherwise the size LSDT finds fastest
 * that fits in memory. ZeRO stage from the framework reading; {@code recompute}: full / activation checkpointing →
 * full, selective → selective, none / no / "without activation checkpointing" / blank → none (blank noted; the search
 * chooses for a searched layout); {@code sequence_parallel}: yes/no as written, and blank → on when {@code tp > 1}
 * for frameworks from 2022 on (a year ≥ 2022 in the framework text, or Megatron-Core, NeMo, Megatron-Bridge), off
 * otherwise. Communication overlap (DP gradient reduction and TP) is assumed on for Megatron-Core, NeMo and
 * Megatron-Bridge runs and off otherwise, noted; {@link RunBehaviour} then sets it from the framework profile for
 * PyTorch FSDP and DeepSpeed rows. Attention is fused (FlashAttention) except under a framework dated
 * up to 2022, PyTorch 1.x (before SDPA), or a text saying "without FlashAttention", noted. Then
 * {@link ParallelConfig#validate(int, int, int, int)} must pass; a violated rule is the skip reason.
 *
 * <h2>Measured value</h2>
 * The first of {@link Metric}'s quantities the row holds as a positive number (see {@link Metric} for the order);
 * cells are read leniently ("~2,048", "4 (per GPU)", "1.3k", "2.2T"), noted. The peak basis of MFU/HFU is the number
 * that opens {@code peak_tflops_basis}, in TFLOP/s ("312 (A100 FP16 dense)" → 312e12 FLOP/s); a basis that opens
 * with words states no peak, and the device's dense peak at the row's numerics is used instead, noted. A TFLOP/s
 * figure counts recomputation when the row has {@code hfu_pct} but no {@code mfu_pct} and
 * {@code tflops_per_gpu / basis} equals {@code hfu_pct} within one point (Narayanan et al. 2021), or when
 * {@code derived_values} says it "counts recompute"; it is then compared with the predicted hardware FLOP/s. A job
 * total ({@code tokens_per_s}, samples/s) is compared with the predicted job total, a per-device figure with the
 * per-device prediction, noted with what the source says about it.
 */
public final class RunMapper {
    /** Cell texts that mean "not applicable", read as blank. */
    static final Set<String> NOT_APPLICABLE = Set.of("n/a", "na", "none", "-", "—", "–");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)");
    /** A year from 1900 to 2099 in a text, e.g. a framework's release. */
    static final Pattern YEAR = Pattern.compile("\\b(19|20)(\\d{2})\\b");
    private static final Pattern EXPERTS = Pattern.compile("(\\d+)\\s*(?:routed\\s+)?experts?");
    private static final Pattern TOP_K = Pattern.compile("top[- ]?(\\d+)");
    private static final Pattern LORA_RANK = Pattern.compile("(?:\\br\\s*=\\s*|\\brank\\s*=?\\s*)(\\d+)");
    private static final Pattern LORA_ALPHA = Pattern.compile("alpha\\s*=?\\s*(\\d+)");
    /** "1304 (Llama 2)": a length the caveats give for a named model. */
    private static final Pattern LENGTH_FOR = Pattern.compile("(\\d[\\d,]*)\\s*\\(([^)]+)\\)");
    private static final Pattern SAMPLES = Pattern.compile(
            "throughput\\s+(?:of\\s+)?(\\d[\\d,]*(?:\\.\\d+)?)\\s*(?:sentences|samples|sequences)\\s*/\\s*(?:s|sec)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("^\\s*(s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?"
            + "|d|days?|w|wks?|weeks?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PER_TOKENS = Pattern.compile("^\\s*per\\s+(\\S+)\\s+tokens", Pattern.CASE_INSENSITIVE);

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

        /**
         * Whether the row was skipped.
         *
         * @return true when the row cannot be predicted
         */
        public boolean skipped() {
            return spec == null;
        }
    }

    /**
     * Reads a row without a step model: a row whose layout is blank, or whose micro-batch is blank outside the
     * Megatron family, is skipped, saying that it needs the design search ({@link #map(RunRow, Catalog,
     * AnalyticalStepModel)}).
     *
     * @param row a row of a runs CSV
     * @param catalog the catalog (devices; models)
     * @return the spec, or the reason the row cannot be predicted
     */
    public static Mapping map(RunRow row, Catalog catalog) {
        return map(row, catalog, null);
    }

    /**
     * Maps a row of a runs CSV to a design, hardware and model the step model can predict.
     *
     * @param row a row of a runs CSV
     * @param catalog the catalog (devices; models)
     * @param model the step model whose design search fills an unstated layout or micro-batch; null for none
     * @return the spec, or the reason the row cannot be predicted
     */
    public static Mapping map(RunRow row, Catalog catalog, AnalyticalStepModel model) {
        List<String> recipeNotes = new ArrayList<>();
        row = Recipes.fill(row, fineTuneKind(row), catalog, recipeNotes);
        Cells c = new Cells(row);
        FrameworkNames.Reading fw = FrameworkNames.read(row.text("framework"), row.text("zero_fsdp"));
        c.notes.add(fw.note());
        c.notes.addAll(recipeNotes);
        FineTune ft = fineTune(c);
        Model.Architecture arch = architecture(c, catalog, ft, fw, model == null ? null : model.registry());
        String deviceId = device(c, catalog);
        Numerics numerics = numerics(c);
        int devices = deviceCount(c, deviceId);
        if (!c.problems.isEmpty()) {
            return skip(row, c);
        }
        Hardware hw;
        try {
            hw = Hardware.of(catalog, deviceId, hostLinkFabric(c, catalog, deviceId), numerics);
        } catch (LsdtException e) {
            c.problems.add("device " + deviceId + " at " + numerics.name() + ": " + oneLine(e));
            return skip(row, c);
        }
        RunBehaviour.Effect effect = RunBehaviour.effect(fw.profile(), ft.kind, ft.rank, ft.targets, arch, hw, catalog);
        hw = network(c, hw);
        ParallelConfig config = RunDesign.resolve(c, arch, hw, numerics, fw, devices, c.row.blank("device_count"),
                model, effect);
        if (config == null) {
            return skip(row, c);
        }
        try {
            config.validate(arch.layers(), arch.heads(), arch.kvHeads(), arch.moe() == null ? 0 : arch.moe().experts());
        } catch (LsdtException e) {
            c.problems.add("the parallel design breaks a framework rule: " + oneLine(e));
            return skip(row, c);
        }
        config = offload(c, config);
        Measurement m = measurement(c, hw, config);
        if (m == null) {
            return skip(row, c);
        }
        RunSpec spec = new RunSpec(row.runId(), row.source(), row.text("model"), arch, hw, config, m, fw.profile(),
                ft.kind, ft.rank, ft.targets, ft.baseBits, c.notes);
        return new Mapping(row, spec, null, c.notes);
    }

    /**
     * Checks only the parallel layout of a row as published: {@code tp, pp, dp} present, {@code cp} present or blank,
     * and {@code tp·pp·dp·cp = device_count}.
     *
     * @param row a row
     * @return the problem, or empty when the layout is consistent with the device count
     */
    public static Optional<String> layoutProblem(RunRow row) {
        Cells c = new Cells(row);
        RunDesign.publishedLayout(c);
        return c.problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", c.problems));
    }

    private static final Pattern OFFLOAD = Pattern.compile("(?i)(cpu[ _-]?offload|offload)(?![a-z_]*\\s*[=:]\\s*"
            + "(false|0|none|off)\\b)");

    /**
     * The offload a row's text states: "CPU offload" or "offload" in the framework or sharding cells (not "…=False"):
     * the parameters under ZeRO-3 (FSDP's CPUOffload, torchtune's fsdp_cpu_offload), else the optimizer state
     * (ZeRO-Offload).
     */
    private static ParallelConfig offload(Cells c, ParallelConfig config) {
        String text = c.row.text("framework") + " | " + c.row.text("zero_fsdp");
        if (!OFFLOAD.matcher(text).find()) {
            return config;
        }
        Offload o = config.zeroStage() >= 3 && !text.toLowerCase(Locale.ROOT).contains("optimizer offload")
                ? Offload.PARAMETERS : Offload.OPTIMIZER;
        c.notes.add("offload stated ('" + text.replaceAll("\\s+", " ").trim() + "'): " + (o == Offload.PARAMETERS
                ? "parameters, gradients and optimizer state in host memory, each unit's shard copied to the device "
                        + "before its gather, the optimizer step on the CPUs"
                : "optimizer state and its step on the host, gradients there and weights back each step"));
        return config.withOffload(o);
    }

    private static Mapping skip(RunRow row, Cells c) {
        return new Mapping(row, null, String.join("; ", c.problems), c.notes);
    }

    /**
     * An exception's message on one line, for a note or a skip reason.
     *
     * @param e the exception
     * @return its message, line ends replaced by dashes
     */
    static String oneLine(LsdtException e) {
        return e.getMessage().replace(System.lineSeparator(), " — ").replace("\n", " — ");
    }

    // ------------------------------------------------------------------------------------------ fine-tuning

    /** What a row says about fine-tuning. */
    private record FineTune(String kind, int rank, String targets, int baseBits) {}

    /**
     * The kind of fine-tuning of a row.
     *
     * @param row a row as published
     * @return none, full, lora or qlora, as the row's framework, model and precision text say
     */
    static String fineTuneKind(RunRow row) {
        String text = (row.text("framework") + " | " + row.text("model") + " | " + row.text("precision"))
                .toLowerCase(Locale.ROOT);
        if (text.contains("qlora") || text.contains("nf4")) {
            return "qlora";
        } else if (text.contains("lora")) {
            return "lora";
        } else if (text.contains("fine-tun") || text.contains("finetun") || text.contains("fine tun")
                || text.contains("run_clm")) {
            return "full";
        }
        return "none";
    }

    private static FineTune fineTune(Cells c) {
        String kind = fineTuneKind(c.row);
        if (kind.equals("none")) {
            return new FineTune("none", 0, null, 16);
        }
        String fw = c.row.text("framework").toLowerCase(Locale.ROOT);
        int rank = 0;
        String targets = null;
        if (!kind.equals("full")) {
            Matcher r = LORA_RANK.matcher(fw);
            rank = r.find() ? Integer.parseInt(r.group(1)) : c.row.blank(Recipes.LORA_RANK) ? 0
                    : c.checked(Recipes.LORA_RANK);
            Matcher t = Pattern.compile("\\(([^)]*target modules[^)]*)\\)").matcher(c.row.text("framework"));
            targets = t.find() ? t.group(1) : c.row.blank(Recipes.LORA_TARGETS) ? null
                    : c.row.text(Recipes.LORA_TARGETS);
        }
        int bits = kind.equals("qlora") ? 4 : 16;
        StringBuilder n = new StringBuilder("fine-tuning: ").append(switch (kind) {
            case "qlora" -> "QLoRA (LoRA adapters on a 4-bit NF4 base)";
            case "lora" -> "LoRA";
            default -> "full fine-tune (every weight trained)";
        });
        if (!kind.equals("full")) {
            Matcher a = LORA_ALPHA.matcher(fw);
            n.append(rank > 0 ? ", rank " + rank : ", rank not stated")
                    .append(a.find() ? ", alpha " + a.group(1) : "")
                    .append(targets != null ? ", " + targets : ", target modules not stated");
        }
        c.notes.add(n.toString());
        return new FineTune(kind, rank, targets, bits);
    }

    // ------------------------------------------------------------------------------------------ model shape

    private static Model.Architecture architecture(Cells c, Catalog catalog, FineTune ft,
            FrameworkNames.Reading fw, io.lsdt.graph.registry.Registry registry) {
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
        Model known = moe ? null : catalogDense(c, catalog);
        boolean gptStyleName = name.contains("gpt") && !name.contains("neox") && !name.contains("gptj")
                && !name.contains("gpt-j");
        GptShape.Shape sized = null;
        if (!moe && known == null && registry != null && c.row.blank("layers") && c.row.blank("hidden")
                && gptStyleName && c.row.number("params_b").isPresent() && c.row.number("params_b").getAsDouble() > 0) {
            int v = c.row.blank("vocab") ? 50257 : c.whole("vocab");
            int sl = c.row.blank("seq_len") ? 1024 : c.whole("seq_len");
            sized = GptShape.of(c.row.number("params_b").getAsDouble() * 1e9, v, sl, registry);
            c.notes.add(String.format(Locale.ROOT, "layers and hidden blank for a GPT-style model of %s B parameters: "
                    + "%d layers × %d wide (%d heads of 128) assumed — the width of the nearest GPT configuration in "
                    + "Narayanan et al. 2021 Table 1 (%s B), the layers its parameter count then holds",
                    fmt(c.row.number("params_b").getAsDouble()), sized.layers(), sized.hidden(), sized.heads(),
                    fmt(sized.basis())));
        }
        if (!moe && known == null && sized == null && (c.row.blank("layers") || c.row.blank("hidden"))) {
            c.problems.add("model architecture unknown: the row gives no " + (c.row.blank("layers") ? "layers" : "")
                    + (c.row.blank("layers") && c.row.blank("hidden") ? " or " : "")
                    + (c.row.blank("hidden") ? "hidden width" : "") + " for '" + model + "' and no catalog model "
                    + "matches its name");
            return null;
        }
        int layers = sized != null ? sized.layers() : known != null && c.row.blank("layers")
                ? filled(c, "layers", known.architecture().layers(), known) : c.whole("layers");
        int hidden = sized != null ? sized.hidden() : known != null && c.row.blank("hidden")
                ? filled(c, "hidden", known.architecture().hidden(), known) : c.whole("hidden");
        int heads;
        if (!c.row.blank("heads")) {
            heads = c.whole("heads");
        } else if (known != null) {
            heads = filled(c, "heads", known.architecture().heads(), known);
        } else if (hidden > 0 && hidden % 128 == 0) {
            heads = hidden / 128;
            c.notes.add("heads blank: " + heads + " assumed (head dimension 128 = hidden " + hidden + " / 128)");
        } else {
            heads = c.whole("heads");
        }
        int kvHeads;
        if (!c.row.blank("kv_heads")) {
            kvHeads = c.whole("kv_heads");
        } else if (known != null && c.row.blank("heads")) {
            kvHeads = known.architecture().kvHeads();
        } else {
            kvHeads = heads;
        }
        int vocab;
        if (!c.row.blank("vocab")) {
            vocab = c.whole("vocab");
        } else if (known != null) {
            vocab = filled(c, "vocab", known.architecture().vocab(), known);
        } else if (gptStyleName) {
            vocab = 50257;
            c.notes.add("vocab blank: 50257 assumed (the GPT-2 BPE vocabulary of GPT-style models)");
        } else {
            vocab = c.whole("vocab");
        }
        int seqLen = c.row.blank("seq_len") ? seqLen(c, ft, fw, known, gptStyleName) : c.whole("seq_len");
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
        } else if (c.row.blank("ffn_hidden") && known != null) {
            ffn = filled(c, "ffn_hidden", known.architecture().ffnHidden(), known);
        } else if (c.row.blank("ffn_hidden") && gptStyleName && hidden > 0) {
            ffn = 4 * hidden;
            c.notes.add("ffn_hidden blank: 4·hidden = " + ffn + " assumed (the GPT-2/GPT-3 and minGPT convention)");
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
        if (known != null && known.architecture().layers() == layers && known.architecture().hidden() == hidden
                && known.architecture().heads() == heads && known.architecture().ffnHidden() == ffn) {
            Model.Architecture a = known.architecture();
            return new Model.Architecture(layers, hidden, heads, kvHeads, a.headDim(), ffn, a.ffnType(), vocab,
                    seqLen, a.positionEmbedding(), a.norm(), a.linearBias(), a.tiedEmbeddings(), null, null);
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

    private static int filled(Cells c, String column, int value, Model known) {
        c.notes.add(column + " blank: " + value + " from catalog model " + known.id() + " (" + known.name() + ")");
        return value;
    }

    /**
     * The dense catalog model a row names (the longest catalog id or name contained in the model text, letters and
     * digits only), else one of the family the text names whose published size is within 10 % of {@code params_b},
     * else one whose layers, width and heads equal the row's. Only consulted when a shape cell is blank.
     */
    private static Model catalogDense(Cells c, Catalog catalog) {
        boolean anyBlank = false;
        for (String col : List.of("layers", "hidden", "heads", "ffn_hidden", "vocab")) {
            anyBlank |= c.row.blank(col);
        }
        if (!anyBlank) {
            return null;
        }
        String n = letters(c.row.text("model"));
        Model best = null;
        int bestLength = 0;
        for (Model m : catalog.models().values()) {
            if (m.architecture().moe() != null) {
                continue;
            }
            for (String key : List.of(letters(m.id()), letters(m.name()))) {
                if (key.length() > bestLength && n.contains(key)) {
                    best = m;
                    bestLength = key.length();
                }
            }
        }
        if (best != null) {
            c.notes.add("model '" + c.row.text("model") + "' is catalog model " + best.id() + " by name");
            return best;
        }
        // "GPTJ-CLM" with params_b 6: the family the name contains, at the size the row states (its label within
        // 10 %), the closest if several
        OptionalDouble paramsB = c.row.number("params_b");
        if (paramsB.isPresent()) {
            double want = paramsB.getAsDouble() * 1e9;
            double bestGap = 0.1;
            for (Model m : catalog.models().values()) {
                String family = letters(m.family() == null ? "" : m.family());
                double gap = Math.abs(m.publishedParams().value() / want - 1);
                if (m.architecture().moe() == null && family.length() >= 3 && n.contains(family) && gap <= bestGap) {
                    best = m;
                    bestGap = gap;
                }
            }
            if (best != null) {
                c.notes.add("model '" + c.row.text("model") + "' is catalog model " + best.id() + " by family ("
                        + best.family() + ") and size (params_b " + fmt(paramsB.getAsDouble()) + ", catalog "
                        + fmt(best.publishedParams().value() / 1e9) + " B as published)");
                return best;
            }
        }
        OptionalDouble layers = c.row.number("layers");
        OptionalDouble hidden = c.row.number("hidden");
        OptionalDouble heads = c.row.number("heads");
        if (layers.isEmpty() || hidden.isEmpty() || heads.isEmpty()) {
            return null;
        }
        for (Model m : catalog.models().values()) {
            Model.Architecture a = m.architecture();
            if (a.moe() == null && a.layers() == layers.getAsDouble() && a.hidden() == hidden.getAsDouble()
                    && a.heads() == heads.getAsDouble()) {
                c.notes.add("model '" + c.row.text("model") + "' has the shape of catalog model " + m.id()
                        + " (layers " + a.layers() + ", hidden " + a.hidden() + ", heads " + a.heads() + ")");
                return m;
            }
        }
        return null;
    }

    private static int seqLen(Cells c, FineTune ft, FrameworkNames.Reading fw, Model known, boolean gptStyle) {
        String caveats = c.row.text("caveats") + " " + c.row.text("derived_values");
        String model = letters(c.row.text("model"));
        Matcher m = LENGTH_FOR.matcher(caveats);
        while (m.find()) {
            String who = letters(m.group(2));
            if (!who.isEmpty() && model.contains(who)) {
                int len = Integer.parseInt(m.group(1).replace(",", ""));
                c.notes.add("seq_len blank (variable-length samples): " + len + " tokens, the length the caveats give "
                        + "for " + m.group(2) + " ('" + m.group() + "'); an upper bound on the tokens of one sample, so "
                        + "the prediction is an upper bound on the work per step");
                return len;
            }
        }
        String f = c.row.text("framework").toLowerCase(Locale.ROOT);
        if (f.contains("run_clm")) {
            c.notes.add("seq_len blank: 1024, Hugging Face run_clm.py's documented default block_size (the model's "
                    + "maximum length, capped at 1024)");
            return 1024;
        }
        if (f.contains("optimum habana") && !ft.kind.equals("none")) {
            c.notes.add("seq_len blank: 512, the default max_seq_length of Optimum Habana's run_lora_clm.py (samples "
                    + "are padded to the longest in the batch, at most this)");
            return 512;
        }
        if (!ft.kind.equals("none")) {
            c.notes.add("seq_len blank: 2048 tokens assumed for variable-length fine-tuning samples (the source states "
                    + "no length)");
            return 2048;
        }
        if (gptStyle) {
            c.notes.add("seq_len blank: 1024 assumed (GPT-2's context length)");
            return 1024;
        }
        boolean context = caveats.toLowerCase(Locale.ROOT).contains("context length");
        c.notes.add("seq_len blank: 2048 assumed" + (context ? " (the caveats point to the original model's context "
                + "length; LLaMA and Llama-2-era pretraining recipes use 2048 or 4096)" : ""));
        return 2048;
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

    /**
     * The lower-case letters and digits of a text, to compare names whatever their punctuation.
     *
     * @param s a text
     * @return its letters and digits, lower case
     */
    static String letters(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * Whether a text contains any of the parts.
     *
     * @param s a text
     * @param parts the parts to look for
     * @return whether {@code s} contains one of them
     */
    static boolean containsAny(String s, String... parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ device, numerics

    private static String device(Cells c, Catalog catalog) {
        String text = c.row.text("device");
        String id = deviceId(text, c);
        if (id != null && !catalog.devices().containsKey(id)) {
            c.problems.add("device = '" + text + "' is " + id + ", which the catalog does not hold (catalog devices: "
                    + String.join(", ", catalog.devices().keySet()) + ")");
            return null;
        }
        return id;
    }

    /**
     * @param text the device cell
     * @param c the row's cells, for notes and problems (the memory size of an A100 may come from other cells)
     * @return the catalog id, or null after recording a problem
     */
    private static String deviceId(String text, Cells c) {
        String d = text.toLowerCase(Locale.ROOT);
        String compact = d.replace(" ", "").replace("-", "");
        if (d.contains("gb200")) {
            return "gb200";
        }
        if (d.contains("b200")) {
            return "b200";
        }
        if (d.contains("h200")) {
            return "h200-sxm";
        }
        if (d.contains("h800")) {
            c.notes.add("device '" + text + "': the H800 is the export variant of the H100 SXM with the same compute "
                    + "and memory and a lower NVLink bandwidth; the catalog holds no H800 NVLink figure, so h100-sxm's "
                    + "is used — a known caveat: TP and DP traffic over NVLink is predicted too fast");
            return "h100-sxm";
        }
        if (d.contains("h100")) {
            if (d.contains("pcie")) {
                return "h100-pcie";
            }
            if (!d.contains("sxm")) {
                c.notes.add("device '" + text + "': an H100 of unstated form factor, read as h100-sxm (H100 SXM5 80 GB, "
                        + "the part of HGX/DGX 8-GPU nodes)");
            }
            return "h100-sxm";
        }
        if (d.contains("a800") || d.contains("a100")) {
            String which = d.contains("a800") ? "A800" : "A100";
            String size = memorySize(d);
            boolean fromDevice = size != null;
            String why = "stated in the device text";
            if (size == null) {
                String other = (c.row.text("caveats") + " " + c.row.text("source_title") + " "
                        + c.row.text("derived_values")).toLowerCase(Locale.ROOT);
                size = memorySize(other);
                why = size == null ? null : "the row's caveats or source name " + which + " " + size + " GB parts";
            }
            if (size == null) {
                OptionalDouble mem = c.row.lenient("memory_gib_per_gpu").map(l -> OptionalDouble.of(l.value()))
                        .orElse(OptionalDouble.empty());
                size = "80";
                why = mem.isPresent() && mem.getAsDouble() > 40
                        ? "the measured " + fmt(mem.getAsDouble()) + " GB per GPU does not fit a 40 GB part"
                        : "the source does not say; 80 GB is the larger part, so the assumption cannot refuse a "
                                + "configuration that ran";
            } else if (fromDevice && (d.contains("presumed") || d.contains("implied") || d.contains("per companion")
                    || d.contains("memory/form factor not stated"))) {
                why = "presumed by the source in the device text ('" + text + "')";
            } else if (fromDevice) {
                why = null;
            }
            String id = size.equals("40") ? "a100-sxm-40gb" : "a100-sxm-80gb";
            if (which.equals("A800")) {
                String link = c.row.text("intra_node_interconnect");
                c.notes.add("device '" + text + "': the A800 is the export variant of the A100 SXM with the same "
                        + "compute and memory and a lower NVLink bandwidth" + (link.isEmpty() ? "" : " (the row: '"
                        + link + "')") + "; the catalog holds no A800 NVLink figure, so " + id + "'s is used — a known "
                        + "caveat: TP and DP traffic over NVLink is predicted too fast");
            }
            if (why != null) {
                c.notes.add(which + " memory size " + size + " GB (" + id + "): " + why);
            }
            if (!d.contains("sxm") && !d.contains("dgx")) {
                c.notes.add("device '" + text + "': form factor not stated, read as the SXM4 part of 8-GPU HGX/DGX "
                        + "nodes (" + id + ")");
            }
            return id;
        }
        if (d.contains("v100")) {
            if (d.contains("sxm3") || d.contains("dgx-2")) {
                c.notes.add("device v100-sxm2-32gb: the DGX-2 part is the V100 SXM3 32 GB at 450 W, clocked higher "
                        + "than the 300 W SXM2 figures of the catalog (same 125 TFLOP/s FP16 datasheet peak)");
            }
            return "v100-sxm2-32gb";
        }
        if (d.contains("tpu")) {
            if (compact.contains("v5e") || compact.contains("v5lite")) {
                return "tpu-v5e";
            }
            if (compact.contains("v5p")) {
                return "tpu-v5p";
            }
            if (compact.contains("v4")) {
                return "tpu-v4";
            }
        }
        if (d.contains("gaudi")) {
            String id = compact.contains("gaudi3") ? "gaudi3" : compact.contains("gaudi2") ? "gaudi2" : null;
            if (id == null) {
                c.problems.add("device = '" + text + "': the Gaudi generation is not stated (the catalog holds Gaudi 2 "
                        + "and Gaudi 3)");
                return null;
            }
            if (d.contains("presumed")) {
                c.notes.add("device '" + text + "': " + id + ", as the source presumes");
            }
            return id;
        }
        for (String mi : List.of("mi250x", "mi300x", "mi325x")) {
            if (compact.contains(mi)) {
                return mi;
            }
        }
        if (compact.contains("a6000")) {
            return "rtx-a6000";
        }
        if (compact.contains("4090")) {
            return "rtx-4090";
        }
        if (compact.contains("3090")) {
            return "rtx-3090";
        }
        c.problems.add("device = '" + text + "': not a device LSDT maps to its catalog (expected one of H100, H200, "
                + "H800, A100 40/80GB, A800, B200, GB200, V100, TPU v4/v5e/v5p, Gaudi 2/3, MI250X/MI300X/MI325X, "
                + "RTX A6000/4090/3090)");
        return null;
    }

    private static String memorySize(String text) {
        Matcher m = Pattern.compile("\\b(40|80)\\s*(?:gb|g\\b|-g\\b)").matcher(text.replace("-40g", " 40g")
                .replace("-80g", " 80g"));
        return m.find() ? m.group(1) : null;
    }

    /** "8x HDR InfiniBand 200 Gb/s", "400 Gbps inter-node", "NDR 400 Gb/s per GPU": a count, a rate, a scope. */
    private static final Pattern NETWORK = Pattern.compile("(?:(\\d+)\\s*[xX]\\s*[^,;()]*?)?(\\d+(?:\\.\\d+)?)\\s*"
            + "([GgTt])(?:b/s|bps|bit/s)((?i)\\s*per\\s*(?:gpu|device|accelerator|link))?");

    /**
     * The cluster's own network where the row states its rate ({@code inter_node_interconnect}): "N× … R Gb/s" is N
     * NICs of R per node, "R Gb/s per GPU" is per GPU, and a rate alone ("400 Gbps inter-node", "AWS EFA 400 Gbps")
     * is the node's total (a p4d's four 100 Gb/s EFA NICs; an assumption, noted), shared by its
     * {@code devices_per_node} GPUs (8 when blank). Bits only ("Gb/s", "Gbps"): a rate in bytes or per link, a text
     * without a rate, or "not stated", keeps the catalog's NICs.
     */
    private static Hardware network(Cells c, Hardware hw) {
        String text = c.row.text("inter_node_interconnect");
        if (text.isEmpty() || text.toLowerCase(Locale.ROOT).contains("not stated")) {
            return hw;
        }
        Matcher m = NETWORK.matcher(text);
        if (!m.find()) {
            return hw;
        }
        double rate = Double.parseDouble(m.group(2)) * (m.group(3).equalsIgnoreCase("t") ? 1e12 : 1e9) / 8;
        int perNode = c.row.number("devices_per_node").isPresent()
                ? Math.max(1, (int) c.row.number("devices_per_node").getAsDouble()) : 8;
        double perGpu;
        String how;
        if (m.group(4) != null && m.group(4).toLowerCase(Locale.ROOT).contains("link")) {
            return hw; // per link: how many links a GPU has is not in the text
        } else if (m.group(4) != null) {
            perGpu = rate;
            how = "per GPU, as stated";
        } else if (m.group(1) != null) {
            int nics = Integer.parseInt(m.group(1));
            perGpu = nics * rate / perNode;
            how = nics + " NICs of " + fmt(rate * 8 / 1e9) + " Gb/s per node of " + perNode + " GPUs";
        } else {
            perGpu = rate / perNode;
            how = "read as the node's total, shared by its " + perNode + " GPUs (assumption: a cluster's network "
                    + "is quoted per node unless the text says per GPU)";
        }
        if (Math.abs(perGpu / hw.scaleOutBandwidth() - 1) < 1e-9) {
            return hw;
        }
        c.notes.add(String.format(Locale.ROOT, "inter_node_interconnect '%s': %s Gb/s per GPU per direction (%s), "
                + "not the catalog's %s Gb/s", text, fmt(perGpu * 8 / 1e9), how, fmt(hw.scaleOutBandwidth() * 8 / 1e9)));
        return hw.withScaleOutBandwidth(perGpu);
    }

    /**
     * A device without a scale-up link in the catalog (the consumer and workstation RTX cards) talks to its peers over
     * its PCIe host link: the catalog's PCIe fabric of the generation its notes name (Gen5, else Gen4), noted.
     *
     * @return the fabric id, or null to use the device's own links
     */
    private static String hostLinkFabric(Cells c, Catalog catalog, String deviceId) {
        io.lsdt.physics.catalog.Device d = catalog.device(deviceId);
        if (d.scaleUp() != null && d.scaleUp().bandwidthPerDirection() != null) {
            return null;
        }
        String notes = d.notes() == null ? "" : d.notes().toLowerCase(Locale.ROOT);
        String fabric = notes.contains("pcie gen5") ? "pcie5-x16" : "pcie4-x16";
        c.notes.add(deviceId + " has no NVLink-class link in the catalog: its peers are reached over its PCIe host link ("
                + fabric + "), in a scale-up domain of one device");
        return fabric;
    }

    private static int deviceCount(Cells c, String deviceId) {
        if (!c.row.blank("device_count")) {
            return c.whole("device_count");
        }
        int host = deviceId != null && deviceId.startsWith("tpu") ? 4 : 8;
        String per = c.row.text("devices_per_node");
        if (!per.isEmpty() && c.row.number("devices_per_node").isPresent()) {
            host = (int) c.row.number("devices_per_node").getAsDouble();
        }
        c.notes.add("device_count blank: from one host of " + host + (host == 4 ? " chips (a TPU v4 host)" : " devices")
                + " up, doubling, the first count on which a searched design fits in memory (the row's measured value "
                + "is per device, which depends little on the count under data parallelism)");
        return host;
    }

    private static Numerics numerics(Cells c) {
        String text = c.row.text("precision");
        String p = text.toLowerCase(Locale.ROOT);
        Numerics n;
        if (p.contains("fp8")) {
            n = Numerics.FP8;
        } else if (p.contains("bf16") || p.contains("bfloat16")) {
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

    // ------------------------------------------------------------------------------------------ measured value

    private static Measurement measurement(Cells c, Hardware hw, ParallelConfig config) {
        Metric chosen = null;
        double value = Double.NaN;
        double runTokens = Double.NaN;
        for (Metric m : Metric.values()) {
            if (m == Metric.SAMPLES_PER_S) {
                Matcher s = SAMPLES.matcher(c.row.text("derived_values"));
                if (s.find()) {
                    chosen = m;
                    value = Double.parseDouble(s.group(1).replace(",", ""));
                    c.notes.add("samples_per_s = " + fmt(value) + " from derived_values ('" + s.group() + "'): the job's "
                            + "samples per second, compared with global batch / predicted step time");
                    break;
                }
                continue;
            }
            String col = m.column();
            if (c.row.blank(col)) {
                continue;
            }
            Optional<RunRow.Lenient> v = c.row.lenient(col);
            if (v.isEmpty()) {
                c.notes.add(col + " = '" + c.row.text(col) + "' is not a number: not used");
                continue;
            }
            if (v.get().value() <= 0) {
                c.notes.add(col + " = " + c.row.text(col) + " is not positive: not used");
                continue;
            }
            double x = v.get().value();
            if (m.wholeRun()) {
                Double tokens = runTokens(c, m);
                if (tokens == null) {
                    continue;
                }
                if (m == Metric.TIME_TO_TRAIN_S) {
                    Matcher u = DURATION.matcher(c.row.text(col).replaceFirst("^[^\\d.]*[\\d.,]+[kKMBT]?", ""));
                    if (!u.find()) {
                        c.notes.add("time_to_train = '" + c.row.text(col) + "' has no unit (s, min, h, days, weeks): "
                                + "not used");
                        continue;
                    }
                    x *= seconds(u.group(1));
                    c.notes.add("time_to_train '" + c.row.text(col) + "' read as " + fmt(x) + " s");
                } else if (v.get().note() != null) {
                    c.notes.add(v.get().note());
                }
                runTokens = tokens;
            } else if (v.get().note() != null) {
                c.notes.add(v.get().note());
            }
            chosen = m;
            value = x;
            break;
        }
        if (chosen == null) {
            c.problems.add("no measured value: step_time_s, tflops_per_gpu, tokens_per_s_per_gpu, tokens_per_s, "
                    + "mfu_pct and hfu_pct are blank or not numbers, derived_values gives no samples per second, and "
                    + "time_to_train / gpu_hours come without the tokens trained");
            return null;
        }
        if (chosen == Metric.STEP_TIME_S && (c.row.text("derived_values") + " " + c.row.text("caveats"))
                .toLowerCase(Locale.ROOT).contains("micro-batch iteration")) {
            chosen = Metric.ITERATION_TIME_S;
            c.notes.add("step_time_s is the time of one micro-batch iteration (derived_values), not of an optimizer "
                    + "step: compared with the predicted step time / " + config.microBatches() + " micro-batches");
        }
        aggregateNote(c, chosen, config);
        caveatFlag(c);
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
        if (chosen == Metric.TFLOPS_PER_GPU && !countsRecompute
                && c.row.text("derived_values").toLowerCase(Locale.ROOT).contains("counts recompute")) {
            countsRecompute = true;
            c.notes.add("tflops_per_gpu counts recomputation FLOPs (derived_values: 'counts recompute'): compared "
                    + "with the predicted hardware FLOP/s per GPU");
        }
        if (!chosen.needsPeak()) {
            return new Measurement(chosen, value, Double.NaN, countsRecompute, runTokens);
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
        return new Measurement(chosen, value, basis, false, runTokens);
    }

    /** The tokens of a whole run: the cell's own "per 300B tokens", else {@code tokens_trained}; null if neither. */
    private static Double runTokens(Cells c, Metric m) {
        String text = c.row.text(m.column());
        Matcher per = PER_TOKENS.matcher(text.replaceFirst("^[^\\d.]*[\\d.,]+[kKMBT]?", ""));
        if (per.find()) {
            Optional<RunRow.Lenient> t = RunRow.lenient(m.column() + " tokens", per.group(1));
            if (t.isPresent()) {
                c.notes.add(m.column() + " '" + text + "' is for " + fmt(t.get().value()) + " tokens");
                return t.get().value();
            }
        }
        if (c.row.blank("tokens_trained")) {
            c.notes.add(m.column() + " = '" + text + "' without tokens_trained: a whole run cannot be predicted, not "
                    + "used");
            return null;
        }
        Optional<RunRow.Lenient> t = c.row.lenient("tokens_trained");
        if (t.isEmpty() || t.get().value() <= 0) {
            c.notes.add("tokens_trained = '" + c.row.text("tokens_trained") + "' is not a number (expected tokens, "
                    + "e.g. 300B): " + m.column() + " not used");
            return null;
        }
        c.notes.add((t.get().note() == null ? "tokens_trained " + fmt(t.get().value()) : t.get().note())
                + ": the whole run's " + m.column() + " is predicted as tokens / predicted tokens per second"
                + (m == Metric.GPU_HOURS ? " × devices" : "") + " (steps × step time)");
        return t.get().value();
    }

    private static double seconds(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("s")) {
            return 1;
        }
        if (u.startsWith("m")) {
            return 60;
        }
        if (u.startsWith("h")) {
            return 3600;
        }
        if (u.startsWith("d")) {
            return 86400;
        }
        return 7 * 86400;
    }

    /** Says whether a throughput is the job's total or per device, and what the source says about it. */
    private static void aggregateNote(Cells c, Metric m, ParallelConfig config) {
        long g = config.devices();
        String said = (c.row.text("caveats") + " " + c.row.text("derived_values")).toLowerCase(Locale.ROOT);
        boolean aggregateWords = said.contains("aggregat") || said.contains("total") || said.contains("per gpu or");
        if ((m == Metric.TOKENS_PER_S || m == Metric.SAMPLES_PER_S) && g > 1) {
            c.notes.add(m.column() + " read as the whole job's rate over " + g + " devices and compared with the "
                    + "predicted job total" + (aggregateWords ? " (the source's notes call it aggregate or discuss "
                    + "the reading)" : ""));
        } else if (m == Metric.TOKENS_PER_S_PER_GPU && aggregateWords) {
            c.notes.add("tokens_per_s_per_gpu is per device (the row also quotes an aggregate): compared with the "
                    + "predicted job total / " + g);
        }
    }

    /** A row whose caveats flag its own figures as implausible is kept, scored like any other, and says so. */
    private static void caveatFlag(Cells c) {
        String cav = c.row.text("caveats");
        String l = cav.toLowerCase(Locale.ROOT);
        for (String flag : List.of("treat with care", "treat with caution", "check:", "implausible")) {
            int i = l.indexOf(flag);
            if (i >= 0) {
                c.notes.add("the caveats flag this row's figures ('" + cav.substring(Math.max(0, i - 60),
                        Math.min(cav.length(), i + flag.length())).strip() + "'): kept, predicted and scored like any "
                        + "other row, so that its error shows");
                return;
            }
        }
    }

    /**
     * Formats a number for notes.
     *
     * @param v a number
     * @return {@code v} with up to six significant digits, without trailing zeros or an exponent
     */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------------------------------ cells

    /** Reads cells of one row, collecting problems (skip reasons) and notes (assumptions). */
    static final class Cells {
        /** The row read. */
        final RunRow row;
        /** Why the row cannot be predicted, so far. */
        final List<String> problems = new ArrayList<>();
        /** The assumptions made reading the row, so far. */
        final List<String> notes = new ArrayList<>();

        /**
         * Starts reading a row.
         *
         * @param row the row
         */
        Cells(RunRow row) {
            this.row = row;
        }

        /**
         * A required whole number ≥ 1; 0 after recording a problem.
         *
         * @param col the column
         * @return the number, or 0 after recording a problem
         */
        int whole(String col) {
            if (row.blank(col)) {
                problems.add(col + " is blank");
                return 0;
            }
            return checked(col);
        }

        /**
         * An optional whole number ≥ 1: blank or n/a → {@code dflt}; words → a problem.
         *
         * @param col the column
         * @param dflt the value of a blank or n/a cell
         * @return the number, {@code dflt}, or 0 after recording a problem
         */
        int wholeOr(String col, int dflt) {
            String t = row.text(col);
            if (t.isEmpty() || NOT_APPLICABLE.contains(t.toLowerCase(Locale.ROOT))) {
                return dflt;
            }
            return checked(col);
        }

        private int checked(String col) {
            Optional<RunRow.Lenient> v = row.lenient(col);
            if (v.isEmpty()) {
                problems.add(col + " = '" + row.text(col) + "' is not a number (expected a whole number ≥ 1)");
                return 0;
            }
            double d = v.get().value();
            if (d != Math.rint(d) || d < 1 || d > Integer.MAX_VALUE) {
                problems.add(col + " = " + row.text(col) + " is not a whole number ≥ 1");
                return 0;
            }
            if (v.get().note() != null) {
                notes.add(v.get().note());
            }
            return (int) d;
        }
    }
}
