package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.TestFiles;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Calculon application files → {@link Model.Architecture}, and the strictness of the reader. */
class CalculonApplicationTest {
    private static final String M22B = CalculonFiles.text("models/megatron-22B.json");

    @Test
    void megatron22bByHand() {
        // Korthikanti et al. 2022 Table 3 "22B": 64 heads, hidden 6144, 48 layers; Calculon models/megatron-22B.json
        CalculonApplication app = CalculonApplication.resource("megatron-22B");
        assertThat(app).isEqualTo(new CalculonApplication(6144, 24576, 2048, 64, 96, 48));
        assertThat(app.toArchitecture()).isEqualTo(new Model.Architecture(48, 6144, 64, 64, 96, 24576, "gelu", 51200,
                2048, "learned", "layernorm", true, true, null, null));
    }

    @Test
    void megatron1tByHand() {
        // Narayanan et al. 2021 Table 1 last row / Korthikanti Table 3 "1T": 160 heads, hidden 25600, 128 layers
        CalculonApplication app = CalculonApplication.resource("megatron-1T");
        assertThat(app.hidden()).isEqualTo(25600);
        assertThat(app.feedforward()).isEqualTo(102400);
        assertThat(app.seqSize()).isEqualTo(2048);
        assertThat(app.attnHeads()).isEqualTo(160);
        assertThat(app.attnSize()).isEqualTo(160);
        assertThat(app.numBlocks()).isEqualTo(128);
        assertThat(app.toArchitecture()).isEqualTo(new Model.Architecture(128, 25600, 160, 160, 160, 102400, "gelu",
                51200, 2048, "learned", "layernorm", true, true, null, null));
    }

    @ParameterizedTest
    @CsvSource({
        // Calculon file, catalog id, layers, hidden, heads, ffn
        "megatron-22B, megatron-22b, 48, 6144, 64, 24576",
        "gpt3-175B, gpt3-175b, 96, 12288, 96, 49152",
        "turing-530B, turing-530b, 105, 20480, 128, 81920",
        "megatron-1T, megatron-1t, 128, 25600, 160, 102400"})
    void everyModelMatchesTheCatalogShape(String file, String catalogId, int layers, int hidden, int heads, int ffn) {
        Model.Architecture a = CalculonApplication.resource(file).toArchitecture();
        assertThat(a.layers()).isEqualTo(layers);
        assertThat(a.hidden()).isEqualTo(hidden);
        assertThat(a.heads()).isEqualTo(heads);
        assertThat(a.ffnHidden()).isEqualTo(ffn);
        assertThat(a.headDim() * a.heads()).as("attn_size × attn_heads = hidden").isEqualTo(hidden);
        Model.Architecture catalog = Catalog.builtIn().models().get(catalogId).architecture();
        if (catalogId.equals("gpt3-175b")) {
            // the catalog's GPT-3 keeps the GPT-2 BPE (50257, Brown et al.); Megatron's re-implementation that
            // Korthikanti et al. ran pads it to 51200
            assertThat(catalog.vocab()).isEqualTo(50257);
            assertThat(a).isEqualTo(new Model.Architecture(catalog.layers(), catalog.hidden(), catalog.heads(),
                    catalog.kvHeads(), catalog.headDim(), catalog.ffnHidden(), catalog.ffnType(), 51200,
                    catalog.seqLen(), catalog.positionEmbedding(), catalog.norm(), catalog.linearBias(),
                    catalog.tiedEmbeddings(), null, null));
        } else {
            assertThat(a).isEqualTo(catalog);
        }
    }

    @Test
    void unknownKeyIsRefusedNamingItAndTheKeysExpected() {
        LsdtException e = refuse(
                TestFiles.replaceOnce(M22B, "\"hidden\": 6144,", "\"hidden\": 6144, \"vocab\": 51200,"),
                Problem.UNKNOWN_FIELD);
        assertThat(e.getMessage()).contains("'vocab'", "num_blocks", "bad.json");
    }

    @Test
    void misspelledKeyGetsAHint() {
        LsdtException e = refuse(TestFiles.replaceOnce(M22B, "\"num_blocks\"", "\"num_block\""), Problem.UNKNOWN_FIELD);
        assertThat(e.getMessage()).contains("Maybe you meant 'num_blocks'");
    }

    @Test
    void missingOrNullKeyIsRefused() {
        assertThat(refuse(TestFiles.replaceOnce(M22B, "\"seq_size\": 2048,", ""), Problem.MISSING_FIELD).getMessage())
                .contains("seq_size");
        assertThat(refuse(TestFiles.replaceOnce(M22B, "\"hidden\": 6144", "\"hidden\": null"), Problem.MISSING_FIELD)
                .getMessage()).contains("hidden");
    }

    @Test
    void wrongTypesAreRefused() {
        refuse(TestFiles.replaceOnce(M22B, "\"attn_heads\": 64", "\"attn_heads\": 64.5"), Problem.MALFORMED_FILE);
        refuse(TestFiles.replaceOnce(M22B, "\"attn_heads\": 64", "\"attn_heads\": 64.0"), Problem.MALFORMED_FILE);
        refuse(TestFiles.replaceOnce(M22B, "\"hidden\": 6144", "\"hidden\": \"6144\""), Problem.MALFORMED_FILE);
        refuse("[6144]", Problem.MALFORMED_FILE);
        refuse("not json", Problem.MALFORMED_FILE);
    }

    @Test
    void duplicateKeysAndTrailingTextAreRefused() {
        refuse(TestFiles.replaceOnce(M22B, "\"hidden\": 6144,", "\"hidden\": 6144, \"hidden\": 6144,"),
                Problem.MALFORMED_FILE);
        refuse(M22B + "{}", Problem.MALFORMED_FILE);
    }

    @Test
    void nonPositiveValueIsRefusedNamingTheKey() {
        LsdtException e = refuse(TestFiles.replaceOnce(M22B, "\"num_blocks\": 48", "\"num_blocks\": 0"),
                Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("num_blocks", "bad.json");
    }

    private static LsdtException refuse(String text, Problem problem) {
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> CalculonApplication.parse(CalculonFiles.bytes(text), "bad.json"));
        assertThat(e).as("parsing must fail:%n%s", text).isNotNull();
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        assertThat(e.isUserError()).isTrue();
        return e;
    }
}
