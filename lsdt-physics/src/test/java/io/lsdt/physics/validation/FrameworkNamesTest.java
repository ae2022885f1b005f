package io.lsdt.physics.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spelling of {@code framework} × {@code zero_fsdp} in dev_runs.csv and dev_runs_wave2.csv, as published, with
 * the profile id and ZeRO stage it must read as (one case per source's spelling).
 */
class FrameworkNamesTest {

    static Stream<Arguments> spellings() {
        return Stream.of(
                // dev_runs.csv: Megatron family
                Arguments.of("Megatron-LM (2021)", "none (Megatron DP)", "megatron", 0),
                Arguments.of("Megatron-LM (2020)", "", "megatron", 0),
                Arguments.of("Megatron-LM (2022)", "none", "megatron", 0),
                Arguments.of("Megatron-Core r0.8.0", "", "megatron", 0),
                Arguments.of("NeMo 24.07 (Megatron-Core)", "", "megatron", 0),
                Arguments.of("NeMo 25.04.rc2", "", "megatron", 0),
                Arguments.of("NeMo 24.03.01", "", "megatron", 0),
                Arguments.of("Megatron-Bridge / NeMo 25.11", "DDP + distributed optimizer", "megatron", 1),
                Arguments.of("Megatron-Bridge / NeMo 25.11", "FSDP (Megatron-FSDP)", "megatron", 3),
                Arguments.of("Megatron-Bridge / NeMo 25.09", "DDP + distributed optimizer", "megatron", 1),
                Arguments.of("NeMo 24.09", "", "megatron", 0),
                Arguments.of("NeMo 24.11", "", "megatron", 0),
                Arguments.of("NeMo 25.0x", "", "megatron", 0),
                // korthikanti-530B-2240gpu: both cells blank
                Arguments.of("", "", "other", -1),
                // wave 2: IBM / Meta FSDP blog and fms-fsdp
                Arguments.of("PyTorch FSDP (FSDP1, nightlies post-2.2) + IBM foundation-model-stack (fms-fsdp), SDPA "
                        + "FlashAttention-2, no torch.compile",
                        "FSDP; README of fms-fsdp gives HSDP (hybrid shard within node) for 7B", "pytorch-fsdp-hybrid", 3),
                Arguments.of("PyTorch FSDP (FSDP1, nightlies post-2.2) + IBM foundation-model-stack (fms-fsdp), SDPA "
                        + "FlashAttention-2, no torch.compile", "FSDP; fms-fsdp README gives HSDP for 13B",
                        "pytorch-fsdp-hybrid", 3),
                Arguments.of("PyTorch FSDP (FSDP1, nightlies post-2.2) + IBM foundation-model-stack (fms-fsdp), SDPA "
                        + "FlashAttention-2, no torch.compile", "FSDP; fms-fsdp README gives FULL_SHARD ('FSDP') for 34B",
                        "pytorch-fsdp", 3),
                Arguments.of("PyTorch FSDP (FSDP1, nightlies post-2.2) + IBM foundation-model-stack (fms-fsdp), SDPA "
                        + "FlashAttention-2, no torch.compile", "FSDP; fms-fsdp README gives FULL_SHARD ('FSDP') for 70B",
                        "pytorch-fsdp", 3),
                Arguments.of("PyTorch FSDP + fms (IBM foundation-model-stack), SDPA FlashAttention-2",
                        "HSDP (HYBRID_SHARD: shard within node, replicate across nodes)", "pytorch-fsdp-hybrid", 3),
                Arguments.of("PyTorch FSDP + fms (IBM foundation-model-stack), SDPA FlashAttention-2",
                        "FSDP FULL_SHARD across all 128 GPUs", "pytorch-fsdp", 3),
                Arguments.of("PyTorch FSDP + fms, SDPA FlashAttention-2",
                        "HSDP (hybrid sharding: weights+optimizer sharded within node, DP across nodes)",
                        "pytorch-fsdp-hybrid", 3),
                Arguments.of("PyTorch 1.11 FSDP, minGPT model, SGD optimizer, random data",
                        "FSDP full shard (PyTorch 1.11 prototype) with parameter CPU offload", "pytorch-fsdp", 3),
                // TinyLlama
                Arguments.of("lit-gpt based + flash-attention 2, fused layernorm/swiglu/xentropy/rotary",
                        "FSDP (multi-gpu/multi-node FSDP; sharding strategy not stated)", "pytorch-fsdp", 3),
                Arguments.of("TinyLlama (lit-gpt based)", "FSDP", "pytorch-fsdp", 3),
                // flash-attention repo, Lambda, FlashAttention-2 paper
                Arguments.of("flash-attention repo training code (PyTorch Lightning + Hydra), FlashAttention (v1-era), "
                        + "fused MLP/LN/xentropy/rotary kernels", "DDP (no ZeRO)", "pytorch-ddp", 0),
                Arguments.of("flash-attention repo training code (PyTorch Lightning + Hydra), FlashAttention (v1-era), "
                        + "fused MLP/LN/xentropy/rotary kernels", "ZeRO-1 (DDPStrategyZero1, apex adamw-zero)",
                        "pytorch-ddp", 1),
                Arguments.of("flash-attention repo GPT training code; baseline without FlashAttention", "",
                        "pytorch-ddp", 0),
                Arguments.of("flash-attention repo GPT training code with FlashAttention", "", "pytorch-ddp", 0),
                Arguments.of("flash-attention repo GPT training code with FlashAttention-2", "", "pytorch-ddp", 0),
                Arguments.of("flash-attention repo training code with FlashAttention-2 (Lambda fork, Docker)", "",
                        "pytorch-ddp", 0),
                // llm.c, nanoGPT
                Arguments.of("llm.c (C/CUDA, cuBLAS/cuDNN flash attention via USE_CUDNN=1, MPI+NCCL)",
                        "ZeRO-1 (-z 1, optimizer-state sharding)", "other", 1),
                Arguments.of("Karpathy's llm.c PyTorch GPT-2 trainer (train_gpt2.py, torch.compile)", "",
                        "pytorch-ddp", 0),
                Arguments.of("nanoGPT (PyTorch 2.0 DDP + torch.compile)", "none (PyTorch DDP)", "pytorch-ddp", 0),
                // Colossal-AI, TPU
                Arguments.of("Colossal-AI Booster + Gemini, xformers flash attention", "Colossal-AI Gemini "
                        + "(gemini_auto plugin: ZeRO-3-style chunked parameter sharding with auto placement)", "other",
                        3),
                Arguments.of("EasyLM (JAX/Flax, pjit)",
                        "combination of normal data parallelism and fully sharded data parallelism (ZeRO-3)",
                        "jax-xla", 3),
                Arguments.of("PyTorch/XLA 2.0 FSDP via Hugging Face Trainer (transformers v4.31), Adafactor optimizer",
                        "PyTorch/XLA FSDP full_shard (nested, GPT2Block wrapping, shard_param_on_dim_0)", "jax-xla",
                        3),
                Arguments.of("PyTorch/XLA SPMD (HF Llama 2 fork, Adafactor)", "SPMD 2D sharding (mesh data=32 x "
                        + "model=4; parameters sharded on both axes, FSDP-like on data axis)", "jax-xla", 3),
                // VectorLM, torchtune, LitGPT
                Arguments.of("VectorLM (PyTorch FSDP, HF transformers, FlashAttention-2), torch 2.2.2; full-rank "
                        + "fine-tuning", "FSDP FULL_SHARD", "pytorch-fsdp", 3),
                Arguments.of("VectorLM (PyTorch FSDP, HF transformers, FlashAttention-2), torch 2.2.2; PEFT LoRA r=8, "
                        + "alpha=32 (default target modules)", "FSDP FULL_SHARD", "pytorch-fsdp", 3),
                Arguments.of("torchtune (full_finetune_single_device recipe), torch.compile enabled",
                        "none (single device)", "fsdp2", 0),
                Arguments.of("torchtune (lora_finetune_single_device recipe), torch.compile enabled, LoRA",
                        "none (single device)", "fsdp2", 0),
                Arguments.of("torchtune (lora_finetune_single_device recipe), torch.compile enabled, QLoRA (NF4)",
                        "none (single device)", "fsdp2", 0),
                Arguments.of("torchtune (full_finetune_distributed recipe), torch.compile enabled",
                        "FSDP2 (full_finetune_distributed) with CPU offload + fused optimizer", "fsdp2", 3),
                Arguments.of("torchtune (lora_finetune_distributed recipe), torch.compile enabled, LoRA",
                        "FSDP2 (distributed recipe)", "fsdp2", 3),
                Arguments.of("torchtune (lora_finetune_distributed recipe), torch.compile enabled, QLoRA (NF4)",
                        "FSDP2 (distributed recipe)", "fsdp2", 3),
                Arguments.of("LitGPT finetune/lora.py (commit 8641822), PyTorch 2.1.0+cu121, LoRA", "none (single GPU)",
                        "pytorch-ddp", 0),
                Arguments.of("LitGPT finetune/lora.py (commit 8641822), PyTorch 2.1.0+cu121, QLoRA",
                        "none (single GPU)", "pytorch-ddp", 0),
                // Optimum Habana on Gaudi, AMD torchtune
                Arguments.of("Optimum Habana 1.12.1 (PyTorch FSDP, torch.compile); LoRA", "FSDP", "pytorch-fsdp", 3),
                Arguments.of("DeepSpeed 0.14.0, Optimum Habana 1.12.1; LoRA", "DeepSpeed (ZeRO stage not stated)",
                        "deepspeed", -1),
                Arguments.of("DeepSpeed 0.14.0, Optimum Habana 1.12.1; causal-LM fine-tuning (run_clm)",
                        "DeepSpeed (ZeRO stage not stated)", "deepspeed", -1),
                Arguments.of("torchtune (AMD fork) on ROCm, torch 2.7.0a0, COMPILE=True; full finetune",
                        "FSDP (torchtune distributed recipe; CPU_OFFLOAD=False)", "fsdp2", 3),
                Arguments.of("torchtune (AMD fork) on ROCm, torch 2.7.0a0, COMPILE=True; LoRA",
                        "FSDP (torchtune distributed recipe; CPU_OFFLOAD=False)", "fsdp2", 3),
                // GPT-NeoX, ZeRO paper: Megatron with DeepSpeed
                Arguments.of("GPT-NeoX (Megatron + DeeperSpeed), PyTorch 1.10, parallel attention+FFN",
                        "ZeRO-1 (DeepSpeed)", "megatron", 1),
                Arguments.of("DeepSpeed ZeRO-100B + Megatron-LM (2019/2020)", "ZeRO-100B = ZeRO stage 2 (Pos+g) + "
                        + "ZeRO-R, combined with Megatron model parallelism inside a node", "megatron", 2));
    }

    @ParameterizedTest(name = "{0} | {1} → {2}, ZeRO {3}")
    @MethodSource("spellings")
    void eachPublishedSpellingMapsToItsProfile(String framework, String sharding, String profile, int zero) {
        FrameworkNames.Reading r = FrameworkNames.read(framework, sharding);
        assertThat(r.profile()).isEqualTo(profile);
        assertThat(r.zeroStage()).isEqualTo(zero);
        assertThat(r.note()).contains("→ profile " + profile).contains(framework.isEmpty() ? "framework blank"
                : "framework '" + framework + "'");
    }

    @Test
    void theTableCoversEverySpellingOfBothFiles() {
        Set<String> published = new LinkedHashSet<>();
        for (RunRow r : Fixtures.devRuns()) {
            published.add(r.text("framework") + " | " + r.text("zero_fsdp"));
        }
        for (RunRow r : Fixtures.wave2Runs()) {
            published.add(r.text("framework") + " | " + r.text("zero_fsdp"));
        }
        List<String> covered = spellings().map(a -> a.get()[0] + " | " + a.get()[1]).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void otherSpellingsOfTheProfilesTheCsvsDoNotUse() {
        assertThat(FrameworkNames.read("torchtitan (FSDP2 fully_shard)", "").profile()).isEqualTo("fsdp2");
        assertThat(FrameworkNames.read("PyTorch FSDP", "SHARD_GRAD_OP").profile()).isEqualTo("pytorch-fsdp-grad-op");
        assertThat(FrameworkNames.read("PyTorch FSDP", "SHARD_GRAD_OP").zeroStage()).isEqualTo(2);
        assertThat(FrameworkNames.read("Megatron-DeepSpeed", "ZeRO stage 1").profile()).isEqualTo("megatron");
        assertThat(FrameworkNames.read("DeepSpeed", "ZeRO-3 with offload").zeroStage()).isEqualTo(3);
        assertThat(FrameworkNames.read("JAX (MaxText)", "").profile()).isEqualTo("jax-xla");
        assertThat(FrameworkNames.PROFILES).containsExactly("megatron", "jax-xla", "deepspeed", "fsdp2",
                "pytorch-fsdp-hybrid", "pytorch-fsdp-grad-op", "pytorch-fsdp", "pytorch-ddp", "other");
    }
}
