package io.lsdt.physics.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * GPT-style shapes from a parameter count, by hand from Narayanan et al. 2021 Table 1 and a GPT layer's 12·h² + 13·h
 * parameters (the graph's count, which GptShape reads).
 */
class GptShapeTest {
    private static final io.lsdt.graph.registry.Registry R = io.lsdt.physics.Physics.registry();

    @Test
    void widthOfTheNearestTable1ConfigurationAndTheLayersTheCountHolds() {
        // 20 B: nearest 18.4 B (6,144 wide); (20e9 - 51,281 * 6,144) / 453,064,704 = 43.45 -> 43
        // (GPT-NeoX-20B, a real 20 B GPT-style model, is 44 x 6,144)
        assertThat(GptShape.of(20e9, 50257, 1024, R)).isEqualTo(new GptShape.Shape(43, 6144, 48, 18.4));
        // 128 B: nearest 145.6 B (12,288 wide; ln(145.6/128) = 0.129 < ln(128/76.1) = 0.520);
        // (128e9 - 51,281 * 12,288) / (12 * 12,288^2 + 13 * 12,288) = 127,369,859,072 / 1,812,099,072 = 70.29 -> 70
        assertThat(GptShape.of(128e9, 50257, 1024, R)).isEqualTo(new GptShape.Shape(70, 12288, 96, 145.6));
        // 175 B: GPT-3's own shape is 96 x 12,288; the rule gives (175e9 - 51,305 * 12,288) / 1,812,099,072
        // = 96.22 -> 96 at seq 2048
        assertThat(GptShape.of(175e9, 50257, 2048, R).layers()).isEqualTo(96);
        // below the table: at least one layer of the smallest width
        assertThat(GptShape.of(1e6, 50257, 1024, R)).isEqualTo(new GptShape.Shape(1, 2304, 18, 1.7));
    }
}
