package io.lsdt.physics.catalog;

import java.util.Locale;

/** Numeric formats with a published peak rate. */
public enum Precision {
    FP64, FP32, TF32, BF16, FP16, FP8, FP4, INT8;

    /** @return the lower-case key used in YAML, e.g. {@code "bf16"} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
