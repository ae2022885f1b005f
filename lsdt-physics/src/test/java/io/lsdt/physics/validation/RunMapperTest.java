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

    /**
     * The development rows that cannot be predicted, with the reason each must give (dev_runs.csv as copied; see
     * validation/README.md in the test resources). The eight B200 rows are the NeMo long-sequence table that the
     * data README calls inconsistent by a factor 4.
     */
    private static final Map<String, String> SKIPPED = skipped();

    private static Map<String, String> skipped() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("korthikanti-530B-2240gpu", "vocab is blank; global_batch_seqs and global_batch_tokens are blank");
        String[][] b200 = {{"8k", "1·1·2·1 = 2", "8"}, {"16k", "1·1·4·1 = 4", "16"}, {"32k", "1·1·4·2 = 8", "32"},
            {"64k", "1·1·4·4 = 16", "64"}, {"128k", "2·1·4·4 = 32", "128"}, {"256k", "4·1·4·4 = 64", "256"},
            {"512k", "4·1·4·8 = 128", "512"}, {"1024k", "4·1·4·16 = 256", "1024"}};
        for (String[] b : b200) {
            m.put("nemo-longseq-b200-LLAMA3-8B-" + b[0], "tp·pp·dp·cp = " + b[1] + " but device_count = " + b[2]
                    + " (4× the product): the row is inconsistent as published");
        }
        return m;
    }

    @Test
    void atLeast98DevelopmentRowsHaveALayoutMatchingTheirDeviceCount() {
        List<RunRow> rows = Fixtures.devRuns();
        long consistent = rows.stream().filter(r -> RunMapper.layoutProblem(r).isEmpty()).count();
        // 109 − the eight inconsistent B200 long-sequence rows (the two strong-scaling rows take their layout
        // from their caveats)
        assertThat(consistent).isGreaterThanOrEqualTo(98).isEqualTo(101);
        assertThat(rows.stream().filter(r -> RunMapper.layoutProblem(r).isPresent()).map(RunRow::runId))
                .containsExactlyElementsOf(SKIPPED.keySet().stream()
                        .filter(id -> id.startsWith("nemo-longseq-b200")).toList());
    }

    @Test
    void everyDevelopmentRowIsPredictableOrSkippedWithItsReason() {
        Map<String, String> actual = new LinkedHashMap<>();
        int mapped = 0;
        for (RunRow r : Fixtures.devRuns()) {
            RunMapper.Mapping m = RunMapper.map(r, CATALOG);
            if (m.skipped()) {
                assertThat(m.spec()).isNull();
                actual.put(r.runId(), m.skipReason());
                continue;
            }
            mapped++;
            RunSpec s = m.spec();
            ParallelConfig c = s.config();
            // tp·pp·dp·cp = devices, and the framework rules hold
            assertThat(c.devices()).as(r.runId()).isEqualTo((long) r.number("device_count").getAsDouble());
            c.validate(s.arch().layers(), s.arch().heads(), s.arch().kvHeads(),
                    s.arch().moe() == null ? 0 : s.arch().moe().experts());
            assertThat(s.runId()).isEqualTo(r.runId());
            assertThat(s.source()).isEqualTo(r.text("source_title"));
            assertThat(s.measurement().value()).isPositive();
            assertThat(s.hardware().peakFlops()).isPositive();
            assertThat(c.schedule()).isEqualTo(c.vpp() > 1 ? Schedule.INTERLEAVED_1F1B : Schedule.ONE_F_ONE_B);
        }
        assertThat(actual).containsExactlyEntriesOf(SKIPPED);
        assertThat(mapped).isEqualTo(109 - SKIPPED.size()).isEqualTo(100);
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
        assertThat(s.config()).isEqualTo(new ParallelConfig(8, 9, 7, 4, 2, 1, 1, 252, 0, Recompute.NONE, true,
                Schedule.INTERLEAVED_1F1B, Numerics.BF16, true, true, true));
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.STEP_TIME_S, 17.2, Double.NaN, false));
        assertThat(s.notes()).containsExactly(
                "sequence_parallel not stated: assumed on (tp > 1 under NeMo 24.09, whose recipes enable it with TP)",
                "DP and TP communication overlap assumed on (NeMo 24.09 recipes)");
    }

    @Test
    void devicesMapToTheCatalogWithTheirCaveats() {
        assertThat(spec("megatron2020-v100-1B").hardware().deviceId()).isEqualTo("v100-sxm2-32gb");
        assertThat(spec("megatron2020-v100-1B").notes()).anyMatch(n -> n.contains("DGX-2 part is the V100 SXM3 32 GB "
                + "at 450 W"));
        assertThat(spec("megatron2020-a100-1B").hardware().deviceId()).isEqualTo("a100-sxm-40gb");
        assertThat(spec("megatron2020-a100-1B").notes()).contains("A100 memory size presumed 40 GB by the source: "
                + "a100-sxm-40gb");
        assertThat(spec("dgxc-Llama3.1-405B-FP8-2304").hardware().deviceId()).isEqualTo("h100-sxm");
        assertThat(spec("mbridge25.11-DGX-B200-LLAMA3_8B-8-FP8-CS").hardware().deviceId()).isEqualTo("b200");
        assertThat(spec("mbridge25.11-DGX-GB200-LLAMA3_8B-8-FP8-CS").hardware().deviceId()).isEqualTo("gb200");
        // FP8 numerics select the FP8 peak: H100 SXM dense FP8 1978.9 TFLOP/s (catalog, NVIDIA whitepaper)
        assertThat(spec("dgxc-Llama3.1-405B-FP8-2304").hardware().peakFlops()).isCloseTo(1978.9e12, within(1e6));
        RunMapper.Mapping m = RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "device", "Cerebras WSE-3"), CATALOG);
        assertThat(m.skipReason()).startsWith("device = 'Cerebras WSE-3': not a device LSDT maps to its catalog");
        assertThat(RunMapper.map(edit(devRun("megatron-sc21-1.7B"), "device", "NVIDIA A100 SXM4"), CATALOG)
                .skipReason()).contains("the A100's memory size (40 or 80 GB) is not stated");
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
                .isEqualTo("dp = 'FSDP over remaining 64 chips' is not a number");
        assertThat(RunMapper.map(edit(base, "cp", "ring attention"), CATALOG).skipReason())
                .isEqualTo("cp = 'ring attention' is not a number");
        assertThat(RunMapper.map(edit(base, "tp", "2.5"), CATALOG).skipReason())
                .isEqualTo("tp = 2.5 is not a whole number ≥ 1");
        assertThat(RunMapper.map(edit(base, "layers", "", "hidden", "wide"), CATALOG).skipReason())
                .isEqualTo("layers is blank; hidden = 'wide' is not a number");
        assertThat(RunMapper.map(edit(base, "sequence_parallel", "maybe"), CATALOG).skipReason())
                .isEqualTo("sequence_parallel = 'maybe': expected yes or no");
        // "n/a" in an optional cell is its default
        assertThat(RunMapper.map(edit(base, "cp", "n/a", "ep", "none"), CATALOG).skipped()).isFalse();
        // a wordy measured cell is passed over, with a note, for the next metric
        RunRow kor = devRun("korthikanti-22B-sp-selective");
        RunSpec s = RunMapper.map(edit(kor, "step_time_s", "about 1.1 s"), CATALOG).spec();
        assertThat(s.measurement().metric()).isEqualTo(Metric.MFU_PCT);
        assertThat(s.measurement().value()).isEqualTo(41.5);
        assertThat(s.notes()).contains("step_time_s = 'about 1.1 s' is not a number: not used");
        RunMapper.Mapping none = RunMapper.map(edit(kor, "step_time_s", "", "mfu_pct", "n/a", "hfu_pct", ""),
                CATALOG);
        assertThat(none.skipReason()).startsWith("no measured value: step_time_s, tflops_per_gpu");
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
