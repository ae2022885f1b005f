package io.lsdt.physics.design;

import static io.lsdt.physics.design.DesignProbe.CATALOG;
import static io.lsdt.physics.design.DesignProbe.MODEL;
import static io.lsdt.physics.design.DesignProbe.arch;
import static io.lsdt.physics.design.DesignProbe.cfg;
import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.physics.Close;
import io.lsdt.physics.catalog.Model;
import org.junit.jupiter.api.Test;

/**
 * Model FLOPs per step (design.flop_model_step) against Narayanan et al. 2021, "Efficient Large-Scale Language Model
 * Training on GPU Clusters Using Megatron-LM" (arXiv:2104.04473) §5.1: per transformer layer the forward pass costs
 * 24·B·s·h² (QKV 6Bsh², attention output 2Bsh², MLP 16Bsh²) + 4·B·s²·h (scores QKᵀ and the weighted sum over V), the
 * logits 2·B·s·h·V; backward is twice the forward, so without recomputation
 * F = 3 × (24Bslh² + 4Bs²lh + 2BshV) = 72·B·s·l·h²·(1 + s/(6h) + V/(12lh)).
 */
class ModelFlopsTest {
    private static final Hardware A100 = Hardware.of(CATALOG, "a100-sxm-80gb", Numerics.BF16);

    @Test
    void gptThreeMatchesNarayananUpToTheBiases() {
        // GPT-3 175B as in the catalog (MHA, ffn 4h GELU, biases, tied embeddings, V 50,257) in Narayanan's Table 1
        // setting: batch 1536, t 8, p 8 on 1024 GPUs (d 16)
        Model.Architecture a = arch("gpt3-175b");
        double bsz = 1536;
        double s = 2048;
        double l = 96;
        double h = 12288;
        double v = 50257;
        ParallelConfig c = cfg(8, 8, 1, 16, 1, 1, 1, 1536, 1, Recompute.FULL, true, true);
        c.validate(a.layers(), a.heads(), a.kvHeads(), 0);
        Prediction p = MODEL.predict(a, A100, c);
        double narayanan = 72 * bsz * s * l * h * h * (1 + s / (6 * h) + v / (12 * l * h));
        // = 3.38598e18 FLOP per step (cf. 6·P·tokens = 6 × 174.6e9 × 3,145,728 = 3.296e18 without attention).
        // LSDT's linear layers also multiply-add their biases: 2 FLOP per bias per token forward, 9h biases per layer
        // (QKV 3h, projection h, MLP 4h + h), × 3 for backward = 54·B·s·l·h more.
        // Norms, softmax and residuals are not FLOPs in either count (LSDT times them as memory-bound kernels).
        double residual = p.modelFlopsPerStep() - narayanan;
        Close.relative(residual, 54 * bsz * s * l * h, 1e-6, "bias FLOPs");
        double rel = Math.abs(residual) / narayanan;
        assertThat(rel).isLessThan(0.005).isBetween(5.8e-5, 6.0e-5); // 0.0059 %: 0.75/h / (1 + s/6h + V/12lh)
        Close.relative(narayanan, 3.38598e18, 1e-5, "Narayanan's F for this step");
        // recomputation is not model work: Narayanan's Eq. (3) with recompute is 96·B·s·l·h²·(1 + s/(6h) + V/(16lh)),
        // i.e. 4 forwards of the layers and 3 of the logits. LSDT's hardware FLOPs are the same up to the biases
        double withRecompute = 96 * bsz * s * l * h * h * (1 + s / (6 * h) + v / (16 * l * h));
        Close.relative(p.hardwareFlopsPerStep() - withRecompute, 72 * bsz * s * l * h, 1e-6, "bias FLOPs, recompute");
    }

    @Test
    void twentyTwoBillionMatchesNarayananUpToTheBiases() {
        Model.Architecture a = arch("megatron-22b");
        double bsz = 64;
        double s = 2048;
        double l = 48;
        double h = 6144;
        double v = 51200;
        ParallelConfig c = cfg(8, 1, 1, 8, 1, 1, 1, 64, 0, Recompute.SELECTIVE, true, true);
        Prediction p = MODEL.predict(a, A100, c);
        double narayanan = 72 * bsz * s * l * h * h * (1 + s / (6 * h) + v / (12 * l * h));
        Close.relative(p.modelFlopsPerStep() - narayanan, 54 * bsz * s * l * h, 1e-6, "bias FLOPs");
        assertThat(Math.abs(p.modelFlopsPerStep() - narayanan) / narayanan).isLessThan(0.005);
    }

    @Test
    void mixtureOfExpertsCountsTheActiveExperts() {
        // Mixtral 8x7B (no biases, GQA 32/8 heads of 128, SwiGLU experts of 14,336, top-2, V 32,000, s 32,768).
        // Forward per token per layer: 2 × (attention 2·4096·4096 + 2·4096·1024 = 41,943,040 + two experts
        // 2 × 3·4096·14,336 = 352,321,536 + router 8·4096 = 32,768) = 788,594,688 FLOP; core 4·s·a·d = 4 × 32,768 ×
        // 4,096 = 536,870,912 FLOP; logits 2·4096·32,000 = 262,144,000 FLOP. The linear part is 2 × the catalog's
        // active parameters without embeddings (12,617,781,248) minus the 32·2·4096 + 4096 RMSNorm weights, per layer.
        Model.Architecture a = arch("mixtral-8x7b");
        double linear = 2 * (41_943_040.0 + 352_321_536.0 + 32_768.0);
        assertThat(linear).isEqualTo(788_594_688.0);
        assertThat(32 * linear / 2).isEqualTo(12_617_781_248.0 - (32 * 2 * 4096 + 4096));
        double perToken = 32 * (linear + 536_870_912.0) + 262_144_000.0;
        ParallelConfig c = cfg(2, 4, 1, 2, 1, 4, 1, 8, 1, Recompute.SELECTIVE, true, true);
        c.validate(a.layers(), a.heads(), a.kvHeads(), 8);
        Prediction p = MODEL.predict(a, A100, c);
        double tokens = 8 * 32768.0;
        assertThat(p.tokensPerStep()).isEqualTo(tokens);
        Close.relative(p.modelFlopsPerStep(), 3 * tokens * perToken, 1e-12, "Mixtral FLOPs");
    }
}
