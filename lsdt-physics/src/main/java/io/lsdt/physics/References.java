package io.lsdt.physics;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Reference.Kind;

/** The literature and seed documents the physics equations cite. One place, so a citation is written once. */
public final class References {
    private References() {}

    /** Seed 000: the LSDT fundamentals (physics) layer and its implementation, CausalCompute. */
    public static final Reference SEED_FUNDAMENTALS = new Reference(
            "LSDT Fundamentals — Physics Layer (seed 000); implementation: CausalCompute step0_fundamentals/fundamentals.py",
            "https://github.com/VictorySpecificationII/CausalCompute", null, Kind.SOFTWARE, "2026-02", null);

    /** Kaplan et al. 2020: training compute C ≈ 6N FLOP per token. */
    public static final Reference KAPLAN_2020 = new Reference(
            "Scaling Laws for Neural Language Models (Kaplan et al.)", "https://arxiv.org/abs/2001.08361",
            "arXiv:2001.08361", Kind.PAPER, "2020-01", "§2.1, C ≈ 6N");

    /** Korthikanti et al. 2022: activation memory per transformer layer. */
    public static final Reference KORTHIKANTI_2022 = new Reference(
            "Reducing Activation Recomputation in Large Transformer Models (Korthikanti et al., MLSys 2023)",
            "https://arxiv.org/abs/2205.05198", "arXiv:2205.05198", Kind.PAPER, "2022-05", null);

    /** Rajbhandari et al. 2020 (ZeRO): model-state bytes of mixed-precision Adam. */
    public static final Reference ZERO_2020 = new Reference(
            "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models (Rajbhandari et al., SC20)",
            "https://arxiv.org/abs/1910.02054", "arXiv:1910.02054", Kind.PAPER, "2019-10",
            "§3.1: mixed-precision Adam keeps 2Ψ + 2Ψ + 12Ψ = 16Ψ bytes");

    /** Vaswani et al. 2017 and the standard decoder-only parameter count. */
    public static final Reference TRANSFORMER_PARAMS = new Reference(
            "Parameter count of a decoder-only transformer: attention Q,K,V,O + FFN + norms + embeddings "
                    + "(Vaswani et al. 2017; GQA: Ainslie et al. 2023; SwiGLU: Shazeer 2020)",
            "https://arxiv.org/abs/1706.03762", "arXiv:1706.03762", Kind.PAPER, "2017-06", null);

    /** DeepSeek-V3: multi-head latent attention and the DeepSeekMoE layer. */
    public static final Reference DEEPSEEK_V3 = new Reference("DeepSeek-V3 Technical Report",
            "https://arxiv.org/abs/2412.19437", "arXiv:2412.19437", Kind.PAPER, "2024-12", "§2.1 (MLA, DeepSeekMoE)");

    /** Fedus et al. 2021 / Mixtral: a routed mixture-of-experts FFN with a linear router. */
    public static final Reference MOE = new Reference("Mixtral of Experts (Jiang et al.)",
            "https://arxiv.org/abs/2401.04088", "arXiv:2401.04088", Kind.PAPER, "2024-01",
            "§2.1: router gating W_g (hidden × experts), top-k experts per token");

    /** A definition made by LSDT (no outside source needed: it names a quantity). */
    public static Reference definition(String what) {
        return new Reference("LSDT definition: " + what, null, null, Kind.DEFINITION, null, null);
    }
}
