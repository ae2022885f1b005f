package io.lsdt.physics.validation;

/**
 * The shape of a GPT-style model known only by its parameter count ("GPT-2-style 16B"): the hidden width of the
 * GPT-style configuration of nearest size in Narayanan et al. 2021, Table 1 (the family of GPT shapes Megatron-LM
 * scales: 1.7B at 2,304 wide up to 1T at 25,600), 128-wide heads, a 4·h FFN, and as many layers as the count then
 * holds: L = round((P − (V + S)·h) / (12·h² + 13·h)), a GPT layer's weights and biases (Narayanan et al. 2021 §5.1
 * counts 12·l·h² + V·h). The width matters little to a step's FLOPs (6·P per token either way); it sets the sizes of
 * the collectives and activations, so a prediction from it carries the note that the shape is assumed.
 */
final class GptShape {
    /** Narayanan et al. 2021, Table 1: parameters (billions) and hidden size of each GPT configuration. */
    private static final double[][] TABLE_1 = {
        {1.7, 2304}, {3.6, 3072}, {7.5, 4096}, {18.4, 6144}, {39.1, 8192}, {76.1, 10240}, {145.6, 12288},
        {310.1, 16384}, {529.6, 20480}, {1008.0, 25600},
    };

    /**
     * The assumed shape of a GPT model.
     *
     * @param layers transformer layers
     * @param hidden hidden width
     * @param heads attention heads (head dimension 128)
     * @param basis the Table 1 configuration whose width was taken (parameters, billions)
     */
    record Shape(int layers, int hidden, int heads, double basis) {}

    private GptShape() {}

    /**
     * The shape assumed for a GPT model known only by its parameter count: the width of the configuration of nearest
     * size in Narayanan et al. 2021, Table 1, and L = round((P − (V + S)·h) / (12·h² + 13·h)) layers.
     *
     * @param params the model's parameters (> 0)
     * @param vocab vocabulary size
     * @param seqLen learned positions (the sequence length)
     * @return the assumed shape (at least one layer)
     */
    static Shape of(double params, int vocab, int seqLen) {
        double[] best = TABLE_1[0];
        for (double[] row : TABLE_1) {
            if (Math.abs(Math.log(row[0] * 1e9 / params)) < Math.abs(Math.log(best[0] * 1e9 / params))) {
                best = row;
            }
        }
        int h = (int) best[1];
        double perLayer = 12.0 * h * h + 13.0 * h;
        int layers = (int) Math.max(1, Math.round((params - (double) (vocab + seqLen) * h) / perLayer));
        return new Shape(layers, h, h / 128, best[0]);
    }
}
