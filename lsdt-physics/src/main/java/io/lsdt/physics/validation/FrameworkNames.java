package io.lsdt.physics.validation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the free text of a run's {@code framework} and {@code zero_fsdp} cells into one of LSDT's framework profile
 * ids, and the ZeRO stage the text states or implies. The profiles name how a framework shards and overlaps; their
 * physics is catalog data elsewhere. The rules, first match wins:
 * <ol>
 *   <li>{@value #MEGATRON}: Megatron-LM, Megatron-Core, Megatron-DeepSpeed, Megatron-Bridge, NeMo, GPT-NeoX (Megatron
 *       with DeeperSpeed) — also when their sharding text says FSDP (Megatron-FSDP) or ZeRO;</li>
 *   <li>{@value #JAX_XLA}: JAX, Flax, pjit, EasyLM, PyTorch/XLA (FSDP or SPMD on TPU);</li>
 *   <li>{@value #DEEPSPEED}: DeepSpeed without Megatron; the ZeRO stage from the text, unknown when not stated;</li>
 *   <li>{@value #FSDP2}: FSDP2, {@code fully_shard}, torchtitan, torchtune (FSDP2 since v0.2);</li>
 *   <li>{@value #PYTORCH_FSDP_HYBRID}: HSDP, HYBRID_SHARD;</li>
 *   <li>{@value #PYTORCH_FSDP_GRAD_OP}: SHARD_GRAD_OP;</li>
 *   <li>{@value #PYTORCH_FSDP}: any other FSDP (FULL_SHARD, FSDP1's default);</li>
 *   <li>{@value #PYTORCH_DDP}: DDP, a single device without sharding, and any other PyTorch trainer that names
 *       no sharding (nanoGPT, the flash-attention repo's Lightning trainer, LitGPT, llm.c's train_gpt2.py);</li>
 *   <li>{@value #OTHER}: everything else (llm.c, Colossal-AI Gemini, a blank cell).</li>
 * </ol>
 * ZeRO stage: an explicit "ZeRO-N" / "ZeRO stage N" / "stage N" wins; else "distributed optimizer" → 1,
 * SHARD_GRAD_OP → 2, FSDP / HSDP / full shard / ZeRO-3-style → 3, DDP or none → 0; else the profile's default
 * (FSDP profiles 3, SHARD_GRAD_OP 2, DDP and Megatron 0 — Megatron shards nothing without its distributed optimizer);
 * DeepSpeed, JAX/XLA and other → unknown (−1).
 */
public final class FrameworkNames {
    /** Megatron-LM and the frameworks built on it. */
    public static final String MEGATRON = "megatron";
    /** PyTorch FSDP (FSDP1) with FULL_SHARD, its default. */
    public static final String PYTORCH_FSDP = "pytorch-fsdp";
    /** PyTorch FSDP with SHARD_GRAD_OP. */
    public static final String PYTORCH_FSDP_GRAD_OP = "pytorch-fsdp-grad-op";
    /** PyTorch FSDP with HYBRID_SHARD (HSDP). */
    public static final String PYTORCH_FSDP_HYBRID = "pytorch-fsdp-hybrid";
    /** FSDP2 ({@code fully_shard}): torchtitan, recent torchtune. */
    public static final String FSDP2 = "fsdp2";
    /** DeepSpeed ZeRO. */
    public static final String DEEPSPEED = "deepspeed";
    /** JAX and PyTorch/XLA on TPU. */
    public static final String JAX_XLA = "jax-xla";
    /** PyTorch DistributedDataParallel (or one device). */
    public static final String PYTORCH_DDP = "pytorch-ddp";
    /** Anything else. */
    public static final String OTHER = "other";

    /** Every profile id, in the order of the rules. */
    public static final List<String> PROFILES = List.of(MEGATRON, JAX_XLA, DEEPSPEED, FSDP2, PYTORCH_FSDP_HYBRID,
            PYTORCH_FSDP_GRAD_OP, PYTORCH_FSDP, PYTORCH_DDP, OTHER);

    private static final Pattern ZERO = Pattern.compile("zero[- ]?(?:stage[- ]?)?([0-3])\\b|\\bstage[- ]?([0-3])\\b");

    private FrameworkNames() {}

    /**
     * A framework text read.
     *
     * @param profile one of {@link #PROFILES}
     * @param zeroStage the ZeRO stage stated or implied, 0–3; −1 when the text does not say
     * @param note how the text was read, for the run's notes
     */
    public record Reading(String profile, int zeroStage, String note) {}

    /**
     * Reads a runs CSV's framework and sharding cells as a framework profile and ZeRO stage.
     *
     * @param framework the {@code framework} cell (may be blank)
     * @param sharding the {@code zero_fsdp} cell (may be blank)
     * @return the profile and ZeRO stage
     */
    public static Reading read(String framework, String sharding) {
        String f = framework.toLowerCase(Locale.ROOT);
        String z = sharding.toLowerCase(Locale.ROOT);
        String all = f + " | " + z;
        String profile;
        if (containsAny(f, "megatron", "nemo", "gpt-neox")) {
            profile = MEGATRON;
        } else if (containsAny(all, "jax", "flax", "pjit", "easylm", "pytorch/xla", "torch_xla", "torch-xla")) {
            profile = JAX_XLA;
        } else if (all.contains("deepspeed")) {
            profile = DEEPSPEED;
        } else if (containsAny(all, "fsdp2", "fully_shard", "torchtitan", "torchtune")) {
            profile = FSDP2;
        } else if (containsAny(all, "hsdp", "hybrid_shard", "hybrid shard")) {
            profile = PYTORCH_FSDP_HYBRID;
        } else if (containsAny(all, "shard_grad_op", "grad_op")) {
            profile = PYTORCH_FSDP_GRAD_OP;
        } else if (all.contains("fsdp")) {
            profile = PYTORCH_FSDP;
        } else if (containsAny(all, "ddp", "single device", "single gpu", "nanogpt", "flash-attention repo",
                "litgpt", "lit-gpt", "pytorch")) {
            profile = PYTORCH_DDP;
        } else {
            profile = OTHER;
        }
        int zero = zeroStage(z.isBlank() ? f : z, profile);
        String text = framework.isBlank() ? "framework blank" : "framework '" + framework + "'";
        String shard = sharding.isBlank() ? "" : ", zero_fsdp '" + sharding + "'";
        return new Reading(profile, zero, text + shard + " → profile " + profile
                + (zero < 0 ? ", ZeRO stage not stated" : ", ZeRO " + zero));
    }

    private static int zeroStage(String z, String profile) {
        Matcher m = ZERO.matcher(z);
        if (m.find()) {
            return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        }
        if (z.contains("distributed optimizer")) {
            return 1;
        }
        if (containsAny(z, "shard_grad_op", "grad_op")) {
            return 2;
        }
        if (containsAny(z, "fsdp", "hsdp", "hybrid", "full shard", "full_shard", "zero-3", "zero3", "gemini")) {
            return 3;
        }
        if (containsAny(z, "ddp", "none", "single device", "single gpu", "no zero")) {
            return 0;
        }
        return switch (profile) {
            case PYTORCH_FSDP, PYTORCH_FSDP_HYBRID, FSDP2 -> 3;
            case PYTORCH_FSDP_GRAD_OP -> 2;
            case PYTORCH_DDP, MEGATRON -> 0;
            default -> -1;
        };
    }

    private static boolean containsAny(String s, String... parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
