package io.lsdt.sim.predict;

import io.lsdt.physics.design.LayerCosts;
import io.lsdt.sim.state.Sizes;
import io.lsdt.sim.state.Value;

/**
 * Bytes of a real transformer's values on one GPU, from the design layer's equations ({@link LayerCosts}); one
 * simulator sample is a sequence (or its chunk under context parallelism).
 *
 * <ul>
 *   <li>weight, optimizer state, weight gradient of a layer: {@code params_layer_gpu} × {@code b_w}, {@code b_opt},
 *       {@code b_grad} bytes (2, 12, 4: 16-bit weights, fp32 master and Adam moments, fp32 main gradients; ZeRO
 *       §5.1), times the share of shards held;</li>
 *   <li>the input activation of layer l &lt; L: everything the layer stores for its backward,
 *       {@code act_tok_layer} per token (Korthikanti et al. 2022 §4, with the design's recomputation and
 *       sequence parallelism); of layer L (the loss's input): the output layer's {@code act_logits_bytes};</li>
 *   <li>an activation gradient: hidden × 2 bytes per token (split over TP with sequence parallelism);</li>
 *   <li>gathered keys and values: {@code kv_tok} per token.</li>
 * </ul>
 * Payloads: a weight {@code b_w}, a weight gradient {@code b_grad_comm} bytes per parameter (the whole layer slice,
 * as it is gathered or reduced), an activation or its gradient hidden × 2 bytes per token, keys and values
 * {@code kv_tok} per token.
 */
public final class PhysicalSizes implements Sizes {
    private final LayerCosts c;
    private final double tokens;
    private final double boundary;
    private final double gradientHeld;

    /**
     * Sizes of a design's values, in bytes, from its per-layer costs.
     *
     * @param costs the design's per-layer costs (tokens per sample, hidden size, sequence parallelism, bytes per
     *     parameter)
     */
    public PhysicalSizes(LayerCosts costs) {
        this.c = costs;
        this.tokens = costs.tokensPerSample();
        this.boundary = tokens * costs.hidden() * 2;
        this.gradientHeld = costs.config().sequenceParallel() ? boundary / costs.config().tp() : boundary;
    }

    @Override
    public double memory(Value v) {
        double share = (double) v.shards().size() / v.numShards();
        int n = v.samples().size();
        return switch (v.type()) {
            case WEIGHT -> c.paramsPerLayer() * c.weightBytes() * share;
            case OPT_STATE -> c.paramsPerLayer() * c.optimizerBytes() * share;
            case WEIGHT_GRAD -> c.paramsPerLayer() * c.gradBytes() * share;
            case ACTIVATION -> v.layer() >= c.layers()
                    ? c.logitsActivationBytes() / c.config().microBatch() * n
                    : c.activationBytesPerToken() * tokens * n;
            case ACTIVATION_GRAD -> gradientHeld * n;
            case KV -> c.kvBytesPerToken() * tokens * n;
        };
    }

    @Override
    public long payload(Value v) {
        int n = v.samples().size();
        return Math.round(switch (v.type()) {
            case WEIGHT -> c.paramsPerLayer() * c.weightBytes();
            case WEIGHT_GRAD -> c.paramsPerLayer() * c.gradCommBytes();
            case OPT_STATE -> c.paramsPerLayer() * c.optimizerBytes() / v.numShards();
            case ACTIVATION, ACTIVATION_GRAD -> boundary * n;
            case KV -> c.kvBytesPerToken() * tokens * n;
        });
    }

    @Override
    public String memoryUnit() {
        return "bytes";
    }
}
