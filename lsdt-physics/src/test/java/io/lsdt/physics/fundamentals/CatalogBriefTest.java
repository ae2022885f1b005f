package io.lsdt.physics.fundamentals;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.graph.resolve.TraceStep;
import io.lsdt.physics.Close;
import io.lsdt.physics.TestFiles;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.brief.BriefLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog-form briefs: the repository's examples (Llama 3.1 405B, GPT-3 175B) resolve every bundle key, and the
 * values follow by hand from the catalog, the papers and the brief.
 */
class CatalogBriefTest {
    private static final double REL = 1e-12;
    /** arch.params_total of Llama 3.1 405B, derived from its shape (models.yaml hand count; ParameterCountTest). */
    private static final double P_405B = 405_853_388_800.0;
    /** arch.params_total of GPT-3 175B (vocab 50,257, tied, learned positions). */
    private static final double P_GPT3 = 174_604_259_328.0;

    @TempDir
    Path dir;

    private static FundamentalsResult compute(Path brief) {
        return Fundamentals.compute(io.lsdt.physics.Physics.registry(), BriefLoader.load(brief));
    }

    private static FundamentalsResult llama() {
        return compute(TestFiles.example("llama3.1-405b.yaml"));
    }

    private static FundamentalsResult gpt3() {
        return compute(TestFiles.example("gpt3-175b.yaml"));
    }

    /** The 405B example with {@code from} replaced by {@code to}. */
    private FundamentalsResult llamaWith(String from, String to) {
        String text = TestFiles.replaceOnce(TestFiles.read(TestFiles.example("llama3.1-405b.yaml")), from, to);
        return compute(TestFiles.write(dir, "variant.yaml", text));
    }

    private static void resolvesEveryBundleKey(FundamentalsResult r) {
        assertThat(r.resolution().missing()).isEmpty();
        Map<String, Map<String, Double>> bundle = r.bundle();
        for (Map.Entry<String, List<String>> s : Fundamentals.SECTIONS.entrySet()) {
            assertThat(bundle.get(s.getKey()).keySet()).as("section %s", s.getKey())
                    .containsExactlyElementsOf(s.getValue());
            bundle.get(s.getKey()).forEach((k, v) -> assertThat(v).as(k).isFinite());
        }
    }

    private static ConstraintCheck.Status status(FundamentalsResult r, String constraint) {
        return r.resolution().constraints().stream().filter(c -> c.constraint().name().endsWith("." + constraint))
                .findFirst().orElseThrow().status();
    }

    @Test
    void bothExamplesResolveEveryBundleKey() {
        FundamentalsResult l = llama();
        FundamentalsResult g = gpt3();
        resolvesEveryBundleKey(l);
        resolvesEveryBundleKey(g);
        assertThat(l.brief().form()).isEqualTo(Brief.Form.CATALOG);
        assertThat(l.brief().modelId()).isEqualTo("llama3.1-405b");
        assertThat(l.brief().deviceId()).isEqualTo("h100-sxm");
        assertThat(l.brief().fabricId()).isEqualTo("roce-400g");
        assertThat(l.brief().devices()).isEqualTo(16_384L);
        assertThat(g.brief().devices()).isEqualTo(1_024L);
    }

