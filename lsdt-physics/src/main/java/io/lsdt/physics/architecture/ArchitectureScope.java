package io.lsdt.physics.architecture;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;

/**
 * Scope {@code arch}: a decoder-only transformer's shape and the parameter counts derived from it. Dense and MoE
 * (routed + shared experts, leading dense layers), multi-head / grouped-query attention or DeepSeek's multi-head
 * latent attention (variants of {@code arch.attn_params_per_layer}: {@code mha}, {@code mla}).
 *
 * <p>Shape fields are dimensionless counts; boolean features are 0/1. Parameter counts carry the {@code param}
 * dimension, introduced by the unit literal {@code [param]}.
 */
public final class ArchitectureScope {
    /** Scope name. */
    public static final String NAME = "arch";

    private ArchitectureScope() {}

    /**
     * The {@code arch} scope: parameter counts and FLOPs per token from a model's shape.
     *
     * @return a new filled scope
     */
    public static Scope create() {
        Reference shape = References.TRANSFORMER_PARAMS;
        Scope s = Scope.named(NAME, "Transformer shape and parameter counts derived from it");
        s.variable("layers", "1", "transformer blocks", shape, Range.POSITIVE)
                .variable("hidden", "1", "model width d_model", shape, Range.POSITIVE)
                .variable("heads", "1", "query heads", shape, Range.POSITIVE)
                .variable("kv_heads", "1", "key/value heads (= heads without GQA)", shape, Range.POSITIVE)
                .variable("head_dim", "1", "dimension of one attention head", shape, Range.POSITIVE)
                .variable("ffn_hidden", "1", "inner width of a dense FFN", shape, Range.POSITIVE)
                .variable("ffn_matrices", "1", "weight matrices per FFN: 2 (GELU MLP) or 3 (SwiGLU)", shape,
                        new Range(2, true, 3, true))
                .variable("vocab", "1", "rows of the embedding matrix (padded size)", shape, Range.POSITIVE)
                .variable("seq_len", "1", "training sequence length (tokens per sample)", shape, Range.POSITIVE)
                .variable("learned_positions", "1", "1 when position embeddings are learned (adds seq_len × hidden)",
                        shape, Range.UNIT_INTERVAL)
                .variable("norm_params_per_dim", "1", "parameters per dimension of a norm: 1 RMSNorm, 2 LayerNorm",
                        shape, new Range(1, true, 2, true))
                .variable("linear_bias", "1", "1 when attention and FFN linear layers have biases", shape,
                        Range.UNIT_INTERVAL)
                .variable("tied_embeddings", "1", "1 when the output projection shares the input embedding", shape,
                        Range.UNIT_INTERVAL)
                .variable("is_moe", "1", "1 for a mixture-of-experts model", References.MOE, Range.UNIT_INTERVAL)
                .variable("experts", "1", "routed experts per MoE layer (0 for dense)", References.MOE,
                        Range.NON_NEGATIVE)
                .variable("top_k", "1", "routed experts active per token", References.MOE, Range.NON_NEGATIVE)
                .variable("shared_experts", "1", "always-active shared experts per MoE layer", References.DEEPSEEK_V3,
                        Range.NON_NEGATIVE)
                .variable("expert_ffn_hidden", "1", "inner width of one expert", References.MOE, Range.NON_NEGATIVE)
                .variable("first_dense_layers", "1", "leading layers with a dense FFN in a MoE model",
                        References.DEEPSEEK_V3, Range.NON_NEGATIVE)
                .variable("router_bias", "1", "1 when the router has a per-expert bias", References.DEEPSEEK_V3,
                        Range.UNIT_INTERVAL)
                .variable("q_lora_rank", "1", "MLA query compression rank", References.DEEPSEEK_V3, Range.POSITIVE)
                .variable("kv_lora_rank", "1", "MLA key/value compression rank", References.DEEPSEEK_V3,
                        Range.POSITIVE)
                .variable("qk_nope_head_dim", "1", "MLA per-head query/key dimension without RoPE",
                        References.DEEPSEEK_V3, Range.POSITIVE)
                .variable("qk_rope_head_dim", "1", "MLA decoupled RoPE dimension per head", References.DEEPSEEK_V3,
                        Range.POSITIVE)
                .variable("v_head_dim", "1", "MLA per-head value dimension", References.DEEPSEEK_V3, Range.POSITIVE);

        s.variable("attn_params_per_layer", "param", "attention weights (and biases) of one layer", shape,
                        Range.POSITIVE)
                .variant("attn_params_per_layer", "mha",
                        "(2 * hidden * heads * head_dim + 2 * hidden * kv_heads * head_dim"
                                + " + linear_bias * (heads * head_dim + 2 * kv_heads * head_dim + hidden)) * [param]",
                        shape.at("Q and O: hidden × heads·head_dim; K and V: hidden × kv_heads·head_dim (GQA)"),
                        "multi-head or grouped-query attention")
                .variant("attn_params_per_layer", "mla",
                        "(hidden * q_lora_rank + q_lora_rank + q_lora_rank * heads * (qk_nope_head_dim + qk_rope_head_dim)"
                                + " + hidden * (kv_lora_rank + qk_rope_head_dim) + kv_lora_rank"
                                + " + kv_lora_rank * heads * (qk_nope_head_dim + v_head_dim)"
                                + " + heads * v_head_dim * hidden) * [param]",
                        References.DEEPSEEK_V3.at("§2.1.1 Eq. 1–11: W_DQ, q-norm, W_UQ/W_QR, W_DKV/W_KR, kv-norm, "
                                + "W_UK/W_UV, W_O"),
                        "multi-head latent attention with its two latent RMSNorms");
        s.variable("attn_qk_dim", "1", "per-head query/key dimension used by the attention scores", shape,
                        Range.POSITIVE)
                .variant("attn_qk_dim", "mha", "head_dim", shape, null)
                .variant("attn_qk_dim", "mla", "qk_nope_head_dim + qk_rope_head_dim",
                        References.DEEPSEEK_V3.at("§2.1.1: query/key heads concatenate the no-RoPE and RoPE parts"), null)
                .variable("attn_v_dim", "1", "per-head value dimension", shape, Range.POSITIVE)
                .variant("attn_v_dim", "mha", "head_dim", shape, null)
                .variant("attn_v_dim", "mla", "v_head_dim", References.DEEPSEEK_V3, null);
        s.variable("ffn_dense_params_per_layer", "param", "weights (and biases) of one dense FFN", shape,
                        Range.POSITIVE)
                .equation("ffn_dense_params_per_layer",
                        "(ffn_matrices * hidden * ffn_hidden + linear_bias * ((ffn_matrices - 1) * ffn_hidden + hidden))"
                                + " * [param]", shape.at("FFN: up (and gate) hidden × ffn, down ffn × hidden"));
        s.variable("expert_params", "param", "weights of one expert FFN", References.MOE, Range.NON_NEGATIVE)
                .equation("expert_params", "ffn_matrices * hidden * expert_ffn_hidden * [param]", References.MOE);
        s.variable("router_params_per_layer", "param", "router weights (and bias) of one MoE layer", References.MOE,
                        Range.NON_NEGATIVE)
                .equation("router_params_per_layer", "(experts * hidden + router_bias * experts) * [param]",
                        References.MOE);
        s.variable("moe_ffn_params_per_layer", "param", "all experts and the router of one MoE layer",
                        References.MOE, Range.NON_NEGATIVE)
                .equation("moe_ffn_params_per_layer",
                        "(experts + shared_experts) * expert_params + router_params_per_layer", References.MOE);
        s.variable("moe_ffn_active_params_per_layer", "param", "expert and router weights one token uses",
                        References.MOE, Range.NON_NEGATIVE)
                .equation("moe_ffn_active_params_per_layer",
                        "(top_k + shared_experts) * expert_params + router_params_per_layer", References.MOE);
        s.variable("norm_params_per_layer", "param", "the two norms of one layer", shape, Range.POSITIVE)
                .equation("norm_params_per_layer", "2 * norm_params_per_dim * hidden * [param]", shape);
        s.variable("moe_layers", "1", "layers whose FFN is a MoE", References.DEEPSEEK_V3, Range.NON_NEGATIVE)
                .equation("moe_layers", "is_moe * (layers - first_dense_layers)", References.DEEPSEEK_V3);
        s.variable("dense_layers", "1", "layers whose FFN is dense", shape, Range.NON_NEGATIVE)
                .equation("dense_layers", "layers - moe_layers", shape);
        s.variable("embedding_params", "param", "input embedding, untied output projection, learned positions",
                        shape, Range.POSITIVE)
                .equation("embedding_params",
                        "((2 - tied_embeddings) * vocab * hidden + learned_positions * seq_len * hidden) * [param]",
                        shape);
        s.variable("final_norm_params", "param", "the norm before the output projection", shape, Range.POSITIVE)
                .equation("final_norm_params", "norm_params_per_dim * hidden * [param]", shape);
        s.variable("params_total", "param", "all parameters", shape, Range.POSITIVE)
                .equation("params_total",
                        "dense_layers * (attn_params_per_layer + ffn_dense_params_per_layer + norm_params_per_layer)"
                                + " + moe_layers * (attn_params_per_layer + moe_ffn_params_per_layer"
                                + " + norm_params_per_layer) + embedding_params + final_norm_params", shape);
        s.variable("params_active", "param", "parameters one token passes through (= total for dense)",
                        References.MOE, Range.POSITIVE)
                .equation("params_active",
                        "dense_layers * (attn_params_per_layer + ffn_dense_params_per_layer + norm_params_per_layer)"
                                + " + moe_layers * (attn_params_per_layer + moe_ffn_active_params_per_layer"
                                + " + norm_params_per_layer) + embedding_params + final_norm_params", References.MOE);
        s.variable("routed_expert_params", "param", "weights of all routed experts (what expert parallelism shards)",
                        References.MOE, Range.NON_NEGATIVE)
                .equation("routed_expert_params", "moe_layers * experts * expert_params", References.MOE);
        s.variable("params_non_embedding", "param", "parameters outside the embeddings (Kaplan's N)",
                        References.KAPLAN_2020, Range.POSITIVE)
                .equation("params_non_embedding", "params_total - embedding_params", References.KAPLAN_2020);
        // ---- FLOPs of a training step, as gpu_stack names them (its dense_training_cost_fixture assigns them)
        Reference kaplan = References.KAPLAN_2020;
        s.variable("tokens_per_step", "token", "tokens per optimizer step", References.GPU_STACK, Range.POSITIVE)
                .variant("tokens_per_step", "design", "design.tokens_step",
                        References.definition("a plan: the chosen design of the design scope"), "global batch × sequence")
                .variable("flops.step_dense", "FLOP", "training FLOPs of one step of a dense model, 6 per parameter "
                        + "per token (embeddings counted, attention not)", kaplan, Range.POSITIVE)
                .equation("flops.step_dense", "6 * params_total * tokens_per_step * [FLOP/(param·token)]", kaplan,
                        "gpu_stack's arch.flops.step_dense; LSDT's design layer counts attention and excludes "
                                + "embeddings (design.flop_model_step)")
                .variable("flops.step_moe", "FLOP", "training FLOPs of one step of a mixture-of-experts model, 6 per "
                        + "active parameter per token", kaplan, Range.POSITIVE)
                .equation("flops.step_moe", "6 * params_active * tokens_per_step * [FLOP/(param·token)]", kaplan);
        s.headline("params_total", "params_active", "params_non_embedding", "flops.step_dense", "flops.step_moe");
        return s;
    }
}
