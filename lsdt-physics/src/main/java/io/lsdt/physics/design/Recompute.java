package io.lsdt.physics.design;

/** Activation recomputation (Korthikanti et al. 2022 §5). */
public enum Recompute {
    /** Keep every activation. */
    NONE,
    /** Recompute the attention core (softmax, dropout, attention over values); keep the rest. */
    SELECTIVE,
    /** Keep only each layer's input; recompute the layer's forward in the backward pass. */
    FULL;

    /** @return the variant key used by the graph ({@code none}, {@code selective}, {@code full}) */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