    @Test
    void llama405bByHand() {
        FundamentalsResult r = llama();
        // P = P_active = arch.params_total = 405,853,388,800 (dense)
        assertThat(r.value("P")).isEqualTo(P_405B);
        assertThat(r.value("P_active")).isEqualTo(P_405B);
        // F_total = 6 × arch.params_active × 15.6e12 = 3.798787719168e25 FLOP
        Close.relative(r.value("F_total_flop"), 6 * P_405B * 15.6e12, REL, "F_total_flop");
        Close.relative(r.value("F_total_flop"), 3.798787719168e25, REL, "F_total_flop");
        // deadline 78 d = 6,739,200 s (the model card's 30.84M H100-hours on 16,384 GPUs)
        assertThat(r.value("T")).isEqualTo(78 * 86_400.0);
        // F_dev_sust = 0.40 × 989.4 TFLOP/s (H100 SXM bf16 dense, whitepaper) = 3.9576e14 FLOP/s
        Close.relative(r.value("F_dev_sust_flop_s"), 0.40 * 9.894e14, REL, "F_dev_sust_flop_s");
        // BW_fabric_node = 8 NICs × 400 Gb/s (5e10 B/s) × 0.8 = 3.2e11 B/s
        Close.relative(r.value("BW_fabric_node_sust_Bps"), 8 * 5e10 * 0.8, REL, "BW_fabric_node_sust_Bps");
        Close.relative(r.value("BW_fabric_node_sust_Bps"), 3.2e11, REL, "BW_fabric_node_sust_Bps");
        // selective recompute (Korthikanti §5): 34·s·b·h bytes per layer = layers × tokens × hidden × 34
        // = 126 × 16,777,216 × 16,384 × 34 = 1.177576953348096e+15 B (2,048 sequences × 8,192 tokens per step)
        Close.relative(r.value("B_step_bytes"), 126 * 16_777_216.0 * 16_384 * 34, REL, "B_step_bytes");
        Close.relative(r.value("B_step_bytes"), 1177576953348096.0, REL, "B_step_bytes");
        // memory from the catalog: the H100's visible 81,559 MiB = 85,520,809,984 B (MLPerf v4.0 Eos); state
        // (2 + 4 + 12) × P = 7.3053609984e12 B → ⌈85.42⌉ = 86 devices (the brief's FP32 gradients, Llama 3 §3.3.4)
        assertThat(r.value("B_dev_mem_bytes")).isEqualTo(81_559.0 * 1024 * 1024);
        Close.relative(r.value("B_state_min_bytes"), 18 * P_405B, REL, "B_state_min_bytes");
        assertThat(r.value("N_state_memory_lower_bound")).isEqualTo(86.0);
        // N_compute = ⌈3.798787719168e25 / 6,739,200 / 3.9576e14⌉ = ⌈14,243.1⌉ = 14,244 H100s at 40% of peak
        assertThat(r.value("N_compute_lower_bound")).isEqualTo(14_244.0);
        // checkpoint: 14 B/param × P / 2 TB/s (Tectonic) = 2.8409737216 s; N_ckpt = ⌈6,739,200 / 3,600⌉ = 1,872
        Close.relative(r.value("t_ckpt_min_s"), 14 * P_405B / 2e12, REL, "t_ckpt_min_s");
        assertThat(r.value("N_ckpt")).isEqualTo(1_872.0);
        // the longest step: 6,739,200 s / 929,832.46 steps = 7.247757312 s
        Close.relative(r.value("t_step_max_s"), 7.247757312, REL, "t_step_max_s");
        // t_comm_min = 4 B/param (FP32 gradients reduced) × P / 3.2e11 B/s = 5.07316736 s > the 7.248 s step minus
        // 7.248 s of compute on N_guess devices: pure data parallelism cannot close the budget (the design layer must
        // shard or overlap)
        Close.relative(r.value("t_comm_min_s"), 4 * P_405B / 3.2e11, REL, "t_comm_min_s");
        assertThat(status(r, "step_budget_closes")).isEqualTo(ConstraintCheck.Status.VIOLATED);
        assertThat(status(r, "compute_fits_step")).isEqualTo(ConstraintCheck.Status.SATISFIED);
        assertThat(status(r, "ckpt_write_in_time")).isEqualTo(ConstraintCheck.Status.SATISFIED);
    }

