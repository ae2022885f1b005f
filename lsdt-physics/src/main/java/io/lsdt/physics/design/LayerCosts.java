package io.lsdt.physics.design;

/**
 * The per-layer, per-operation quantities of one design, read from the {@code design} scope's equations — what the
 * event simulator's physical predictor charges for each event, so that an analytical step and a simulated step of
 * the same design rest on the same numbers. Times are for one micro-batch of {@code microBatch} sequences on one GPU
 * (context parallelism: each GPU's chunk of them).
 *
 * @param config the design
 * @param layers the model's transformer layers
 * @param hidden the model's hidden size
 * @param tokensPerMicroBatch tokens of one micro-batch on one GPU ({@code design.tok_mb})
 * @param forwardLayer forward GEMM and attention time of one layer ({@code design.t_fwd_layer_mb}, s)
 * @param memoryBoundLayer memory-bound kernels of one layer's forward ({@code design.t_mem_layer_mb}, s; the
 *     backward moves twice as much)
 * @param recomputeLayer recomputation of one layer in the backward ({@code design.t_recompute_layer_mb}, s)
 * @param logitsForward forward of the output projection ({@code design.t_logits_fwd_mb}, s)
 * @param tpAllReduce one TP all-reduce of the micro-batch's activations ({@code design.t_tp_ar}, s)
 * @param paramsPerLayer parameters of one layer on one GPU ({@code design.params_layer_gpu})
 * @param optimizerPerParam Adam step time per parameter ({@code design.t_optimizer_param}, s)
 * @param activationBytesPerToken activations one layer stores per token on one GPU ({@code design.act_tok_layer}, B)
 * @param logitsActivationBytes output-layer activations of one micro-batch ({@code design.act_logits_bytes}, B)
 * @param kvBytesPerToken keys and values per token per layer on one GPU ({@code design.kv_tok}, B)
 * @param weightBytes bytes per weight held ({@code design.b_w})
 * @param gradBytes bytes per gradient held ({@code design.b_grad})
 * @param optimizerBytes optimizer bytes per parameter ({@code design.b_opt})
 * @param gradCommBytes bytes per gradient reduced ({@code design.b_grad_comm})
 * @param modelFlopsPerStep model FLOPs of one step ({@code design.flop_model_step})
 * @param hardware the hardware (links, domain, peak)
 * @param calibration link efficiencies and the rest
 */
public record LayerCosts(ParallelConfig config, int layers, int hidden, double tokensPerMicroBatch,
        double forwardLayer, double memoryBoundLayer, double recomputeLayer, double logitsForward,
        double tpAllReduce, double paramsPerLayer, double optimizerPerParam, double activationBytesPerToken,
        double logitsActivationBytes, double kvBytesPerToken, double weightBytes, double gradBytes,
        double optimizerBytes, double gradCommBytes, double modelFlopsPerStep, Hardware hardware,
        Calibration calibration) {

    /**
     * The tokens one GPU holds of one sample.
     *
     * @return tokens of one simulator sample on one GPU: a sequence, or its chunk under context parallelism
     */
    public double tokensPerSample() {
        return tokensPerMicroBatch / config.microBatch();
    }
}
