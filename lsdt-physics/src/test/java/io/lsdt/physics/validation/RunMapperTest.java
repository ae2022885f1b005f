package io.lsdt.physics.validation;

import static io.lsdt.physics.validation.Fixtures.devRun;
import static io.lsdt.physics.validation.Fixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMapperTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final io.lsdt.physics.design.AnalyticalStepModel MODEL = io.lsdt.physics.Physics.stepModel();

    /** The eight NeMo long-sequence B200 rows, whose TP·PP·DP·CP is a quarter of their GPU count as published. */
    private static final List<String> B200_LONGSEQ = List.of("8k", "16k", "32k", "64k", "128k", "256k", "512k",
            "1024k").stream().map(k -> "nemo-longseq-b200-LLAMA3-8B-" + k).toList();

    @Test
    void theB200LongSequenceLayoutsAreTheOnlyInconsistentOnes() {
        List<RunRow> rows = Fixtures.devRuns();
        long consistent = rows.stream().filter(r -> RunMapper.layoutProblem(r).isEmpty()).count();
        // 109 − the eight inconsistent B200 long-sequence rows (the two strong-scaling rows take their layout
        // from their caveats)
        assertThat(consistent).isEqualTo(101);
        assertThat(rows.stream().filter(r -> RunMapper.layoutProblem(r).isPresent()).map(RunRow::runId))
                .containsExactlyElementsOf(B200_LONGSEQ);
        assertThat(RunMapper.layoutProblem(devRun("nemo-longseq-b200-LLAMA3-8B-8k"))).contains("tp·pp·dp·cp = "
                + "1·1·2·1 = 2 but device_count = 8 (4× the product): the row is inconsistent as published");
    }

    @Test
    void everyDevelopmentRowIsPredictable() {
        int mapped = 0;
        for (RunRow r : Fixtures.devRuns()) {
            RunMapper.Mapping m = RunMapper.map(r, CATALOG, MODEL);
            assertThat(m.skipReason()).as(r.runId()).isNull();
            mapped++;
            RunSpec s = m.spec();
            ParallelConfig c = s.config();
            long devices = (long) r.number("device_count").getAsDouble();
            if (B200_LONGSEQ.contains(r.runId())) {
                // predicted as published, on a quarter of the GPUs, and said so
                assertThat(c.devices()).as(r.runId()).isEqualTo(devices / 4);
                assertThat(s.notes()).anyMatch(n -> n.contains("the row is inconsistent as published; the layout is "
                        + "predicted as published, on " + devices / 4 + " devices"));
            } else {
                assertThat(c.devices()).as(r.runId()).isEqualTo(devices);
            }
            c.validate(s.arch().layers(), s.arch().heads(), s.arch().kvHeads(),
                    s.arch().moe() == null ? 0 : s.arch().moe().experts());
            assertThat(s.runId()).isEqualTo(r.runId());
            assertThat(s.source()).isEqualTo(r.text("source_title"));
            assertThat(s.measurement().value()).isPositive();
            assertThat(s.hardware().peakFlops()).isPositive();
            assertThat(s.framework()).as(r.runId()).isIn("megatron", "other");
            assertThat(s.finetune()).isEqualTo("none");
            assertThat(c.schedule()).isEqualTo(c.vpp() > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B);
        }
        assertThat(mapped).isEqualTo(109);
    }

    @Test
    void korthikanti530BOn2240GpusTakesItsVocabularyFromTheCatalogShapeAndOneMicroBatchPerDevice() {
        // "MT-NLG-style 530B", 105 layers, h 20480, 128 heads, vocab blank, TP8 PP35 DP8, framework blank, no
        // micro-batch or global batch stated, 54.2 % MFU of 312
        RunRow row = devRun("korthikanti-530B-2240gpu");
        // a blank framework is no Megatron recipe: the micro-batch is searched, which needs the step model
        assertThat(RunMapper.map(row, CATALOG).skipReason()).isEqualTo("micro_batch is blank: the row needs LSDT's "
                + "design search, and no step model was given to run it");
        RunMapper.Mapping m = RunMapper.map(row, CATALOG, MODEL);
        RunSpec s = m.spec();
        assertThat(s.arch().vocab()).isEqualTo(51200);
        assertThat(s.notes()).contains("model 'MT-NLG-style 530B' has the shape of catalog model turing-530b "
                + "(layers 105, hidden 20480, heads 128)", "vocab blank: 51200 from catalog model turing-530b "
                + "(Megatron-Turing NLG 530B)", "framework blank → profile other, ZeRO stage not stated",
                "ZeRO stage not stated: 0 assumed (nothing sharded)");
        // one micro-batch per device per step: 2240 · micro-batch sequences, 280 micro-batches per pipeline of 35
        int mb = s.config().microBatch();
        assertThat(s.config().globalBatch()).isEqualTo(2240 * mb);
        assertThat(s.config().microBatches()).isEqualTo(280);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("global batch unstated: device_count · micro_batch = "
                + 2240 * mb + " sequences assumed (one micro-batch per device per step: no gradient accumulation "
                + "under data parallelism, 280 micro-batches per pipeline)"));
        assertThat(s.notes()).anyMatch(n -> n.startsWith("micro_batch not stated: " + mb + ", of 1, 2, 4, 8, 16, 32 "
                + "the fastest that fits in memory"));
        assertThat(s.framework()).isEqualTo("other");
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.MFU_PCT, 54.2, 312e12, false));
    }

    @Test
    void blankLayoutIsTakenFromTheRowsCaveats() {
        // mcore-h100-strong-177B-96: tp, pp, dp blank; caveats: "(weak-scaling 177B row used TP8 PP6)" →
        // TP 8, PP 6, DP = 96 / 48 = 2
        RunSpec s = spec("mcore-h100-strong-177B-96");
        assertThat(s.config().tp()).isEqualTo(8);
        assertThat(s.config().pp()).isEqualTo(6);
        assertThat(s.config().dp()).isEqualTo(2);
        assertThat(s.notes()).anySatisfy(n -> assertThat(n).startsWith("tp, pp and dp blank: TP 8 and PP 6 taken "
                + "from the row's caveats"));
    }

    @Test
    void moeRowsTakeTheirExpertShapeFromTheCatalog() {
        // Qwen3-235B-A22B: 128 experts, top-8, expert width 1536 (Qwen3 technical report; official config)
        RunSpec s = spec("mbridge25.11-DGX-H100-Qwen3_235B_a22B-256-FP8-CS");
        assertThat(s.arch().moe()).isEqualTo(new Model.Moe(128, 8, 0, 1536, 0, false));
        RunSpec g = spec("mbridge25.11-DGX-H100-GPT_OSS_120B-64-BF16");
        assertThat(g.arch().moe()).isEqualTo(new Model.Moe(128, 4, 0, 2880, 0, true));
    }

    @Test
    void narayananRowGptShapeFullRecomputeAndRecomputeCountingFlops() {
        // Narayanan et al. SC'21 Table 1, 1.7B: 24 layers, h 2304, 24 heads, 32 A100 80GB, DP 32, batch 512,
        // 137 TFLOP/s = 44 % of 312 (recomputation counted)
        RunSpec s = spec("megatron-sc21-1.7B");
        Model.Architecture a = s.arch();
        assertThat(a).isEqualTo(new Model.Architecture(24, 2304, 24, 24, 96, 9216, "gelu", 51200, 2048, "learned",
                "layernorm", true, true, null, null));
        assertThat(s.hardware().deviceId()).isEqualTo("a100-sxm-80gb");
        assertThat(s.config()).isEqualTo(new ParallelConfig(1, 1, 1, 32, 1, 1, 1, 512, 0, Recompute.FULL, false,
                Schedule.ONE_F_ONE_B, Numerics.FP16, false, false, false));
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.TFLOPS_PER_GPU, 137, Double.NaN, true));
        assertThat(s.notes()).contains("micro_batch not stated: assumed 1",
                "attention unfused (no FlashAttention) under Megatron-LM (2021)");
        assertThat(s.notes()).anyMatch(n -> n.startsWith("tflops_per_gpu counts recomputation FLOPs (137 / 312 = "
                + "43.9103 % = hfu_pct 44)"));
    }

    @Test
    void dgxcLlamaRowInterleavedWithAssumedSequenceParallelism() {
        // dgxc-benchmarking llama3.1 405B BF16 on 576 H100: TP8 PP9 CP2 VP7, GBS 252, 17.2 s per step
        RunSpec s = spec("dgxc-Llama3.1-405B-BF16-576");
        assertThat(s.arch()).isEqualTo(new Model.Architecture(126, 16384, 128, 8, 128, 53248, "swiglu", 128256, 8192,
                "rope", "rmsnorm", false, false, null, null));
        assertThat(s.hardware().deviceId()).isEqualTo("h100-sxm");
        // ZeRO 1: NeMo's recipes overlap the parameter all-gather, which Megatron-LM allows only with its
        // distributed optimizer
        assertThat(s.config()).isEqualTo(new ParallelConfig(8, 9, 7, 4, 2, 1, 1, 252, 1, Recompute.NONE, true,
                Schedule.INTERLEAVED_1F1B, Numerics.BF16, true, true, true));
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.STEP_TIME_S, 17.2, Double.NaN, false));
        assertThat(s.notes()).containsExactly("framework 'NeMo 24.09' → profile megatron, ZeRO 0",
                "zero_fsdp blank: ZeRO 1 (distributed optimizer) assumed — the overlap the NeMo 24.09 recipes turn "
                        + "on (--overlap-param-gather) requires --use-distributed-optimizer (Megatron-LM "
                        + "megatron/training/arguments.py)",
                "recompute blank: none assumed", "DP and TP communication overlap assumed on (NeMo 24.09 recipes)",
                "sequence_parallel not stated: assumed on (tp > 1 under NeMo 24.09, whose recipes enable it with TP)");
        assertThat(s.framework()).isEqualTo("megatron");
    }

    @Test
    void devicesMapToTheCatalogWithTheirCaveats() {
        assertThat(spec("megatron2020-v100-1B").hardware().deviceId()).isEqualTo("v100-sxm2-32gb");
        assertThat(spec("megatron2020-v100-1B").notes()).anyMatch(n -> n.contains("DGX-2 part is the V100 SXM3 32 GB "
                + "at 450 W"));
        assertThat(spec("megatron2020-a100-1B").hardware().deviceId()).isEqualTo("a100-sxm-40gb");
        assertThat(spec("megatron2020-a100-1B").notes()).contains("A100 memory size 40 GB (a100-sxm-40gb): presumed "
                + "by the source in the device text ('NVIDIA A100 SXM4 (DGX A100, 2020; 40GB presumed)')");
        assertThat(spec("dgxc-Llama3.1-405B-FP8-2304").hardware().deviceId()).isEqualTo("h100-sxm");
        assertThat(spec("mbridge25.11-DGX-B200-LLAMA3_8B-8-FP8-CS").hardware().deviceId()).isEqualTo("b200");
        assertThat(spec("mbridge25.11-DGX-GB200-LLAMA3_8B-8-FP8-CS").hardware().deviceId()).isEqualTo("gb200");
        // FP8 numerics select the FP8 peak: H100 SXM dense FP8 1978.9 TFLOP/s (catalog, NVIDIA whitepaper)
        assertThat(spec("dgxc-Llama3.1-405B-FP8-2304").hardware().peakFlops()).isCloseTo(1978.9e12, within(1e6));
        RunMapper.Mapping m = RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "device", "Cerebras WSE-3"), CATALOG);
        assertThat(m.skipReason()).startsWith("device = 'Cerebras WSE-3': not a device LSDT maps to its catalog "
                + "(expected one of H100");
        // an A100 of unstated memory: 80 GB, with the reason
        RunMapper.Mapping a100 = RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "device", "NVIDIA A100 SXM4"),
                CATALOG);
        assertThat(a100.spec().hardware().deviceId()).isEqualTo("a100-sxm-80gb");
        assertThat(a100.notes()).contains("A100 memory size 80 GB (a100-sxm-80gb): the source does not say; 80 GB is "
                + "the larger part, so the assumption cannot refuse a configuration that ran");
        // an RTX 3090 is recognised but not in the catalog: refused naming the id
        assertThat(RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "device", "GeForce RTX 3090"), CATALOG)
                .skipReason()).startsWith("device = 'GeForce RTX 3090' is rtx-3090, which the catalog does not hold");
    }

    @Test
    void precisionTextsMapToNumerics() {
        assertThat(numerics("FP8-CS (FP8-MX)")).isEqualTo(Numerics.FP8);
        assertThat(numerics("not stated in table (FP8 implied: numbers in parentheses = other FP8 scaling)"))
                .isEqualTo(Numerics.FP8);
        assertThat(numerics("BF16")).isEqualTo(Numerics.BF16);
        assertThat(numerics("FP16 mixed precision")).isEqualTo(Numerics.FP16);
        assertThat(numerics("FP16/BF16 mixed precision")).isEqualTo(Numerics.BF16);
        RunSpec notStated = spec("mcore-h100-weak-7.1B");
        assertThat(notStated.config().numerics()).isEqualTo(Numerics.BF16);
        assertThat(notStated.notes()).contains("precision 'not stated (MFU consistent with BF16 989 TFLOP/s peak)' "
                + "is not stated as such: read as BF16");
        assertThat(spec("mcore-h100-weak-177B").notes())
                .anyMatch(n -> n.endsWith("read as BF16"));
        RunMapper.Mapping plain = RunMapper.map(edit(devRun("dgxc-Llama3.1-405B-BF16-576"), "precision", "mixed "
                + "precision"), CATALOG);
        assertThat(plain.spec().config().numerics()).isEqualTo(Numerics.BF16);
        assertThat(plain.notes()).contains("precision 'mixed precision' names no format: assumed BF16");
        RunSpec deepseek = spec("mbridge25.09-DGX-H100-DeepSeekV3_(dropless)-1024-prec_unstated");
        assertThat(deepseek.config().numerics()).isEqualTo(Numerics.FP8);
        assertThat(deepseek.notes()).anyMatch(n -> n.endsWith("is not stated as such: read as FP8"));
        // V100 has no BF16 peak: a row that ends up BF16 on it is skipped, naming device and numerics
        RunMapper.Mapping v100 = RunMapper.map(edit(devRun("megatron2020-v100-1B"), "precision", "BF16"), CATALOG);
        assertThat(v100.skipReason()).startsWith("device v100-sxm2-32gb at BF16: precision = bf16: expected a "
                + "precision with a published dense peak");
    }

    @Test
    void frameworkConventionsOfZeroRecomputeAndVirtualStages() {
        assertThat(spec("mbridge25.11-DGX-H100-LLAMA3_8B-8-FP8-CS").config().zeroStage()).as("FSDP").isEqualTo(3);
        assertThat(spec("mbridge25.11-DGX-H100-LLAMA3_70B-64-FP8-CS").config().zeroStage()).as("dist. optimizer")
                .isEqualTo(1);
        assertThat(spec("korthikanti-22B-sp-selective").config().zeroStage()).isZero();
        assertThat(spec("korthikanti-22B-sp-selective").config().recompute()).isEqualTo(Recompute.SELECTIVE);
        assertThat(spec("korthikanti-22B-sp-selective").config().sequenceParallel()).isTrue();
        assertThat(spec("korthikanti-22B-full-recompute").config().recompute()).isEqualTo(Recompute.FULL);
        assertThat(spec("korthikanti-22B-full-recompute").config().sequenceParallel()).as("'no' as written").isFalse();
        // vpp "n/a" reads as 1: plain 1F1B
        ParallelConfig na = spec("mbridge25.11-DGX-GB200-LLAMA3_8B-8-FP8-CS").config();
        assertThat(na.vpp()).isEqualTo(1);
        assertThat(na.schedule()).isEqualTo(Schedule.ONE_F_ONE_B);
        assertThat(na.microBatch()).isEqualTo(2);
        // Megatron-LM 2020 with tp 8: sequence parallelism did not exist yet
        assertThat(spec("megatron2020-a100-8B").config().sequenceParallel()).isFalse();
        // Megatron-Core r0.8.0 with tp 2: on by default
        assertThat(spec("mcore-h100-weak-7.1B").config().sequenceParallel()).isTrue();
        // tp 1: nothing to split
        assertThat(spec("dgxc-Llama3.1-8B-BF16-8").config().sequenceParallel()).isFalse();
        RunMapper.Mapping odd = RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "recompute", "sometimes"), CATALOG);
        assertThat(odd.skipReason()).isEqualTo("recompute = 'sometimes': expected full, selective, none or blank");
    }

    @Test
    void ffnTypeByFamilyAndWidth() {
        // Llama 2 7B: 11008 ≠ 4·4096 and a Llama name → gated
        assertThat(spec("nemo2407-h100-LLAMA2-7B-8").arch().ffnType()).isEqualTo("swiglu");
        // GPT-3 175B: 4·h → two matrices
        assertThat(spec("nemo2407-h100-GPT3-175B-128").arch().ffnType()).isEqualTo("gelu");
        // Nemotron-4: squared ReLU without a gate at 4·h
        RunSpec nemotron = spec("dgxc-Nemotron4-15B-BF16-16");
        assertThat(nemotron.arch().ffnType()).isEqualTo("gelu");
        assertThat(nemotron.arch().positionEmbedding()).isEqualTo("rope");
        assertThat(nemotron.notes()).contains("Nemotron FFN read as two matrices (squared ReLU, no gate), not SwiGLU");
        // an unnamed family with a width that is not 4·h → gated, said so
        RunSpec odd = RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "model", "Mystery 2B", "ffn_hidden", "6144"),
                CATALOG).spec();
        assertThat(odd.arch().ffnType()).isEqualTo("swiglu");
        assertThat(odd.notes()).contains("ffn_hidden 6144 ≠ 4·hidden: read as a gated (SwiGLU-type) FFN");
        // kv_heads blank = heads; given = as given
        assertThat(spec("megatron-sc21-1.7B").arch().kvHeads()).isEqualTo(24);
        assertThat(spec("dgxc-Nemotron4-15B-BF16-16").arch().kvHeads()).isEqualTo(8);
    }

    @Test
    void moeShapesFromTheCatalogOrTheRow() {
        // DeepSeek-V3: the row has no ffn_hidden and no expert fields; the catalog's deepseek-v3 supplies them
        RunSpec ds = spec("mbridge25.11-DGX-GB200-DeepSeekV3_(w/o_MTP)-256-BF16");
        Model.Architecture catalog = CATALOG.model("deepseek-v3").architecture();
        assertThat(ds.arch().moe()).isEqualTo(catalog.moe());
        assertThat(ds.arch().mla()).isEqualTo(catalog.mla());
        assertThat(ds.arch().ffnHidden()).isEqualTo(18432);
        assertThat(ds.arch().headDim()).isEqualTo(128);
        assertThat(ds.config().ep()).isEqualTo(64);
        assertThat(ds.notes()).contains("ffn_hidden blank: the dense FFN width 18432 of catalog model deepseek-v3");
        // Grok-1: the shape is in the row, "moe (8 experts, top-2)" with ffn_hidden 32768
        RunSpec grok = spec("dgxc-Grok-1-314B-BF16-2048");
        assertThat(grok.arch().moe()).isEqualTo(new Model.Moe(8, 2, 0, 32768, 0, false));
        assertThat(grok.arch().ffnType()).isEqualTo("swiglu");
        assertThat(grok.config().ep()).isEqualTo(8);
        // Mixtral 8x7B matches the catalog by name
        RunSpec mixtral = RunMapper.map(edit(devRun("dgxc-Grok-1-314B-BF16-2048"), "model", "Mixtral 8x7B",
                "arch_type", "moe", "ffn_hidden", ""), CATALOG).spec();
        assertThat(mixtral.arch().moe()).isEqualTo(CATALOG.model("mixtral-8x7b").architecture().moe());
        assertThat(mixtral.arch().ffnHidden()).isEqualTo(14336);
    }

    @Test
    void wordyCellsAreSkipReasonsNamingFieldAndText() {
        RunRow base = devRun("megatron-sc21-1.7B");
        assertThat(RunMapper.map(edit(base, "dp", "FSDP over remaining 64 chips"), CATALOG).skipReason())
                .isEqualTo("dp = 'FSDP over remaining 64 chips' is not a number (expected a whole number ≥ 1)");
        assertThat(RunMapper.map(edit(base, "cp", "ring attention"), CATALOG).skipReason())
                .isEqualTo("cp = 'ring attention' is not a number (expected a whole number ≥ 1)");
        // a number with words around it is read, noted: "32 (per GPU)" → 32
        RunMapper.Mapping perGpu = RunMapper.map(edit(base, "dp", "32 (per GPU)"), CATALOG);
        assertThat(perGpu.spec().config().dp()).isEqualTo(32);
        assertThat(perGpu.notes()).contains("dp '32 (per GPU)' read as 32");
        assertThat(RunMapper.map(edit(base, "tp", "2.5"), CATALOG).skipReason())
                .isEqualTo("tp = 2.5 is not a whole number ≥ 1");
        assertThat(RunMapper.map(edit(base, "layers", "", "hidden", "wide"), CATALOG).skipReason())
                .isEqualTo("model architecture unknown: the row gives no layers for 'GPT-3-style 1.7B' and no catalog "
                        + "model matches its name");
        assertThat(RunMapper.map(edit(base, "hidden", "wide"), CATALOG).skipReason())
                .isEqualTo("hidden = 'wide' is not a number (expected a whole number ≥ 1)");
        assertThat(RunMapper.map(edit(base, "sequence_parallel", "maybe"), CATALOG).skipReason())
                .isEqualTo("sequence_parallel = 'maybe': expected yes or no");
        // "n/a" in an optional cell is its default
        assertThat(RunMapper.map(edit(base, "cp", "n/a", "ep", "none"), CATALOG).skipped()).isFalse();
        // a wordy measured cell is passed over, with a note, for the next metric
        RunRow kor = devRun("korthikanti-22B-sp-selective");
        RunSpec s = RunMapper.map(edit(kor, "step_time_s", "between 1 and 2 s"), CATALOG).spec();
        assertThat(s.measurement().metric()).isEqualTo(Metric.MFU_PCT);
        assertThat(s.measurement().value()).isEqualTo(41.5);
        assertThat(s.notes()).contains("step_time_s = 'between 1 and 2 s' is not a number: not used");
        // "about 1.1 s" is read leniently, noted
        RunSpec about = RunMapper.map(edit(kor, "step_time_s", "about 1.1 s"), CATALOG).spec();
        assertThat(about.measurement()).isEqualTo(new Measurement(Metric.STEP_TIME_S, 1.1, Double.NaN, false));
        assertThat(about.notes()).contains("step_time_s 'about 1.1 s' read as 1.1");
        RunMapper.Mapping none = RunMapper.map(edit(kor, "step_time_s", "", "mfu_pct", "n/a", "hfu_pct", ""),
                CATALOG);
        assertThat(none.skipReason()).startsWith("no measured value: step_time_s, tflops_per_gpu");
        assertThat(none.skipReason()).endsWith("time_to_train / gpu_hours come without the tokens trained");
        assertThat(none.notes()).contains("mfu_pct = 'n/a' is not a number: not used");
    }

    @Test
    void frameworkRulesAndBatchArithmetic() {
        RunRow base = devRun("megatron2020-v100-2B");
        // 18 heads do not split over tp 4
        RunMapper.Mapping m = RunMapper.map(edit(base, "tp", "4", "device_count", "4"), CATALOG);
        assertThat(m.skipReason()).startsWith("the parallel design breaks a framework rule: tp = 4: expected a divisor "
                + "of the 18 attention heads");
        // the global batch from tokens / seq_len, noted
        RunRow tokens = edit(devRun("korthikanti-175B-sp-selective"), "global_batch_seqs", "");
        RunSpec s = RunMapper.map(tokens, CATALOG).spec();
        assertThat(s.config().globalBatch()).isEqualTo(131072 / 2048);
        assertThat(s.notes()).contains("global batch = global_batch_tokens / seq_len = 64 sequences");
        RunRow fractional = edit(tokens, "global_batch_tokens", "100000");
        assertThat(RunMapper.map(fractional, CATALOG).skipReason()).isEqualTo("global_batch_tokens 100000 / seq_len "
                + "2048 = 48.8281 is not a whole number of sequences");
        // a batch that does not split into micro-batches
        RunRow uneven = edit(devRun("korthikanti-22B-sp-selective"), "micro_batch", "3");
        assertThat(RunMapper.map(uneven, CATALOG).skipReason()).contains("global_batch = 4: expected a multiple of "
                + "dp × micro_batch = 1 × 3");
        // grad_accum that disagrees with the batch arithmetic is noted
        RunRow grad = edit(devRun("dgxc-Llama3.1-405B-BF16-576"), "grad_accum", "60");
        assertThat(RunMapper.map(grad, CATALOG).spec().notes())
                .contains("grad_accum 60 differs from global batch / (dp · micro_batch) = 63");
    }

    @Test
    void peakBasisAndItsFallback() {
        // "312 (A100 dense)" → 312e12 FLOP/s for MFU
        RunSpec mfu = RunMapper.map(edit(devRun("korthikanti-22B-sp-selective"), "step_time_s", ""), CATALOG).spec();
        assertThat(mfu.measurement()).isEqualTo(new Measurement(Metric.MFU_PCT, 41.5, 312e12, false));
        // GB200: NVIDIA's 2450 differs from the catalog's 2500 — noted
        RunSpec gb = RunMapper.map(edit(devRun("dgxc-Llama3.1-405B-BF16-128-gb200"), "step_time_s", "",
                "tokens_per_s", ""), CATALOG).spec();
        assertThat(gb.measurement().peakBasis()).isEqualTo(2450e12);
        assertThat(gb.notes()).contains("the source divides by 2450 TFLOP/s; the catalog's dense peak of gb200 at the "
                + "row's numerics is 2500 TFLOP/s");
        // "model TFLOP/s per GPU (not MFU)" names no peak: the device's dense peak at the row's numerics
        RunSpec none = RunMapper.map(edit(devRun("mbridge25.11-DGX-H100-LLAMA3_8B-8-FP8-CS"), "tflops_per_gpu", "",
                "tokens_per_s_per_gpu", "", "mfu_pct", "37.6"), CATALOG).spec();
        assertThat(none.measurement().metric()).isEqualTo(Metric.MFU_PCT);
        assertThat(none.measurement().value()).isEqualTo(37.6);
        assertThat(none.measurement().peakBasis()).isCloseTo(1978.9e12, within(1e6));
        assertThat(none.notes()).contains("peak_tflops_basis 'model TFLOP/s per GPU (not MFU)' states no peak: mfu_pct "
                + "against the dense peak of h100-sxm at the row's numerics, 1978.9 TFLOP/s");
        // Narayanan's % of peak is HFU
        RunSpec hfu = RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "tflops_per_gpu", ""), CATALOG).spec();
        assertThat(hfu.measurement()).isEqualTo(new Measurement(Metric.HFU_PCT, 44, 312e12, false));
    }

    private static RunSpec spec(String runId) {
        RunMapper.Mapping m = RunMapper.map(devRun(runId), CATALOG);
        assertThat(m.skipReason()).as(runId).isNull();
        return m.spec();
    }

    private static Numerics numerics(String precision) {
        RunMapper.Mapping m = RunMapper.map(edit(devRun("dgxc-Llama3.1-405B-BF16-576"), "precision", precision),
                CATALOG);
        assertThat(m.skipReason()).as(precision).isNull();
        return m.spec().config().numerics();
    }
}
