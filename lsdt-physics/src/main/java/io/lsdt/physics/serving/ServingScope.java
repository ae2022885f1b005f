package io.lsdt.physics.serving;

import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Reference;
import io.lsdt.graph.registry.Scope;
import io.lsdt.physics.reference.References;

/**
 * Serving a model and running one on a small device (roofline).
 * Variable names follow gpu_stack (seeds 003/004) and MLSys·im (seed 002); see {@code io.lsdt.physics.macro.MacroScopes}.
 */
public final class ServingScope {
    private ServingScope() {}

    /**
     * The serving scope.
     *
     * @return scope {@code serve}: serving a model and running one on a small device (roofline)
     */
    public static Scope serve() {
        Reference kv = References.KWON_2023;
        Reference rf = References.ROOFLINE_2009;
        Reference ml = References.MLSYSIM;
        Scope s = Scope.named("serve", "Serving: memory, prefill, decode, throughput, cost; edge roofline");
        s.variable("n_gpus", "device", "devices one replica runs on (tensor parallel)", ml, Range.POSITIVE)
                .variable("params", "param", "parameters held", ml, Range.POSITIVE)
                .variant("params", "model", "arch.params_total", ml, "the catalog model's parameters")
                .variable("params_active", "param", "parameters a token passes through", ml, Range.POSITIVE)
                .variant("params_active", "model", "arch.params_active", ml, "the catalog model's active parameters")
                .variable("bytes_per_param", "B/param", "bytes per weight (precision)", ml, Range.POSITIVE)
                .variable("weights_bytes", "B", "weights of one replica", ml, Range.POSITIVE)
                .equation("weights_bytes", "params * bytes_per_param", ml)
                .variable("kv_bytes", "B", "bytes per cached key or value element", kv, Range.POSITIVE)
                .variable("kv_per_token", "B/token", "KV cache per token: 2 · layers · kv_heads · head_dim · bytes",
                        kv, Range.NON_NEGATIVE)
                .equation("kv_per_token", "2 * arch.layers * arch.kv_heads * arch.head_dim * kv_bytes / [token]", kv)
                .variable("seq_len", "token", "tokens a request holds in the cache (prompt and output)", kv,
                        Range.POSITIVE)
                .variable("prompt_tokens", "token", "prompt length", ml, Range.POSITIVE)
                .variable("batch", "1", "requests decoded together", ml, Range.AT_LEAST_ONE)
                .variable("kv_cache", "B", "KV cache of the batch", kv, Range.NON_NEGATIVE)
                .equation("kv_cache", "kv_per_token * seq_len * batch", kv)
                .variable("memory_capacity", "B", "memory of the devices, less what the runtime keeps", ml,
                        Range.POSITIVE)
                .variable("memory", "B", "weights and KV cache", ml, Range.POSITIVE)
                .equation("memory", "weights_bytes + kv_cache", ml)
                .variable("max_batch", "1", "largest batch whose KV cache fits beside the weights", kv, Range.ANY)
                .equation("max_batch", "floor((memory_capacity - weights_bytes) / (kv_per_token * seq_len))", kv)
                .variable("peak_flops", "FLOP/s", "dense peak of one device", rf, Range.POSITIVE)
                .variable("efficiency", "1", "share of the peak the kernels reach", ml, Range.FRACTION)
                .variable("mem_bw", "B/s", "memory bandwidth of one device", rf, Range.POSITIVE)
                .variable("prefill_flops", "FLOP", "FLOPs of the batch's prompts: 2 per active parameter per token",
                        ml, Range.POSITIVE)
                .equation("prefill_flops", "2 * params_active * prompt_tokens * batch * [FLOP/(param·token)]", ml)
                .variable("ttft", "s", "time to first token", ml, Range.POSITIVE)
                .equation("ttft", "prefill_flops / (n_gpus * peak_flops * efficiency)", ml)
                .variable("decode_step", "s", "one decode step of the batch: reading weights and cache, or the "
                        + "FLOPs, whichever is slower", rf, Range.POSITIVE)
                .equation("decode_step", "max((weights_bytes + kv_cache) / (n_gpus * mem_bw), 2 * params_active"
                        + " * batch * [FLOP/param] / (n_gpus * peak_flops * efficiency))", rf)
                .variable("tokens_per_sec", "token/s", "output tokens per second of one replica", ml, Range.POSITIVE)
                .equation("tokens_per_sec", "batch * [token] / decode_step", ml)
                .variable("tokens_per_sec_per_gpu", "token/s", "output tokens per second per device", ml,
                        Range.POSITIVE)
                .equation("tokens_per_sec_per_gpu", "tokens_per_sec / n_gpus", ml)
                .variable("price_gpu_hour", "USD/h", "price of one device-hour", ml, Range.NON_NEGATIVE)
                .variable("cost_per_token", "USD/token", "serving cost per output token", ml, Range.NON_NEGATIVE)
                .equation("cost_per_token", "n_gpus * price_gpu_hour / tokens_per_sec", ml);
        s.constraint("fits", "memory <= memory_capacity", "the weights and the batch's KV cache do not fit in the "
                + "devices' memory", kv);
        // a single inference on a small device (vision and tiny models)
        s.variable("request.flops", "FLOP", "FLOPs of one inference", rf, Range.POSITIVE)
                .variable("request.bytes", "B", "bytes one inference moves: weights and activations", rf,
                        Range.POSITIVE)
                .variable("request.latency", "s", "latency of one inference on one device (roofline)", rf,
                        Range.POSITIVE)
                .equation("request.latency", "max(request.flops / (peak_flops * efficiency), request.bytes / mem_bw)",
                        rf.at("time ≥ max(work / peak, traffic / bandwidth)"))
                .variable("request.energy", "J", "energy of one inference at the device's power", ml, Range.POSITIVE)
                .equation("request.energy", "gpu.power.total * request.latency", ml);
        s.headline("ttft", "decode_step", "tokens_per_sec_per_gpu", "cost_per_token", "max_batch", "memory",
                "request.latency", "request.energy");
        return s;
    }
}
