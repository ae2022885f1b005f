package io.lsdt.physics.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.physics.design.Numerics;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
    private static final Configuration RUN = new Configuration("h100-sxm", Numerics.BF16, 1024,
            Regime.Family.MEGATRON, 70e9, 8, 4, 1, 1);

    @Test
    void aValidatedConfigurationIsAtDistanceZero() {
        assertThat(RUN.distance(RUN)).isZero();
    }

    @Test
    void eachAxisAddsItsTerm() {
        // another device: 1; FP8 instead of BF16: 0.5; another family: 1
        assertThat(new Configuration("a100-sxm-80gb", Numerics.BF16, 1024, Regime.Family.MEGATRON, 70e9, 8, 4, 1, 1)
                .distance(RUN)).isEqualTo(1);
        assertThat(new Configuration("h100-sxm", Numerics.FP8, 1024, Regime.Family.MEGATRON, 70e9, 8, 4, 1, 1)
                .distance(RUN)).isEqualTo(0.5);
        // BF16 and FP16 share the dense 16-bit peak: no term
        assertThat(new Configuration("h100-sxm", Numerics.FP16, 1024, Regime.Family.MEGATRON, 70e9, 8, 4, 1, 1)
                .distance(RUN)).isZero();
        assertThat(new Configuration("h100-sxm", Numerics.BF16, 1024, Regime.Family.FSDP_ZERO, 70e9, 8, 4, 1, 1)
                .distance(RUN)).isEqualTo(1);
        // 16,384 devices: log10(16) = 1.2041; 7e9 parameters: log10(10) = 1
        assertThat(new Configuration("h100-sxm", Numerics.BF16, 16384, Regime.Family.MEGATRON, 70e9, 8, 4, 1, 1)
                .distance(RUN)).isCloseTo(1.2041199826559248, within(1e-12));
        assertThat(new Configuration("h100-sxm", Numerics.BF16, 1024, Regime.Family.MEGATRON, 7e9, 8, 4, 1, 1)
                .distance(RUN)).isCloseTo(1, within(1e-12));
        // layout TP 8 → 2 (log2 4 = 2), PP 4 → 16 (2), CP 1 → 2 (1), EP 1: (2 + 2 + 1) / 4 = 1.25
        assertThat(new Configuration("h100-sxm", Numerics.BF16, 1024, Regime.Family.MEGATRON, 70e9, 2, 16, 2, 1)
                .distance(RUN)).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void theTermsAddUpAndTheDistanceIsSymmetric() {
        Configuration far = new Configuration("b200", Numerics.FP8, 128, Regime.Family.FSDP_ZERO, 7e9, 1, 1, 1, 1);
        // device 1 + numerics 0.5 + family 1 + log10(1024/128) + log10(70/7) + (3 + 2 + 0 + 0) / 4
        double hand = 1 + 0.5 + 1 + Math.log10(8) + 1 + 1.25;
        assertThat(far.distance(RUN)).isCloseTo(hand, within(1e-12));
        assertThat(RUN.distance(far)).isCloseTo(hand, within(1e-12));
    }
}
