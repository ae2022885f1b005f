package io.lsdt.physics.validation;

import static io.lsdt.physics.validation.Fixtures.edit;
import static io.lsdt.physics.validation.Fixtures.wave2Run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.design.AnalyticalStepModel;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.Recompute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked mappings of rows of dev_runs_wave2.csv (the copy in the test resources), each with the row's own text,
 * and the coverage of both files: a row is refused only when its architecture is unknown.
 */
class RunMapperWave2Test {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final AnalyticalStepModel MODEL = Physics.stepModel();

    private static RunSpec spec(String runId) {
        RunMapper.Mapping m = RunMapper.map(wave2Run(runId), CATALOG, MODEL);
        assertThat(m.skipReason()).as(runId).isNull();
        return m.spec();
    }

    @Test
    void bothFilesTogetherArePredictedAtLeast95PercentAndOnlyUnknownArchitecturesAreRefused() {
        Map<String, String> skipped = new LinkedHashMap<>();
        int rows = 0;
        List<RunRow> all = new ArrayList<>(Fixtures.devRuns());
        all.addAll(Fixtures.wave2Runs());
        for (RunRow r : all) {
            rows++;
            RunMapper.Mapping m = RunMapper.map(r, CATALOG, MODEL);
            if (m.skipped()) {
                skipped.put(r.runId(), m.skipReason());
            }
        }
        assertThat(rows).isEqualTo(208);
        // every row names a known architecture: the PyTorch/XLA blog's size-only GPT-2-style models take the shape
        // of Narayanan et al.'s GPT family at their size, GPT-J and StableLM Alpha come from the catalog
        assertThat(skipped).isEmpty();
    }

    @Test
    void sizeOnlyGptStyleRowTakesTheShapeOfTheNearestNarayananConfiguration() {
        // "GPT-2-style 16B (HF GPT2LMHeadModel)", params_b 16, seq 1024, vocab 50257, no layers or width: the nearest
        // Table 1 configuration is 18.4B at 6,144 wide; layers = round((16e9 - (50,257 + 1,024) * 6,144)
        // / (12 * 6,144^2 + 13 * 6,144)) = round(15,684,929,536 / 453,064,704) = round(34.62) = 35; heads 6144 / 128
        RunSpec s = spec("ptxla-fsdp-gpt2-16b-tpuv4-64");
        assertThat(s.arch().layers()).isEqualTo(35);
        assertThat(s.arch().hidden()).isEqualTo(6144);
        assertThat(s.arch().heads()).isEqualTo(48);
        assertThat(s.arch().ffnHidden()).isEqualTo(4 * 6144);
        assertThat(s.notes()).contains("layers and hidden blank for a GPT-style model of 16 B parameters: 35 layers × "
                + "6144 wide (48 heads of 128) assumed — the width of the nearest GPT configuration in Narayanan et "
                + "al. 2021 Table 1 (18.4 B), the layers its parameter count then holds");
    }

    @Test
    void rowsNamingAFamilyAndASizeFindTheCatalogModel() {
        // "GPTJ-CLM" with params_b 6: family gpt-j, GPT-J 6B published at 6.053 B (0.9 % from 6)
        RunSpec j = spec("gaudi-optimumhabana-gptj-6b-clm-8hpu");
        assertThat(j.arch().layers()).isEqualTo(28);
        assertThat(j.arch().hidden()).isEqualTo(4096);
        assertThat(j.notes()).contains("model 'GPTJ-CLM' is catalog model gpt-j-6b by family (gpt-j) and size "
                + "(params_b 6, catalog 6.05338 B as published)");
        // "StableLM Alpha 3B" with params_b 3: family stablelm, the 3B label
        RunSpec st = spec("litgpt-lora-stablelm-alpha-3b-mb1-1xa100-40gb");
        assertThat(st.arch().layers()).isEqualTo(16);
        assertThat(st.arch().vocab()).isEqualTo(50688);
    }

