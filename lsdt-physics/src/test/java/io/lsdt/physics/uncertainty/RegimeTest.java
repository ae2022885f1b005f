package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.physics.design.Numerics;
import io.lsdt.physics.design.ParallelConfig;
import io.lsdt.physics.design.Recompute;
import io.lsdt.physics.design.Schedule;
import org.junit.jupiter.api.Test;

class RegimeTest {
    @Test
    void frameworkFamiliesFromTheFrameworkAndShardingCells() {
        assertThat(Regime.Family.ofRun("Megatron-Core r0.8.0", "")).isEqualTo(Regime.Family.MEGATRON);
        assertThat(Regime.Family.ofRun("NeMo 24.09", "")).isEqualTo(Regime.Family.MEGATRON);
        // Megatron's own FSDP stays in the family
        assertThat(Regime.Family.ofRun("Megatron-Bridge / NeMo 25.11", "FSDP (Megatron-FSDP)"))
                .isEqualTo(Regime.Family.MEGATRON);
        // DeepSpeed with Megatron model parallelism is ZeRO
        assertThat(Regime.Family.ofRun("GPT-NeoX (Megatron + DeeperSpeed), PyTorch 1.10", "ZeRO-1 (DeepSpeed)"))
                .isEqualTo(Regime.Family.FSDP_ZERO);
        assertThat(Regime.Family.ofRun("TinyLlama (lit-gpt based)", "FSDP")).isEqualTo(Regime.Family.FSDP_ZERO);
        assertThat(Regime.Family.ofRun("EasyLM (JAX/Flax, pjit)", "combination of normal data parallelism and fully "
                + "sharded data parallelism (ZeRO-3)")).isEqualTo(Regime.Family.FSDP_ZERO);
        // "no ZeRO" is not ZeRO
        assertThat(Regime.Family.ofRun("flash-attention repo training code", "DDP (no ZeRO)"))
                .isEqualTo(Regime.Family.OTHER);
        assertThat(Regime.Family.ofRun("nanoGPT (PyTorch 2.0 DDP + torch.compile)", "none (PyTorch DDP)"))
                .isEqualTo(Regime.Family.OTHER);
        assertThat(Regime.Family.ofRun("", "")).isEqualTo(Regime.Family.OTHER);
    }

    @Test
    void scaleAndSizeBandsIncludeTheirUpperBound() {
        assertThat(Regime.Scale.of(8)).isEqualTo(Regime.Scale.UP_TO_8);
        assertThat(Regime.Scale.of(9)).isEqualTo(Regime.Scale.UP_TO_64);
        assertThat(Regime.Scale.of(1024)).isEqualTo(Regime.Scale.UP_TO_1024);
        assertThat(Regime.Scale.of(1025)).isEqualTo(Regime.Scale.ABOVE_1024);
        assertThat(Regime.Size.of(3e9)).isEqualTo(Regime.Size.UP_TO_3B);
        assertThat(Regime.Size.of(3.1e9)).isEqualTo(Regime.Size.UP_TO_30B);
        assertThat(Regime.Size.of(30e9)).isEqualTo(Regime.Size.UP_TO_30B);
        assertThat(Regime.Size.of(30.5e9)).isEqualTo(Regime.Size.ABOVE_30B);
    }

    @Test
    void keysParseBackAndBadKeysNameTheForm() {
        Regime r = Regime.of(Regime.Family.FSDP_ZERO, 128, 70e9);
        assertThat(r.key()).isEqualTo("fsdp-zero/65-1024/30B+");
        assertThat(Regime.parse(r.key())).isEqualTo(r);
        assertThatThrownBy(() -> Regime.parse("megatron/65-1024")).isInstanceOf(LsdtException.class)
                .hasMessage("regime = 'megatron/65-1024': expected FAMILY/SCALE/SIZE with FAMILY one of megatron, "
                        + "fsdp-zero, other, SCALE one of 1-8, 9-64, 65-1024, 1025+, SIZE one of 0-3B, 3-30B, 30B+");
    }

    @Test
    void aDesignIsFsdpOnlyWhenItIsPureShardedDataParallelism() {
        assertThat(Regime.Family.ofDesign(design(1, 1, 1, 3))).isEqualTo(Regime.Family.FSDP_ZERO);
        assertThat(Regime.Family.ofDesign(design(1, 1, 1, 2))).isEqualTo(Regime.Family.FSDP_ZERO);
        assertThat(Regime.Family.ofDesign(design(1, 1, 1, 1))).isEqualTo(Regime.Family.MEGATRON);
        assertThat(Regime.Family.ofDesign(design(8, 1, 1, 3))).isEqualTo(Regime.Family.MEGATRON);
        assertThat(Regime.Family.ofDesign(design(1, 4, 1, 3))).isEqualTo(Regime.Family.MEGATRON);
    }

    private static ParallelConfig design(int tp, int pp, int cp, int zero) {
        return new ParallelConfig(tp, pp, 1, 8, cp, 1, 1, 64, zero, Recompute.NONE, false, Schedule.ONE_F_ONE_B,
                Numerics.BF16, true, true);
    }
}
