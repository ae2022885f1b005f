package io.lsdt.physics.validation.korthikanti;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.catalog.Model;
import java.nio.file.Path;

/**
 * A Calculon <em>application</em> file ({@code models/*.json} of github calculon-ai/calculon, Apache-2.0): the shape
 * of a GPT-style transformer. Read strictly: exactly these six keys, all whole numbers.
 *
 * @param hidden model width h
 * @param feedforward MLP inner width (4h for every model here)
 * @param seqSize sequence length s (tokens)
 * @param attnHeads attention heads a
 * @param attnSize per-head width (h / a for every model here)
 * @param numBlocks transformer layers L
 */
public record CalculonApplication(@JsonProperty("hidden") int hidden, @JsonProperty("feedforward") int feedforward,
        @JsonProperty("seq_size") int seqSize, @JsonProperty("attn_heads") int attnHeads,
        @JsonProperty("attn_size") int attnSize, @JsonProperty("num_blocks") int numBlocks) {

    /**
     * The vocabulary of every model of the suite: 51,200 rows, Megatron's GPT-2 BPE (50,257) padded to a multiple of
     * 128 × TP. Megatron-LM README ("All models use a vocabulary size of 51,200 and a sequence length of 2048",
     * https://github.com/NVIDIA/Megatron-LM, the Korthikanti et al. 2022 and Narayanan et al. 2021 runs); Calculon's
     * own parameter count uses the same 51200 (Narayanan et al. 2021 eq. 2, in calculon/llm/llm.py). Calculon's
     * application file has no vocabulary and Calculon models no embedding or output layer.
     */
    public static final int MEGATRON_VOCAB = 51_200;

    /** Checks the ranges (every field ≥ 1). */
    public CalculonApplication {
        positive("hidden", hidden);
        positive("feedforward", feedforward);
        positive("seq_size", seqSize);
        positive("attn_heads", attnHeads);
        positive("attn_size", attnSize);
        positive("num_blocks", numBlocks);
    }

    /**
     * Reads a Calculon application (model) file.
     *
     * @param file a Calculon application JSON file
     * @return its contents
     * @throws LsdtException naming the file and key when the file is not exactly a Calculon application
     */
    public static CalculonApplication read(Path file) {
        return CalculonJson.read(file, CalculonApplication.class, "Calculon application");
    }

    /**
     * Parses a Calculon application (model) from JSON text.
     *
     * @param bytes UTF-8 JSON text
     * @param source a name for messages
     * @return its contents
     */
    public static CalculonApplication parse(byte[] bytes, String source) {
        return CalculonJson.parse(bytes, source, CalculonApplication.class, "Calculon application");
    }

    /**
     * One of the Calculon models shipped for the Korthikanti et al. 2022 suite.
     *
     * @param name a model of the suite, e.g. {@code megatron-22B}
     * @return the copy shipped in {@code lsdt/validation/korthikanti/models/}
     */
    public static CalculonApplication resource(String name) {
        return CalculonJson.resource("models/" + name + ".json", CalculonApplication.class, "Calculon application");
    }

    /**
     * The LSDT architecture of this shape, with the Megatron GPT defaults Calculon leaves implicit: GeLU MLP with two
     * matrices, LayerNorm, biases on every linear layer, learned position embeddings, input and output embeddings
     * tied, vocabulary {@link #MEGATRON_VOCAB} (Megatron-LM's GPT model; Korthikanti et al. 2022 §3 describe the same
     * GPT-3-like architecture). Key/value heads equal the query heads: Calculon's {@code attention_type} lives in the
     * execution file, and every execution of the suite says {@code multihead}.
     *
     * @return the architecture (dense, no MLA)
     */
    public Model.Architecture toArchitecture() {
        return new Model.Architecture(numBlocks, hidden, attnHeads, attnHeads, attnSize, feedforward, "gelu",
                MEGATRON_VOCAB, seqSize, "learned", "layernorm", true, true, null, null);
    }

    private static void positive(String key, int v) {
        if (v < 1) {
            throw LsdtException.of(Problem.INVALID_VALUE, key, v, "a whole number ≥ 1");
        }
    }
}