    @Test
    void optimumHabanaRowsTakeWhatTheyLeaveBlankFromTheReadmeCommands() {
        // "Llama2-70B Fine Tuning (LoRA)", seq_len blank, rank and targets unstated: the README's Llama2-70B LoRA
        // commands pass --max_seq_len 2048 --dataset_concatenation --gradient_checkpointing --lora_rank 4 and the
        // q, k, v and o projections
        RunSpec s = spec("gaudi-optimumhabana-llama2-70b-lora-deepspeed-8hpu");
        assertThat(s.arch().seqLen()).isEqualTo(2048);
        assertThat(s.loraRank()).isEqualTo(4);
        assertThat(s.loraTargets()).isEqualTo("q_proj k_proj v_proj o_proj");
        assertThat(s.config().recompute()).isEqualTo(Recompute.FULL);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("seq_len blank: 2048 from the documented recipe "
                + "optimum-habana-llama2-70b-lora (--max_seq_len 2048 with --dataset_concatenation"));
        // run_clm under DeepSpeed, "DeepSpeed (ZeRO stage not stated)": the README's ZeRO-2 config
        RunSpec j = spec("gaudi-optimumhabana-gptj-6b-clm-8hpu");
        assertThat(j.config().zeroStage()).isEqualTo(2);
        assertThat(j.notes()).anyMatch(n -> n.startsWith("zero_fsdp 'DeepSpeed (ZeRO stage not stated)': DeepSpeed "
                + "ZeRO-2 from the documented recipe optimum-habana-run-clm-deepspeed"));
        // a stated cell wins: no recipe matches a torchtune row
        assertThat(Recipes.match(wave2Run("torchtune-llama3.1-70b-lora-8xa100"), "lora", CATALOG)).isNull();
    }

    @Test
    void aClustersStatedNetworkReplacesTheCatalogsNics() {
        // "AWS EFA 400 Gbps", 8 A100 per node: the node's 400 Gb/s shared by 8 GPUs = 50 Gb/s = 6.25 GB/s per GPU
        RunSpec efa = spec("pt-fsdp-intro-175b-a100-40gb-128");
        assertThat(efa.hardware().scaleOutBandwidth()).isEqualTo(400e9 / 8 / 8);
        assertThat(efa.notes()).anyMatch(n -> n.startsWith("inter_node_interconnect 'AWS EFA 400 Gbps': 50 Gb/s per "
                + "GPU per direction (read as the node's total, shared by its 8 GPUs"));
        // "800 Gbps inter-node" on IBM's H100 nodes: 100 Gb/s per GPU, an eighth of the catalog's 400 Gb/s NIC each
        assertThat(spec("pt-fsdp-ibm-h100-llama2-70b").hardware().scaleOutBandwidth()).isEqualTo(800e9 / 8 / 8);
        // "8x ConnectX-7 NDR 400 Gb/s (DGX H100)": eight NICs of 400 Gb/s per 8-GPU node, the catalog's own
        // figure, so nothing is noted; "~12.5 GB/s per link" (bytes, per link) keeps the catalog's
        RunMapper.Mapping nemo = RunMapper.map(Fixtures.devRuns().stream()
                .filter(r -> r.runId().equals("nemo2407-h100-LLAMA2-70B-64")).findFirst().orElseThrow(), CATALOG, MODEL);
        assertThat(nemo.spec().hardware().scaleOutBandwidth()).isEqualTo(400e9 / 8);
        assertThat(nemo.notes()).noneMatch(n -> n.startsWith("inter_node_interconnect"));
        RunMapper.Mapping zero = RunMapper.map(wave2Run("zero-paper-60b-400xv100"), CATALOG, MODEL);
        assertThat(zero.notes()).noneMatch(n -> n.startsWith("inter_node_interconnect"));
    }

    @Test
    void theSearchForAnUnstatedLayoutRanksDesignsAsTheFrameworkAndAdaptersRunThem() {
        // Llama 2 70B LoRA under FSDP on 8 Gaudi 2 (96 GB): with every parameter trained no design fits (16 B of
        // state per parameter / 8 = 140 GB); with the adapters only trained, the frozen 16-bit base sharded over 8
        // is 17.5 GB and the design found fits
        RunSpec s = spec("gaudi-optimumhabana-llama2-70b-lora-fsdp-8hpu");
        assertThat(s.notes()).anyMatch(n -> n.startsWith("tp, pp and dp blank: LSDT's design search under the "
                + "pytorch-fsdp profile's limits") && n.contains("the fastest that fits in memory"));
    }

    @Test
    void ibmH100RowOfUnstatedFormFactorAndUnstatedGlobalBatch() {
        // "NVIDIA H100 80GB (form factor not stated)", 96 GPUs, tp 1 pp 1 dp 96, micro_batch 2, no global batch,
        // zero_fsdp "FSDP; README of fms-fsdp gives HSDP (hybrid shard within node) for 7B"
        RunSpec s = spec("pt-fsdp-ibm-h100-llama2-7b");
        assertThat(s.hardware().deviceId()).isEqualTo("h100-sxm");
        assertThat(s.notes()).contains("device 'NVIDIA H100 80GB (form factor not stated)': an H100 of unstated form "
                + "factor, read as h100-sxm (H100 SXM5 80 GB, the part of HGX/DGX 8-GPU nodes)");
        assertThat(s.framework()).isEqualTo("pytorch-fsdp-hybrid");
        assertThat(s.config().zeroStage()).isEqualTo(3);
        // one micro-batch of 2 per GPU per step: 96 · 2 = 192 sequences
        assertThat(s.config().globalBatch()).isEqualTo(192);
        assertThat(s.config().microBatch()).isEqualTo(2);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("global batch unstated: device_count · micro_batch = 192 "
                + "sequences assumed (one micro-batch per device per step: grad_accum blank"));
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.TOKENS_PER_S_PER_GPU, 7500, Double.NaN, false));
    }

    @Test
    void torchtune70bOnA100sOfUnstatedMemoryComparesTheAggregate() {
        // "NVIDIA A100 (memory not stated)", 8 GPUs, FSDP2 with CPU offload, full fine-tune, tokens_per_s 1568;
        // caveats: "per-GPU reading would exceed A100 peak, so aggregate is the physically consistent reading"
        RunSpec s = spec("torchtune-llama3.1-70b-full-8xa100");
        assertThat(s.hardware().deviceId()).isEqualTo("a100-sxm-80gb");
        assertThat(s.notes()).contains("A100 memory size 80 GB (a100-sxm-80gb): the source does not say; 80 GB is the "
                + "larger part, so the assumption cannot refuse a configuration that ran");
        assertThat(s.framework()).isEqualTo("fsdp2");
        assertThat(s.finetune()).isEqualTo("full");
        assertThat(s.baseWeightBits()).isEqualTo(16);
        assertThat(s.config().recompute()).isEqualTo(Recompute.FULL);
        assertThat(s.measurement().metric()).isEqualTo(Metric.TOKENS_PER_S);
        assertThat(s.notes()).contains("tokens_per_s read as the whole job's rate over 8 devices and compared with "
                + "the predicted job total (the source's notes call it aggregate or discuss the reading)");
    }

    @Test
    void colossalAiOnA800sCountsRecomputeAndNotesTheNvlinkCaveat() {
        // "NVIDIA A800 (memory not stated; 80GB presumed)", intra-node "NVLink (A800: 400 GB/s)"; Gemini ZeRO-3-style;
        // derived_values: "published value ~ 4/3 of that, i.e. counts recompute (HFU-style)"
        RunSpec s = spec("colossalai-llama65b-gemini-32xa800");
        assertThat(s.hardware().deviceId()).isEqualTo("a100-sxm-80gb");
        assertThat(s.notes()).anyMatch(n -> n.startsWith("device 'NVIDIA A800 (memory not stated; 80GB presumed)': "
                + "the A800 is the export variant of the A100 SXM with the same compute and memory and a lower "
                + "NVLink bandwidth (the row: 'NVLink (A800: 400 GB/s)'); the catalog holds no A800 NVLink figure"));
        assertThat(s.framework()).isEqualTo("other");
        assertThat(s.config().zeroStage()).isEqualTo(3);
        assertThat(s.config().globalBatch()).isEqualTo(384);
        assertThat(s.config().microBatch()).isEqualTo(12);
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.TFLOPS_PER_GPU, 176.84, Double.NaN, true));
    }

    @Test
    void litgptQloraRowTimesOneMicroBatchOfTheLongestAlpacaSample() {
        // LitGPT QLoRA, "BF16-true (--precision bf16-true), base weights NF4", micro 1, 128 samples per step,
        // step_time_s 0.2208 "per micro-batch iteration"; caveats: "longest example ... 1304 (Llama 2) tokens"
        RunSpec s = spec("litgpt-lora-llama-2-7b-mb1-nf4-1xa100-40gb");
        assertThat(s.finetune()).isEqualTo("qlora");
        assertThat(s.baseWeightBits()).isEqualTo(4);
        assertThat(s.loraRank()).isZero();
        assertThat(s.arch().seqLen()).isEqualTo(1304);
        assertThat(s.hardware().deviceId()).isEqualTo("a100-sxm-40gb");
        assertThat(s.config().globalBatch()).isEqualTo(128);
        assertThat(s.config().microBatches()).isEqualTo(128);
        assertThat(s.config().numerics()).isEqualTo(Numerics.BF16);
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.ITERATION_TIME_S, 0.2208, Double.NaN, false));
        assertThat(s.notes()).anyMatch(n -> n.startsWith("seq_len blank (variable-length samples): 1304 tokens, the "
                + "length the caveats give for Llama 2 ('1304 (Llama 2)')"));
        assertThat(s.notes()).contains("step_time_s is the time of one micro-batch iteration (derived_values), not of "
                + "an optimizer step: compared with the predicted step time / 128 micro-batches");
    }

    @Test
    void vectorLmLoraRankAlphaAndTargetsAreRecorded() {
        // "VectorLM (...) torch 2.2.2; PEFT LoRA r=8, alpha=32 (default target modules)"
        RunSpec s = spec("vectorlm-llama3-8b-lora-1xa100-2048");
        assertThat(s.finetune()).isEqualTo("lora");
        assertThat(s.loraRank()).isEqualTo(8);
        assertThat(s.loraTargets()).isEqualTo("default target modules");
        assertThat(s.framework()).isEqualTo("pytorch-fsdp");
        assertThat(s.notes()).contains("fine-tuning: LoRA, rank 8, alpha 32, default target modules");
        // the caveats flag the implied utilisation; kept and scored
        assertThat(s.notes()).anyMatch(n -> n.startsWith("the caveats flag this row's figures (")
                && n.endsWith("treat with care'): kept, predicted and scored like any other row, so that its error "
                + "shows"));
    }

    @Test
    void gaudiNeoxRowFromTheCatalogWithRunClmLengthAndSearchedLayout() {
        // "GPTNEOX-20B-CLM", no shape, 16 HPUs "(Gaudi 2 presumed ...)", DeepSpeed ZeRO stage not stated, batch 4
        // per device; derived_values "published throughput 257 sentences/sec (aggregate)"
        RunSpec s = spec("gaudi-optimumhabana-gptneox-20b-clm-16hpu");
        assertThat(s.arch().layers()).isEqualTo(44);
        assertThat(s.arch().hidden()).isEqualTo(6144);
        assertThat(s.arch().vocab()).isEqualTo(50432);
        assertThat(s.arch().seqLen()).isEqualTo(1024);
        assertThat(s.hardware().deviceId()).isEqualTo("gaudi2");
        assertThat(s.framework()).isEqualTo("deepspeed");
        assertThat(s.finetune()).isEqualTo("full");
        // DeepSpeed without Megatron: TP = PP = CP = 1, so DP = 16; one micro-batch of 2 per device per step
        assertThat(s.config().tp()).isEqualTo(1);
        assertThat(s.config().pp()).isEqualTo(1);
        assertThat(s.config().dp()).isEqualTo(16);
        assertThat(s.config().globalBatch()).isEqualTo(32);
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.SAMPLES_PER_S, 257, Double.NaN, false));
        assertThat(s.notes()).contains("model 'GPTNEOX-20B-CLM' is catalog model gpt-neox-20b by name",
                "seq_len blank: 1024, Hugging Face run_clm.py's documented default block_size (the model's maximum "
                        + "length, capped at 1024)");
        // the README's GPT-NeoX command: its DeepSpeed ZeRO-2 config and --gradient_checkpointing
        assertThat(s.config().zeroStage()).isEqualTo(2);
        assertThat(s.config().recompute()).isEqualTo(Recompute.FULL);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("tp, pp and dp blank: LSDT's design search under the "
                + "deepspeed profile's limits (TP ≤ 1, PP ≤ 1, CP ≤ 1, ZeRO 2, recompute full) "
                + "on 16 devices found TP 1 · PP 1 · DP 16 · CP 1, micro-batch 2, ZeRO 2"));
    }

    @Test
    void nanoGptWholeRunTimeFromTokensTrained() {
        // time_to_train "about 4 days (README); config comment says ~5 days", tokens_trained "300B (600,000 iters x
        // 491,520)": 4 × 86,400 = 345,600 s over 3e11 tokens
        RunSpec s = spec("nanogpt-gpt2-124m-8xa100-40gb-300B");
        assertThat(s.measurement()).isEqualTo(new Measurement(Metric.TIME_TO_TRAIN_S, 345_600, Double.NaN, false,
                3e11));
        assertThat(s.config().globalBatch()).isEqualTo(480);
        assertThat(s.notes()).contains("time_to_train 'about 4 days (README); config comment says ~5 days' read as "
                + "345600 s");
        // the whole run's time = tokens / tokens per second of the step model
        var p = MODEL.predict(s.arch(), s.hardware(), s.config());
        assertThat(s.measurement().predicted(p)).isCloseTo(3e11 / p.tokensPerSecond(), within(1e-6));
    }

    @Test
    void tinyLlamaProductionRowSearchesAnFsdpLayoutOn40GbA100s() {
        // 64 "NVIDIA A100 (memory not stated)"; caveats: "compare with the 16xA100-40G benchmark row"; FSDP; no
        // layout, batch or recompute; MFU 52 against no stated peak
        RunSpec s = spec("tinyllama-1.1b-3T-64xa100-production");
        assertThat(s.hardware().deviceId()).isEqualTo("a100-sxm-40gb");
        assertThat(s.notes()).contains("A100 memory size 40 GB (a100-sxm-40gb): the row's caveats or source name A100 "
                + "40 GB parts");
        assertThat(s.config().tp()).isEqualTo(1);
        assertThat(s.config().pp()).isEqualTo(1);
        assertThat(s.config().cp()).isEqualTo(1);
        assertThat(s.config().dp()).isEqualTo(64);
        assertThat(s.config().zeroStage()).isEqualTo(3);
        assertThat(s.config().globalBatch()).isEqualTo(64 * s.config().microBatch());
        assertThat(s.measurement().metric()).isEqualTo(Metric.MFU_PCT);
        assertThat(s.measurement().peakBasis()).isEqualTo(312e12);
    }

    @Test
    void zeroPaperRowKeepsMegatronModelParallelismInsideANodeWithoutPipelines() {
        // 60B, 75 layers, hidden 8192, heads / FFN / seq / vocab blank, 400 V100s, ZeRO stage 2 + Megatron MP
        RunSpec s = spec("zero-paper-60b-400xv100");
        assertThat(s.arch().heads()).isEqualTo(64);
        assertThat(s.arch().ffnHidden()).isEqualTo(32768);
        assertThat(s.arch().seqLen()).isEqualTo(1024);
        assertThat(s.arch().vocab()).isEqualTo(50257);
        assertThat(s.config().zeroStage()).isEqualTo(2);
        assertThat(s.config().pp()).isEqualTo(1);
        assertThat(s.config().tp()).isBetween(1, 8);
        assertThat(s.config().devices()).isEqualTo(400);
        assertThat(s.config().flashAttention()).isFalse();
    }

    @Test
    void openLlamaWithoutDeviceCountGrowsUntilADesignFits() {
        // 7B on "Google TPU v4", device_count blank, seq_len blank, "FSDP (ZeRO-3)": one host of 4 chips holds
        // 7B × 16 B / 4 = 28 GB of state per chip plus activations, over the 34.4 GB of a chip; 8 chips fit
        RunSpec s = spec("openllama-7b-tpuv4-easylm");
        assertThat(s.hardware().deviceId()).isEqualTo("tpu-v4");
        assertThat(s.arch().seqLen()).isEqualTo(2048);
        assertThat(s.config().devices()).isEqualTo(8);
        assertThat(s.notes()).contains("device_count: 8 (4 to 4 fit no design)");
        assertThat(s.framework()).isEqualTo("jax-xla");
    }

    @Test
    void neoxTrainingRunTakesItsBlankVocabularyFromTheCatalog() {
        RunSpec s = spec("gpt-neox-20b-96xa100-40gb");
        assertThat(s.arch().vocab()).isEqualTo(50432);
        assertThat(s.framework()).isEqualTo("megatron");
        assertThat(s.config().zeroStage()).isEqualTo(1);
        assertThat(s.config().flashAttention()).isFalse();
    }

    @Test
    void rtxCardsWithoutNvlinkTalkOverPcie() {
        RunSpec s = spec("torchtune-llama3.1-8b-lora-1xa6000");
        assertThat(s.hardware().deviceId()).isEqualTo("rtx-a6000");
        // RTX A6000 datasheet / GA102 whitepaper: 154.8 TFLOP/s dense BF16, 48 GB, 768 GB/s; peers over PCIe Gen4
        // x16, 32 GB/s per direction, in a domain of one device
        assertThat(s.hardware().peakFlops()).isCloseTo(154.8e12, within(1e6));
        assertThat(s.hardware().memoryBytes()).isEqualTo(48e9);
        assertThat(s.hardware().memoryBandwidth()).isEqualTo(768e9);
        assertThat(s.hardware().scaleUpDomain()).isEqualTo(1);
        assertThat(s.hardware().scaleOutBandwidth()).isEqualTo(32e9);
        assertThat(s.notes()).contains("rtx-a6000 has no NVLink-class link in the catalog: its peers are reached over "
                + "its PCIe host link (pcie4-x16), in a scale-up domain of one device");
        assertThat(spec("torchtune-llama3.1-8b-qlora-1x4090").hardware().deviceId()).isEqualTo("rtx-4090");
    }

    @Test
    void aCellThatCannotBeReadNamesColumnTextAndExpectation() {
        RunMapper.Mapping m = RunMapper.map(edit(wave2Run("llmc-gpt2-124m-8x"), "micro_batch", "a few"), CATALOG,
                MODEL);
        assertThat(m.skipReason()).isEqualTo("micro_batch = 'a few' is not a number (expected a whole number ≥ 1)");
        // a whole-run row whose tokens cannot be read keeps its other metric: llm.c's step time
        RunSpec tokens = RunMapper.map(edit(wave2Run("llmc-gpt2-124m-8x"), "tokens_trained", "lots"), CATALOG, MODEL)
                .spec();
        assertThat(tokens.measurement().metric()).isEqualTo(Metric.STEP_TIME_S);
        // without a step model, a row that needs the search says so
        assertThat(RunMapper.map(wave2Run("tinyllama-1.1b-3T-64xa100-production"), CATALOG).skipReason())
                .isEqualTo("tp, pp and dp are blank: the row needs LSDT's design search, and no step model was "
                        + "given to run it");
    }

    @Test
    void lenientNumbers() {
        assertThat(RunRow.lenient("c", "~2,048")).hasValueSatisfying(l -> {
            assertThat(l.value()).isEqualTo(2048);
            assertThat(l.note()).isEqualTo("c '~2,048' read as 2048");
        });
        assertThat(RunRow.lenient("c", "4 (per GPU)").orElseThrow().value()).isEqualTo(4);
        assertThat(RunRow.lenient("c", "0.42 (est.)").orElseThrow().value()).isEqualTo(0.42);
        assertThat(RunRow.lenient("c", "1.3k").orElseThrow().value()).isEqualTo(1300);
        assertThat(RunRow.lenient("c", "2.2T").orElseThrow().value()).isEqualTo(2.2e12);
        assertThat(RunRow.lenient("c", "~31.5B").orElseThrow().value()).isEqualTo(31.5e9);
        assertThat(RunRow.lenient("c", "3456 per 300B tokens").orElseThrow().value()).isEqualTo(3456);
        assertThat(RunRow.lenient("c", "137").orElseThrow().note()).isNull();
        // ranges, ratios and text that opens with words are not read
        assertThat(RunRow.lenient("c", "4-8")).isEmpty();
        assertThat(RunRow.lenient("c", "2/3")).isEmpty();
        assertThat(RunRow.lenient("c", "FSDP over remaining 64 chips")).isEmpty();
        assertThat(RunRow.lenient("c", "")).isEmpty();
    }
}
