package io.lsdt.physics.uncertainty;

import java.util.List;
import java.util.Objects;

/**
 * The residuals of one entry of the residuals table: a regime cell ({@code megatron/65-1024/30B+}), a framework
 * family's pool ({@code megatron}) or every run ({@code all}).
 *
 * @param key the entry's key
 * @param rows development runs in it
 * @param p10 10th percentile of their ln(measured rate / predicted rate) ({@link Quantiles}, definition 6)
 * @param p90 90th percentile of the same
 * @param uses the key whose quantiles a prediction in this entry uses: the entry itself when it has at least
 *     {@link Intervals#MIN_ROWS} runs, else its family's pool, else {@code all}
 * @param sources the source titles of its runs, in order of first appearance
 */
public record RegimeResiduals(String key, int rows, double p10, double p90, String uses, List<String> sources) {
    /** Copies the sources. */
    public RegimeResiduals {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uses, "uses");
        sources = List.copyOf(sources);
    }
}
