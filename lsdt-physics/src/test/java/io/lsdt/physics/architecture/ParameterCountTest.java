package io.lsdt.physics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts derived by the {@code arch} equations from each catalog model's shape, against the published
 * counts: exact where the source states the exact integer, otherwise within the precision of the size label (the
 * reason is given per model).
 */
class ParameterCountTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static Resolution derive(String model) {
        Model.Architecture a = CATALOG.model(model).architecture();
        Resolution r = new Resolver(Physics.registry()).resolve(a.assignments(), a.variants(),
                List.of("arch.params_total", "arch.params_active", "arch.params_non_embedding",
                        "arch.embedding_params"));
        assertThat(r.missing()).as("unresolved inputs of %s", model).isEmpty();
        return r;
    }

    private static double total(String model) {
        return derive(model).value("arch.params_total");
    }

    private static double active(String model) {
        return derive(model).value("arch.params_active");
    }

    // ------------------------------------------------------------------ exact counts

    /** Pythia model card, section "Naming convention and parameter count": total and non-embedding counts. */
    private static final Map<String, long[]> PYTHIA_CARD = new LinkedHashMap<>();

    static {
        PYTHIA_CARD.put("pythia-70m", new long[] {70_426_624L, 18_915_328L});
        PYTHIA_CARD.put("pythia-160m", new long[] {162_322_944L, 85_056_000L});
        PYTHIA_CARD.put("pythia-410m", new long[] {405_334_016L, 302_311_424L});
        PYTHIA_CARD.put("pythia-1b", new long[] {1_011_781_632L, 805_736_448L});
        PYTHIA_CARD.put("pythia-1.4b", new long[] {1_414_647_808L, 1_208_602_624L});
        PYTHIA_CARD.put("pythia-2.8b", new long[] {2_775_208_960L, 2_517_652_480L});
        PYTHIA_CARD.put("pythia-6.9b", new long[] {6_857_302_016L, 6_444_163_072L});
        PYTHIA_CARD.put("pythia-12b", new long[] {11_846_072_320L, 11_327_027_200L});
    }

    @Test
    void pythiaTotalsAndNonEmbeddingCountsEqualTheModelCardExactly() {
        for (Map.Entry<String, long[]> e : PYTHIA_CARD.entrySet()) {
            Resolution r = derive(e.getKey());
            Model m = CATALOG.model(e.getKey());
            assertThat(m.publishedParams().exact()).as("%s is published exactly", e.getKey()).isTrue();
            assertThat(m.publishedParams().value()).isEqualTo((double) e.getValue()[0]);
            assertThat(r.value("arch.params_total")).as("%s total", e.getKey()).isEqualTo((double) e.getValue()[0]);
            assertThat(r.value("arch.params_non_embedding")).as("%s non-embedding", e.getKey())
                    .isEqualTo((double) e.getValue()[1]);
            assertThat(r.value("arch.params_active")).as("%s is dense", e.getKey())
                    .isEqualTo(r.value("arch.params_total"));
        }
    }

    @Test
    void pythia70mByHand() {
        // GPT-NeoX, L 6, h 512, ffn 2048, LayerNorm w+b, biases, untied, vocab 50,304:
        //   attention 4h² + 4h = 1,048,576 + 2,048 = 1,050,624
        //   MLP 2·h·4h + 4h + h = 2,097,152 + 2,048 + 512 = 2,099,712
        //   two LayerNorms 2·2h = 2,048 → per layer 3,152,384; × 6 = 18,914,304; + final LN 1,024 = 18,915,328
        //   embeddings 2 × 50,304 × 512 = 51,511,296 → total 70,426,624 (model card)
        Resolution r = derive("pythia-70m");
        assertThat(r.value("arch.attn_params_per_layer")).isEqualTo(1_050_624.0);
        assertThat(r.value("arch.ffn_dense_params_per_layer")).isEqualTo(2_099_712.0);
        assertThat(r.value("arch.norm_params_per_layer")).isEqualTo(2_048.0);
        assertThat(r.value("arch.embedding_params")).isEqualTo(51_511_296.0);
        assertThat(r.value("arch.params_non_embedding")).isEqualTo(18_915_328.0);
        assertThat(r.value("arch.params_total")).isEqualTo(70_426_624.0);
    }

    @Test
    void llama2SevenBEqualsTheExactCountOfTheHuggingFaceCheckpoint() {
        // meta-llama/Llama-2-7b-hf holds 6,738,415,616 parameters (HF page "6.74B params"; catalog hand count):
        //   per layer 4·4096² + 3·4096·11,008 + 2·4096 = 67,108,864 + 135,266,304 + 8,192 = 202,383,360
        //   × 32 = 6,476,267,520; + final RMSNorm 4,096; + untied embeddings 2 × 32,000 × 4,096 = 262,144,000
        assertThat(total("llama2-7b")).isEqualTo(6_738_415_616.0);
        assertThat(derive("llama2-7b").value("arch.params_non_embedding")).isEqualTo(6_476_271_616.0);
    }

    // ------------------------------------------------------------------ the derivations, pinned

    @Test
    void derivedTotalsEqualTheHandCountsOfTheCatalogNotes() {
        // models.yaml notes give a hand count for each model from exactly its fields; the derivation reproduces all
        Map<String, Double> hand = new LinkedHashMap<>();
        // GPT-3: per layer (4h² + 4h) + (8h² + 5h) + 4h = 604,028,928 + 1,208,020,992 + 49,152; × 96; + final LN
        // 24,576; + tied vocab 50,257 × 12,288 + learned positions 2,048 × 12,288 = 642,723,840
        hand.put("gpt3-175b", 174_604_259_328.0);
        hand.put("megatron-22b", 22_074_273_792.0);
        hand.put("turing-530b", 529_600_819_200.0);
        hand.put("megatron-1t", 1_008_038_758_400.0);
        hand.put("llama2-7b", 6_738_415_616.0);
        hand.put("llama2-13b", 13_015_864_320.0);
        hand.put("llama2-70b", 68_976_648_192.0);
        hand.put("llama3.1-8b", 8_030_261_248.0);
        hand.put("llama3.1-70b", 70_553_706_496.0);
        // 405B: per layer 2·16384² + 2·16384·1024 (GQA, 8 KV heads) + 3·16384·53,248 + 2·16,384
        //     = 570,425,344 + 2,617,245,696 + 32,768 = 3,187,703,808; × 126 + 16,384 + 2 × 128,256 × 16,384
        hand.put("llama3.1-405b", 405_853_388_800.0);
        hand.put("mixtral-8x7b", 46_702_792_704.0);
        hand.put("deepseek-v3", 671_026_419_200.0);
        // gpt-oss-120b: attention 2·2880·4096 + 2·2880·512 + biases (4096 + 1024 + 2880) = 26,550,080; experts
        // 128 × 3·2880² = 3,185,049,600; router 128·2880 + 128 = 368,768; norms 5,760 → 3,211,974,208 per layer;
        // × 36 + final norm 2,880 + untied embeddings 2 × 201,088 × 2,880 = 1,158,266,880
        hand.put("gpt-oss-120b", 116_789_341_248.0);
        // qwen3-235b-a22b: attention 2·4096·8192 + 2·4096·512 = 71,303,168; experts 128 × 3·4096·1536 =
        // 2,415,919,104; router 524,288; norms 8,192 → 2,487,754,752 per layer; × 94 + 4,096 + 2 × 151,936 × 4,096
        hand.put("qwen3-235b-a22b", 235_093_610_496.0);
        // gpt2-xl, gpt-neox-20b and phi-1.5: the hand counts of their catalog notes
        hand.put("gpt2-xl", 1_557_611_200.0);
        hand.put("gpt-neox-20b", 20_554_567_680.0);
        hand.put("phi-1.5", 1_418_317_824.0);
        // gpt-j-6b: 28 × (4·4096² + 2·4096·16384 + 4·4096) + 2·4096 + 2·50,400·4,096 (no linear biases)
        hand.put("gpt-j-6b", 6_050_488_320.0);
        // stablelm-base-alpha-3b: 16 × 201,379,840 + 8,192 + 2·50,688·4,096 (biases on every linear)
        hand.put("stablelm-base-alpha-3b", 3_637_321_728.0);
        for (Map.Entry<String, long[]> e : PYTHIA_CARD.entrySet()) {
            hand.put(e.getKey(), (double) e.getValue()[0]);
        }
        assertThat(hand.keySet()).containsExactlyInAnyOrderElementsOf(CATALOG.models().keySet());
        for (Map.Entry<String, Double> e : hand.entrySet()) {
            assertThat(total(e.getKey())).as("%s params_total", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void moeActiveCountsByHand() {
        // Mixtral: attention 2·4096² + 2·4096·1024 = 41,943,040; expert 3·4096·14,336 = 176,160,768;
        // router 8·4096 = 32,768; norms 8,192. Active per layer = 41,943,040 + 2 × 176,160,768 + 32,768 + 8,192
        // = 394,305,536; × 32 + 4,096 + 2 × 32,000 × 4,096 = 12,879,925,248 (catalog hand count)
        assertThat(active("mixtral-8x7b")).isEqualTo(12_879_925_248.0);
        // DeepSeek-V3: MLA 187,107,328 per layer; expert 3·7168·2048 = 44,040,192; router 256·7168 + 256 bias
        // = 1,835,264; dense FFN 3·7168·18,432. 3 dense layers of 583,483,392 + 58 MoE layers of
        // 187,107,328 + 9 × 44,040,192 (8 routed + 1 shared) + 1,835,264 + 14,336 = 585,318,656; + final norm 7,168
        // + embeddings 2 × 129,280 × 7,168 = 1,853,358,080 → 37,552,297,472 (catalog hand count)
        Resolution ds = derive("deepseek-v3");
        assertThat(ds.value("arch.attn_params_per_layer")).isEqualTo(187_107_328.0);
        assertThat(ds.value("arch.expert_params")).isEqualTo(44_040_192.0);
        assertThat(ds.value("arch.router_params_per_layer")).isEqualTo(1_835_264.0);
        assertThat(ds.value("arch.params_active")).isEqualTo(37_552_297_472.0);
        // MLA is chosen by the catalog shape, MHA for everything else
        assertThat(ds.selected().get("arch.attn_params_per_layer").variantKey()).isEqualTo("mla");
        assertThat(derive("mixtral-8x7b").selected().get("arch.attn_params_per_layer").variantKey()).isEqualTo("mha");
        // dense models: active = total
        assertThat(active("llama3.1-405b")).isEqualTo(total("llama3.1-405b"));
    }

    // ------------------------------------------------------------------ rounded labels

    /**
     * Asserts the derived count lies in [lo, hi], the set of exact counts the published label can stand for.
     *
     * @param why how the interval follows from the label
     */
    private static void label(String model, double derived, double lo, double hi, String why) {
        assertThat(derived).as("%s derived %s; label interval [%s, %s]: %s", model, derived, lo, hi, why)
                .isBetween(lo, hi);
    }

    private static double published(String model) {
        Model m = CATALOG.model(model);
        assertThat(m.publishedParams().exact()).as("%s's count is a rounded label", model).isFalse();
        return m.publishedParams().value();
    }

    @Test
    void gptAndMegatronLabels() {
        // GPT-3 "175B" (abstract: "175 billion parameters"): 3 significant figures, rounded → [174.5B, 175.5B].
        // Table 2.1 prints 175.0B, but no reading of the shape reaches 175.0 ± 0.05 (vocab 50,257: 174.60B; Megatron's
        // padded 51,200: 174.62B), so the 0.1B digit is not a real precision; the size label is.
        assertThat(published("gpt3-175b")).isEqualTo(175e9);
        label("gpt3-175b", total("gpt3-175b"), 174.5e9, 175.5e9, "175B, rounded to 1B");
        // Korthikanti Table 3 "22B": a nominal size class, rounded to 1B → [21.5B, 22.5B]
        label("megatron-22b", total("megatron-22b"), 21.5e9, 22.5e9, "22B, rounded to 1B");
        // MT-NLG "530B": rounded to 1B → [529.5B, 530.5B]; Narayanan Table 1 gives the same shape as 529.6B,
        // rounded to 0.1B → [529.55B, 529.65B]
        label("turing-530b", total("turing-530b"), 529.5e9, 530.5e9, "530B, rounded to 1B");
        label("turing-530b", total("turing-530b"), 529.55e9, 529.65e9, "Narayanan's 529.6B, rounded to 0.1B");
        // Narayanan Table 1 "1008.0B" (their formula, rounded to 0.1B) → [1007.95B, 1008.05B]
        assertThat(published("megatron-1t")).isEqualTo(1008e9);
        label("megatron-1t", total("megatron-1t"), 1007.95e9, 1008.05e9, "1008.0B, rounded to 0.1B");
    }

    @Test
    void llamaLabels() {
        // Llama 2 size labels are rounded to one significant figure except 13B: "7B" → [6.5B, 7.5B] (6.74B),
        // "13B" (two figures) → [12.5B, 13.5B], "70B" (one figure, 7 × 10¹) → [65B, 75B]: the checkpoint's
        // 68.98B is 1.5% under 70B, so "70B" cannot be read as rounded to 1B.
        label("llama2-7b", total("llama2-7b"), 6.5e9, 7.5e9, "7B, one significant figure");
        label("llama2-13b", total("llama2-13b"), 12.5e9, 13.5e9, "13B, rounded to 1B");
        label("llama2-70b", total("llama2-70b"), 65e9, 75e9, "70B, one significant figure");
        // Llama 3 labels truncate to whole billions: 8.03B → 8B, 70.55B → 70B, 405.85B → 405B (the catalog note:
        // "the checkpoint holds about 405.85B"; rounding would say 406B) → [N B, N+1 B)
        label("llama3.1-8b", total("llama3.1-8b"), 8e9, 9e9 - 1, "8B, truncated to 1B");
        label("llama3.1-70b", total("llama3.1-70b"), 70e9, 71e9 - 1, "70B, truncated to 1B");
        label("llama3.1-405b", total("llama3.1-405b"), 405e9, 406e9 - 1, "405B, truncated to 1B");
        assertThat(published("llama3.1-405b")).isEqualTo(405e9);
    }

    @Test
    void moeLabels() {
        // Mistral's release post: "46.7B total parameters but only uses 12.9B parameters per token", rounded to 0.1B
        assertThat(published("mixtral-8x7b")).isEqualTo(46.7e9);
        label("mixtral-8x7b", total("mixtral-8x7b"), 46.65e9, 46.75e9, "46.7B, rounded to 0.1B");
        assertThat(CATALOG.model("mixtral-8x7b").publishedActiveParams().value()).isEqualTo(12.9e9);
        label("mixtral-8x7b active", active("mixtral-8x7b"), 12.85e9, 12.95e9, "12.9B, rounded to 0.1B");
        // DeepSeek-V3 report §4.2: "671B total parameters, of which 37B are activated". Total: rounded to 1B →
        // [670.5B, 671.5B] (671.03B). Active: the derivation gives 37.55B, so "37B" is truncated, not rounded
        // (rounding would say 38B) → [37B, 38B). README_WEIGHTS says 36.7B; that 0.85B gap is not explained.
        label("deepseek-v3", total("deepseek-v3"), 670.5e9, 671.5e9, "671B, rounded to 1B");
        assertThat(CATALOG.model("deepseek-v3").publishedActiveParams().value()).isEqualTo(37e9);
        label("deepseek-v3 active", active("deepseek-v3"), 37e9, 38e9 - 1, "37B, truncated to 1B");
        // gpt-oss model card (arXiv:2508.10925) Table 1: 116.83B total, 5.13B active. LSDT does not count the expert
        // biases, 36 layers × 128 experts × (2·2880 + 2880) = 39,813,120, so derived + biases must round to 116.83B
        label("gpt-oss-120b", total("gpt-oss-120b") + 36 * 128 * 3 * 2880, 116.825e9, 116.835e9,
                "116.83B, rounded to 0.01B, once the expert biases are added");
        // OpenAI's active count leaves out the input embedding (a lookup, 201,088 × 2,880 = 579,133,440)
        label("gpt-oss-120b active", active("gpt-oss-120b") - 201_088.0 * 2_880, 5.125e9, 5.135e9,
                "5.13B, rounded to 0.01B, without the input embedding");
        // Qwen3 technical report (arXiv:2505.09388) Table 2: 235B total, 22B activated, rounded to 1B
        label("qwen3-235b-a22b", total("qwen3-235b-a22b"), 234.5e9, 235.5e9, "235B, rounded to 1B");
        label("qwen3-235b-a22b active", active("qwen3-235b-a22b"), 21.5e9, 22.5e9, "22B, rounded to 1B");
    }

    @Test
    void olderOpenModelsOfTheFineTuningRuns() {
        // GPT-NeoX-20B model card: "Number of parameters 20554567680", exact
        Model neox = CATALOG.model("gpt-neox-20b");
        assertThat(neox.publishedParams().exact()).isTrue();
        assertThat(total("gpt-neox-20b")).isEqualTo(neox.publishedParams().value()).isEqualTo(20_554_567_680.0);
        // GPT-2 XL "1558M" (nanoGPT), rounded to 1M → [1557.5M, 1558.5M]; the checkpoint's 1,557,611,200
        label("gpt2-xl", total("gpt2-xl"), 1557.5e6, 1558.5e6, "1558M, rounded to 1M");
        assertThat(published("gpt2-xl")).isEqualTo(1558e6);
        // phi-1.5 "1.3 billion parameters" is a size class: LSDT's count 1,418,317,824 (two LayerNorms per layer,
        // no lm_head bias) is 9.1 % above it, and 47,104 above the checkpoint's 1,418,270,720
        // (= 24 × 4,096 one-LayerNorm layers − 51,200 lm_head bias)
        assertThat(published("phi-1.5")).isEqualTo(1.3e9);
        assertThat(total("phi-1.5") - 24 * 4_096 + 51_200).isEqualTo(1_418_270_720.0);
        label("phi-1.5", total("phi-1.5") / published("phi-1.5"), 1.09, 1.095, "the 1.3B class, 9 % under");
        // GPT-J-6B model card: "n_parameters 6053381344". Hand count in LSDT's conventions (config.json: 28 layers,
        // 4096 wide, MLP 16384, vocab 50400, untied): 28 × (4·4096² + 2·4096·16384 + 4·4096) + 2·4096
        // + 2·50,400·4,096 = 6,050,488,320, 0.05 % under the card (which counts the MLP and lm_head biases and one
        // LayerNorm per layer)
        assertThat(published("gpt-j-6b")).isEqualTo(6_053_381_344.0);
        assertThat(total("gpt-j-6b")).isEqualTo(6_050_488_320.0);
        // StableLM-Base-Alpha "3B" is a size class: config.json's shape (16 layers, 4096 wide, MLP 16384, biases,
        // vocab 50688, untied) holds 16 × 201,379,840 + 8,192 + 2·50,688·4,096 = 3,637,321,728
        assertThat(total("stablelm-base-alpha-3b")).isEqualTo(3_637_321_728.0);
        label("stablelm-base-alpha-3b", total("stablelm-base-alpha-3b") / published("stablelm-base-alpha-3b"), 1.2,
                1.22, "the 3B class, 21 % under");
    }

    @Test
    void everyRoundedLabelIsCoveredAbove() {
        // a new catalog model must come with a published-count check: the exact ones are the Pythia suite and
        // GPT-NeoX-20B, the rest are the labels handled in the tests above
        List<String> rounded = CATALOG.models().values().stream().filter(m -> !m.publishedParams().exact())
                .map(Model::id).toList();
        assertThat(rounded).containsExactlyInAnyOrder("gpt3-175b", "megatron-22b", "turing-530b", "megatron-1t",
                "llama2-7b", "llama2-13b", "llama2-70b", "llama3.1-8b", "llama3.1-70b", "llama3.1-405b",
                "mixtral-8x7b", "deepseek-v3", "gpt-oss-120b", "qwen3-235b-a22b", "gpt2-xl", "phi-1.5", "gpt-j-6b",
                "stablelm-base-alpha-3b");
        List<String> exact = CATALOG.models().values().stream().filter(m -> m.publishedParams().exact())
                .map(Model::id).toList();
        List<String> expectedExact = new java.util.ArrayList<>(PYTHIA_CARD.keySet());
        expectedExact.add("gpt-neox-20b");
        assertThat(exact).containsExactlyInAnyOrderElementsOf(expectedExact);
    }

    @Test
    void kaplanNonEmbeddingCountExcludesLearnedPositions() {
        // GPT-3: N = total − (tied vocab 50,257 + positions 2,048) × 12,288 = 174,604,259,328 − 642,723,840
        Resolution r = derive("gpt3-175b");
        assertThat(r.value("arch.embedding_params")).isEqualTo(642_723_840.0);
        assertThat(r.value("arch.params_non_embedding")).isEqualTo(173_961_535_488.0);
    }
}