    @Test
    void llama405bCatalogNumbersCarryTheirSources() {
        Brief b = llama().brief();
        BriefInput peak = b.input("fundamentals.F_dev_peak_flop_s");
        assertThat(peak.value().si()).isEqualTo(9.894e14);
        assertThat(peak.source().title()).contains("H100 Tensor Core GPU Architecture whitepaper");
        assertThat(peak.assumption()).isFalse();
        BriefInput eta = b.input("fundamentals.eta_dev_sust");
        assertThat(eta.value().si()).isEqualTo(0.40);
        assertThat(eta.assumption()).isTrue(); // the brief marks the sustained fraction as an assumption
        BriefInput nic = b.input("fundamentals.BW_nic_Bps");
        assertThat(nic.value().si()).isEqualTo(5e10);
        assertThat(nic.source().doi()).isEqualTo("10.48550/arXiv.2407.21783");
        assertThat(b.input("arch.layers").value().si()).isEqualTo(126.0);
        assertThat(b.variants()).containsEntry("fundamentals.B_step_bytes", "selective")
                .containsEntry("arch.attn_params_per_layer", "mha");
    }

    @Test
    void gpt3InNarayanansSettingNeedsAbout1024A100s() {
        FundamentalsResult r = gpt3();
        // Narayanan et al. 2021 §5.1: GPT-3 175B, 300B tokens, 1,024 A100s at 140 TFLOP/s, 8 FLOP/(param·token),
        // "about 34 days". Inverting: N_compute = ⌈8 × 174,604,259,328 × 300e9 / (34 × 86,400 s) / 1.4e14⌉
        // = ⌈4.190502223872e23 / 2,937,600 / 1.4e14⌉ = ⌈1,018.93⌉ = 1,019 — their 1,024 GPUs, to within 0.5%
        // (they count P = 175e9 exactly and round 33.9 days up to 34)
        Close.relative(r.value("F_total_flop"), 8 * P_GPT3 * 300e9, REL, "F_total_flop");
        assertThat(r.value("N_compute_lower_bound")).isEqualTo(1_019.0);
        assertThat(Math.abs(r.value("N_compute_lower_bound") - 1024) / 1024).isLessThan(0.005);
        // device_sustained given: 140 TFLOP/s is assigned, not derived from the catalog peak
        assertThat(r.value("F_dev_sust_flop_s")).isEqualTo(1.4e14);
        assertThat(r.resolution().selected()).doesNotContainKey("fundamentals.F_dev_sust_flop_s");
        // global batch 1,536 sequences × 2,048 tokens = 3,145,728 tokens per step (Narayanan Table 1)
        assertThat(r.value("Tok_per_step")).isEqualTo(3_145_728.0);
        // full recompute: 2·s·b·h per layer = 96 × 3,145,728 × 12,288 × 2 = 7,421,703,487,488 B
        assertThat(r.value("B_step_bytes")).isEqualTo(7_421_703_487_488.0);
        // HDR: 8 × 200 Gb/s (2.5e10 B/s) × 0.8 = 1.6e11 B/s
        Close.relative(r.value("BW_fabric_node_sust_Bps"), 1.6e11, REL, "BW_fabric_node_sust_Bps");
        // checkpoint default: weights + optimizer = 2 + 12 = 14 B/param
        Close.relative(r.value("S_ckpt_bytes"), 14 * P_GPT3, REL, "S_ckpt_bytes");
    }

    @Test
    void fullRecomputeVariant() {
        FundamentalsResult r = llamaWith("activation_recompute: selective", "activation_recompute: full");
        // Korthikanti §5, full recompute: only each layer's 16-bit input, 2·s·b·h → 126 × 16,777,216 × 16,384 × 2
        // = 69269232549888.0 B
        Close.relative(r.value("B_step_bytes"), 126 * 16_777_216.0 * 16_384 * 2, REL, "B_step_bytes");
        assertThat(r.resolution().selected().get("fundamentals.B_step_bytes").variantKey()).isEqualTo("full");
    }

    @Test
    void noRecomputeVariant() {
        FundamentalsResult r = llamaWith("activation_recompute: selective", "activation_recompute: none");
        // Korthikanti §4.1 Eq. (1): s·b·h·(34 + 5·a·s/h) per layer; 5 × 128 × 8,192 / 16,384 = 320 →
        // 126 × 16,777,216 × 16,384 × 354 = 1.2260654161330176e+16 B
        Close.relative(r.value("B_step_bytes"), 126 * 16_777_216.0 * 16_384 * 354, REL, "B_step_bytes");
        Close.relative(r.value("B_step_bytes"), 1.2260654161330176e+16, REL, "B_step_bytes");
        assertThat(r.resolution().selected().get("fundamentals.B_step_bytes").variantKey()).isEqualTo("none");
    }

