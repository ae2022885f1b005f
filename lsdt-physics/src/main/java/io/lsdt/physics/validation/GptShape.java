package io.lsdt.physics.validation;

/**
 * The shape of a GPT-style model known only by its parameter count ("GPT-2-style 16B"): the hidden width of the
 * GPT-style configuration of nearest size in Narayanan et al. 2021, Table 1 (the family of GPT shapes Megatron-LM
 * scales: 1.7B at 2,304 wide up to 1T at 25,600), 128-wide heads, a 4·h FFN, and as many layers as the count then
 * holds: L = round((P − fixed) / per layer), the per-layer and fixed (embedding, positions, final norm) parameters
 * taken from the graph's own count, {@code arch.params_total} of a GPT-style shape at one and at two layers (for GPT
 * conventions 12·h² + 13·h per layer and (V + S)·h + 2·h besides). The width matters little to a step's FLOPs (6·P per
 * token either way); it sets the sizes of the collectives and activations, so a prediction from it carries the note
 * that the shape is assumed.
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
     * size in Narayanan et al. 2021, Table 1, and L = round((P − fixed) / per layer) layers, both counts the graph's
     * {@code arch.params_total} of a GPT-style shape at one and two layers.
     *
     * @param params the model's parameters (> 0)
     * @param vocab vocabulary size
     * @param seqLen learned positions (the sequence length)
     * @param registry the graph whose {@code arch} scope counts the parameters
     * @return the assumed shape (at least one layer)
     */
    static Shape of(double params, int vocab, int seqLen, io.lsdt.graph.registry.Registry registry) {
        double[] best = TABLE_1[0];
        for (double[] row : TABLE_1) {
            if (Math.abs(Math.log(row[0] * 1e9 / params)) < Math.abs(Math.log(best[0] * 1e9 / params))) {
                best = row;
            }
        }
        int h = (int) best[1];
        double one = total(gpt(1, h, vocab, seqLen), registry);
        double perLayer = total(gpt(2, h, vocab, seqLen), registry) - one;
        int layers = (int) Math.max(1, Math.round((params - (one - perLayer)) / perLayer));
        return new Shape(layers, h, h / 128, best[0]);
    }

    /** A GPT-style shape: 128-wide heads, a GELU FFN of 4·h, learned positions, LayerNorm, biases, tied embeddings. */
    private static io.lsdt.physics.catalog.Model.Architecture gpt(int layers, int h, int vocab, int seqLen) {
        return new io.lsdt.physics.catalog.Model.Architecture(layers, h, h / 128, h / 128, 128, 4 * h, "gelu", vocab,
                seqLen, "learned", "layernorm", true, true, null, null);
    }

    private static double total(io.lsdt.physics.catalog.Model.Architecture a, io.lsdt.graph.registry.Registry r) {
        return new io.lsdt.graph.resolve.Resolver(r).resolve(a.assignments(), a.variants(),
                java.util.List.of("arch.params_total")).value("arch.params_total");
    }
}
