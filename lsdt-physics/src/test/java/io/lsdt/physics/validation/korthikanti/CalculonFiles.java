package io.lsdt.physics.validation.korthikanti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shipped Calculon files as text, for mutation tests. */
final class CalculonFiles {
    private CalculonFiles() {}

    /**
     * @param relative path below {@code lsdt/validation/korthikanti/}, e.g. {@code models/megatron-22B.json}
     * @return the file's text
     */
    static String text(String relative) {
        try (InputStream in = CalculonFiles.class.getResourceAsStream("/lsdt/validation/korthikanti/" + relative)) {
            assertThat(in).as("resource %s", relative).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
