package io.lsdt.sim.lab;

import io.lsdt.sim.state.Sizes;
import io.lsdt.sim.state.Value;

/**
 * The labs' sizes (seed 001; GT {@code lib.py}, {@code shared/reference/lab-simulator.md} §3): every layer is one
 * square h × h matmul and a sample is a sequence of L tokens. Memory is counted in elements, as the labs count it:
 * a weight, optimizer state or weight gradient is h² elements per layer times the share of shards held; an
 * activation or activation gradient h·L elements per sample. Payloads are the lab's bytes (2 per element): a weight
 * or weight gradient 2·h² B however it is sharded, optimizer state 2·h²/numShards B (the lab's {@code OptState}
 * bytes do shrink), an activation 2·h·L B per sample.
 *
 * @param hidden h (elements per row of a layer)
 * @param sequence L (tokens per sample)
 */
public record LabSizes(int hidden, int sequence) implements Sizes {
    /** Checks the sizes. */
    public LabSizes {
        if (hidden < 1 || sequence < 1) {
            throw new IllegalArgumentException("hidden " + hidden + ", sequence " + sequence);
        }
    }

    @Override
    public double memory(Value v) {
        double layerElements = (double) hidden * hidden;
        return switch (v.type()) {
            case WEIGHT, OPT_STATE, WEIGHT_GRAD -> layerElements * v.shards().size() / v.numShards();
            case ACTIVATION, ACTIVATION_GRAD, KV -> (double) v.samples().size() * hidden * sequence;
        };
    }

    @Override
    public long payload(Value v) {
        long h = hidden;
        return switch (v.type()) {
            case WEIGHT, WEIGHT_GRAD -> 2 * h * h;
            case OPT_STATE -> 2 * h * h / v.numShards();
            case ACTIVATION, ACTIVATION_GRAD, KV -> 2 * h * sequence * v.samples().size();
        };
    }

    @Override
    public String memoryUnit() {
        return "elements";
    }
}