    @Test
    void tokensInFlightScaleTheWorkingSet() {
        // with 1M tokens in flight (e.g. gradient accumulation) instead of the whole 16.8M-token step:
        // 126 × 1e6 × 16,384 × 34 = 7.0189056e13 B
        FundamentalsResult r = llamaWith("activation_recompute: selective",
                "activation_recompute: selective\n  tokens_in_flight: 1e6 token");
        Close.relative(r.value("B_step_bytes"), 126 * 1e6 * 16_384 * 34, REL, "B_step_bytes");
        assertThat(r.value("Tok_per_step")).isEqualTo(16_777_216.0); // 2,048 × 8,192
    }

    @Test
    void givenWorkingSetOverridesTheVariant() {
        FundamentalsResult r = llamaWith("activation_recompute: selective", "working_set: 2 PB");
        // 2 PB = 2e15 B, as given: no B_step equation fires and no variant is chosen
        assertThat(r.value("B_step_bytes")).isEqualTo(2e15);
        assertThat(r.resolution().trace()).extracting(TraceStep::variable)
                .doesNotContain("fundamentals.B_step_bytes")
                .contains("fundamentals.B_instant_min_bytes");
        assertThat(r.resolution().selected()).doesNotContainKey("fundamentals.B_step_bytes");
        assertThat(r.brief().variants()).doesNotContainKey("fundamentals.B_step_bytes");
        assertThat(r.brief().input("fundamentals.B_step_bytes").origin()).isEqualTo("step.working_set");
        // B_instant = 18 × P + 2e15
        Close.relative(r.value("B_instant_min_bytes"), 18 * P_405B + 2e15, REL, "B_instant_min_bytes");
    }

    @Test
    void workingSetOverridesEvenWithARecomputeChoiceGiven() {
        FundamentalsResult r = llamaWith("activation_recompute: selective",
                "activation_recompute: full\n  working_set: 1 TB");
        assertThat(r.value("B_step_bytes")).isEqualTo(1e12);
        assertThat(r.resolution().trace()).extracting(TraceStep::variable)
                .doesNotContain("fundamentals.B_step_bytes");
    }

    @Test
    void moeModelDoesArithmeticWithItsActiveParameters(@TempDir Path tmp) {
        String yaml = """
                model: mixtral-8x7b
                tokens: 1e12 token
                deadline: 30 d
                device: h100-sxm
                sustained_fraction: 0.4
                step: {global_batch_sequences: 512}
                fabric: {id: ib-ndr, nics_per_node: 8, efficiency: 0.8}
                checkpoint: {period: 1 h, storage_bandwidth: 100 GB/s}
                """;
        FundamentalsResult r = compute(TestFiles.write(tmp, "mixtral.yaml", yaml));
        // F_total = 6 × P_active × Tok = 6 × 12,879,925,248 × 1e12; the state is of all 46,702,792,704 parameters,
        // (2 + 4 + 12) B each by the catalog form's defaults (fp32 gradients: Megatron-LM with bf16)
        Close.relative(r.value("F_total_flop"), 6 * 12_879_925_248.0 * 1e12, REL, "F_total_flop");
        Close.relative(r.value("B_state_min_bytes"), 18 * 46_702_792_704.0, REL, "B_state_min_bytes");
        // 512 sequences × seq_len 32,768 = 16,777,216 tokens per step
        assertThat(r.value("Tok_per_step")).isEqualTo(16_777_216.0);
        // the defaults of the catalog form are marked as assumptions: b_tok 4 B/token
        assertThat(r.brief().input("fundamentals.b_tok").assumption()).isTrue();
        assertThat(r.value("b_tok")).isEqualTo(4.0);
    }
}
