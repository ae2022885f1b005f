package io.lsdt.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import org.junit.jupiter.api.Test;

/** The lab's constants and byte sizes ({@code shared/reference/lab-simulator.md} §2, §6.3; GT {@code lib.py}). */
class LabConstantsTest {
    @Test
    void constants() {
        // §2: HIDDEN_SIZE 4096, BLOCK_SIZE 1024, DATATYPE "float16", BYTES_PER_ELEMENT 2
        assertThat(LabConstants.HIDDEN).isEqualTo(4096);
        assertThat(LabConstants.SEQUENCE).isEqualTo(1024);
        assertThat(LabConstants.BYTES_PER_ELEMENT).isEqualTo(2);
        assertThat(LabConstants.DATATYPE).isEqualTo("float16");
        // §2 derived sizes: a layer h² = 16,777,216 elements, a sample's activation h·L = 4,194,304 elements
        assertThat(LabConstants.LAYER_ELEMENTS).isEqualTo(16_777_216L);
        assertThat(LabConstants.SAMPLE_ELEMENTS).isEqualTo(4_194_304L);
    }

    @Test
    void byteSizesOfLabValues() {
        // §6.3 get_comm_bytes: Weight and WeightGrad 2·h² = 33,554,432 B regardless of sharding (§7: S = 33,554,432 B)
        assertThat(LabConstants.weightBytes()).isEqualTo(33_554_432L);
        assertThat(LabConstants.weightGradBytes()).isEqualTo(33_554_432L);
        // Activation / ActivationGrad 2·h·L·samples: one sample 8.39 MB; 4 samples = a weight (§7 p2p table)
        assertThat(LabConstants.activationBytes(1)).isEqualTo(8_388_608L);
        assertThat(LabConstants.activationGradBytes(64)).isEqualTo(536_870_912L);
        assertThat(LabConstants.activationBytes(4)).isEqualTo(LabConstants.weightBytes());
        assertThat(LabConstants.activationBytes(0)).isZero();
        // OptState 2·h²/numShards
        assertThat(LabConstants.optStateBytes(1)).isEqualTo(33_554_432L);
        assertThat(LabConstants.optStateBytes(8)).isEqualTo(4_194_304L);
    }

    @Test
    void optStateBytesDivideTheElementCountFirst() {
        // lib.py: comm_bytes = h·h // num_shards, then × 2. For 6 shards: 2,796,202 × 2 = 5,592,404 B, where
        // ⌊2·h²/6⌋ would be 5,592,405 B
        assertThat(LabConstants.optStateBytes(6)).isEqualTo(5_592_404L);
        assertThat(LabConstants.optStateBytes(3)).isEqualTo(11_184_810L);
    }

    @Test
    void invalidCounts() {
        assertThat(catchThrowableOfType(LsdtException.class, () -> LabConstants.optStateBytes(0)))
                .hasMessage("numShards = 0: expected at least 1");
        assertThat(catchThrowableOfType(LsdtException.class, () -> LabConstants.activationBytes(-1)))
                .hasMessage("samples = -1: expected at least 0");
    }
}
