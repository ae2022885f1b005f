package io.lsdt.physics.catalog;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Numeric formats with a published peak rate. */
public enum Precision {
    /** 64-bit float. */ FP64, /** 32-bit float. */ FP32, /** TensorFloat-32. */ TF32, /** bfloat16. */ BF16, /** 16-bit float. */ FP16, /** 8-bit float. */ FP8, /** 4-bit float. */ FP4, /** 8-bit integer. */ INT8;

    /**
     * The precision's key in YAML.
     *
     * @return the lower-case key used in YAML, e.g. {@code "bf16"}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a precision key.
     *
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
