package io.lsdt.physics.limits;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.util.Locale;

/**
 * The largest sizes LSDT plans, searches and simulates. Each is far beyond any training run built or announced, and
 * each keeps the work it drives — candidates sized, configurations enumerated, operations simulated — bounded in
 * memory and time, so a brief or an option beyond it is refused up front with the number and the limit instead of
 * running out of memory.
 */
public final class SizeLimits {
    /**
     * The most devices in one design: 16,777,216 (2^24). The largest training clusters built are about 10^5
     * accelerators (Llama 3: 16,384 H100s; xAI's Colossus: 100,000–200,000 GPUs, 2024), two orders of magnitude
     * below; the simulator numbers ranks in 24 bits ({@code LabSetup.MAX_RANKS}); and deadline-first sizing probes
     * four candidates per octave up to it (at most about a hundred searches), so a plan stays bounded in time.
     */
    public static final long MAX_DEVICES = 1L << 24;

    /**
     * The most sequences in one optimizer step: 1,048,576 (2^20). The largest published pre-training batches are
     * about 10^4 sequences (DeepSeek-V3: 15,360 of 4,096 tokens; Llama 3: 2,048 of 8,192), two orders of magnitude
     * below. The search tries every micro-batch dividing the local batch and the simulator builds operations per
     * micro-batch, so both grow with it; the step's sequences are counted in a 32-bit int.
     */
    public static final long MAX_GLOBAL_BATCH = 1L << 20;

    private SizeLimits() {}

    /**
     * Checks a device count against LSDT's bound.
     *
     * @param field the field or option, e.g. {@code "devices"} or {@code "--gpus"}
     * @param devices a device count
     * @return the count
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the field, the count and {@link #MAX_DEVICES}
     */
    public static long devices(String field, long devices) {
        if (devices > MAX_DEVICES) {
            throw LsdtException.of(Problem.INVALID_VALUE, field, String.format(Locale.ROOT, "%,d", devices),
                    "at most " + String.format(Locale.ROOT, "%,d", MAX_DEVICES) + " devices, the most LSDT plans "
                            + "(the largest clusters built hold about 10^5)");
        }
        return devices;
    }

    /**
     * Checks a global batch against LSDT's bound.
     *
     * @param field the field or option, e.g. {@code "step.global_batch_sequences"} or {@code "--global-batch"}
     * @param sequences sequences per step
     * @return the count
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the field, the count and {@link #MAX_GLOBAL_BATCH}
     */
    public static long globalBatch(String field, double sequences) {
        if (sequences > MAX_GLOBAL_BATCH) {
            throw LsdtException.of(Problem.INVALID_VALUE, field, String.format(Locale.ROOT,
                    sequences == Math.rint(sequences) && sequences < 9e18 ? "%,.0f sequences" : "%.4g sequences",
                    sequences), "at most " + String.format(Locale.ROOT, "%,d", MAX_GLOBAL_BATCH) + " sequences per "
                            + "step, the most LSDT plans (the largest published batches are about 10^4)");
        }
        return (long) sequences;
    }
}
