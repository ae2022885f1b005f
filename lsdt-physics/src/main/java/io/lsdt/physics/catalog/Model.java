package io.lsdt.physics.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model of the catalog: its architecture (from which LSDT derives the parameter count with the {@code arch}
 * equations) and the published parameter counts to test that derivation against.
 *
 * @param id catalog id, e.g. {@code llama3.1-405b}
 * @param name full name
 * @param family family
 * @param source source of the architecture
 * @param configSource official configuration, or null
 * @param architecture the shape
 * @param publishedParams published total parameter count
 * @param publishedActiveParams published active parameter count (MoE), or null
 * @param notes caveats and hand counts
 */
public record Model(String id, String name, String family, Source source, Source configSource,
        Architecture architecture, PublishedCount publishedParams, PublishedCount publishedActiveParams,
        String notes) {

    /**
     * A published count.
     *
     * @param value the count (parameters)
     * @param exact true when the source states the exact count, false for a rounded size label
     * @param source where it is published
     * @param locator where inside the source
     * @param note remark, or null
     */
    public record PublishedCount(double value, boolean exact, Source source, String locator, String note) {}

    /**
     * Mixture-of-experts fields.
     *
     * @param experts routed experts per MoE layer
     * @param topK routed experts per token
     * @param sharedExperts shared experts per MoE layer
     * @param expertFfnHidden inner width of one expert
     * @param firstDenseLayers leading dense layers
     * @param routerBias whether the router has a per-expert bias
     */
    public record Moe(int experts, int topK, int sharedExperts, int expertFfnHidden, int firstDenseLayers,
            boolean routerBias) {}

    /**
     * Multi-head latent attention fields (DeepSeek).
     *
     * @param qLoraRank query compression rank
     * @param kvLoraRank key/value compression rank
     * @param qkNopeHeadDim per-head query/key dimension without RoPE
     * @param qkRopeHeadDim decoupled RoPE dimension
     * @param vHeadDim per-head value dimension
     */
    public record Mla(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {}

    /**
     * A decoder-only transformer's shape.
     *
     * @param layers blocks
     * @param hidden width
     * @param heads query heads
     * @param kvHeads key/value heads
     * @param headDim per-head dimension
     * @param ffnHidden dense FFN inner width
     * @param ffnType swiglu or gelu
     * @param vocab embedding rows
     * @param seqLen training sequence length
     * @param positionEmbedding rope, learned, alibi or none
     * @param norm rmsnorm or layernorm
     * @param linearBias biases on linear layers
     * @param tiedEmbeddings output projection tied to the input embedding
     * @param moe MoE fields, or null for a dense model
     * @param mla MLA fields, or null
     */
    public record Architecture(int layers, int hidden, int heads, int kvHeads, int headDim, int ffnHidden,
            String ffnType, int vocab, int seqLen, String positionEmbedding, String norm, boolean linearBias,
            boolean tiedEmbeddings, Moe moe, Mla mla) {

        /**
         * The shape as graph inputs.
         *
         * @return values of the {@code arch.*} root variables for this shape
         */
        public Map<String, Double> assignments() {
            Map<String, Double> a = new LinkedHashMap<>();
            a.put("arch.layers", (double) layers);
            a.put("arch.hidden", (double) hidden);
            a.put("arch.heads", (double) heads);
            a.put("arch.kv_heads", (double) kvHeads);
            a.put("arch.head_dim", (double) headDim);
            a.put("arch.ffn_hidden", (double) ffnHidden);
            a.put("arch.ffn_matrices", ffnType.equals("swiglu") ? 3.0 : 2.0);
            a.put("arch.vocab", (double) vocab);
            a.put("arch.seq_len", (double) seqLen);
            a.put("arch.learned_positions", positionEmbedding.equals("learned") ? 1.0 : 0.0);
            a.put("arch.norm_params_per_dim", norm.equals("layernorm") ? 2.0 : 1.0);
            a.put("arch.linear_bias", linearBias ? 1.0 : 0.0);
            a.put("arch.tied_embeddings", tiedEmbeddings ? 1.0 : 0.0);
            a.put("arch.is_moe", moe == null ? 0.0 : 1.0);
            a.put("arch.experts", moe == null ? 0.0 : moe.experts());
            a.put("arch.top_k", moe == null ? 0.0 : moe.topK());
            a.put("arch.shared_experts", moe == null ? 0.0 : moe.sharedExperts());
            a.put("arch.expert_ffn_hidden", moe == null ? 0.0 : moe.expertFfnHidden());
            a.put("arch.first_dense_layers", moe == null ? 0.0 : moe.firstDenseLayers());
            a.put("arch.router_bias", moe != null && moe.routerBias() ? 1.0 : 0.0);
            if (mla != null) {
                a.put("arch.q_lora_rank", (double) mla.qLoraRank());
                a.put("arch.kv_lora_rank", (double) mla.kvLoraRank());
                a.put("arch.qk_nope_head_dim", (double) mla.qkNopeHeadDim());
                a.put("arch.qk_rope_head_dim", (double) mla.qkRopeHeadDim());
                a.put("arch.v_head_dim", (double) mla.vHeadDim());
            }
            return a;
        }

        /**
         * The shape's variant choices (e.g. the attention or MLP kind) for the resolver.
         *
         * @return the variant choices of the {@code arch} scope for this shape
         */
        public Map<String, String> variants() {
            String key = mla == null ? "mha" : "mla";
            Map<String, String> v = new java.util.LinkedHashMap<>(); // ordered: Map.of's order changes between JVMs
            v.put("arch.attn_params_per_layer", key);
            v.put("arch.attn_qk_dim", key);
            v.put("arch.attn_v_dim", key);
            return java.util.Collections.unmodifiableMap(v);
        }
    }
}
