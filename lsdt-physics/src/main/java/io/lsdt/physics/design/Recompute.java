package io.lsdt.physics.design;

/** Activation recomputation (Korthikanti et al. 2022 §5). */
public enum Recompute {
    /** Keep every activation. */
    NONE,
    /** Recompute the attention core (softmax, dropout, attention over values); keep the rest. */
    SELECTIVE,
    /** Keep only each layer's input; recompute the layer's forward in the backward pass. */
    FULL;

    /**
     * Reads a recomputation mode as briefs and the command line write it.
     *
     * @param text {@code none}, {@code selective} or {@code full} (any case)
     * @return the choice
     * @throws io.lsdt.graph.error.LsdtException {@link io.lsdt.graph.error.Problem#INVALID_VALUE} for anything else
     */
    public static Recompute parse(String text) {
        for (Recompute r : values()) {
            if (r.key().equals(text == null ? null : text.strip().toLowerCase(java.util.Locale.ROOT))) {
                return r;
            }
        }
        throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INVALID_VALUE, "recompute", text,
                "none, selective or full");
    }

    /**
     * The mode's key in briefs and the graph.
     *
     * @return the variant key used by the graph ({@code none}, {@code selective}, {@code full})
     */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
