package io.lsdt.physics.catalog;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Numeric formats with a published peak rate. */
public enum Precision {
    FP64, FP32, TF32, BF16, FP16, FP8, FP4, INT8;

    /** @return the lower-case key used in YAML, e.g. {@code "bf16"} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param field the field the text came from, for the message
     * @param text a precision key, any case
     * @return the precision
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the keys and the closest one
     */
    public static Precision parse(String field, String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> keys = Arrays.stream(values()).map(Precision::key).toList();
            throw LsdtException.of(Problem.INVALID_VALUE, field, text, "one of " + keys)
                    .withHint(Suggestions.hint(text, keys));
        }
    }
}
