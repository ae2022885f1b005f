package io.lsdt.physics.validation.korthikanti;

import java.util.List;

/**
 * The published numbers of the suite, exactly as printed: Korthikanti et al., "Reducing Activation Recomputation in
 * Large Transformer Models" (MLSys'23, arXiv:2205.05198) Table 5, Figure 1 and Figure 7 — as Calculon's
 * {@code llm-validation} command hard-codes them (calculon/llm/validation.py, github calculon-ai/calculon,
 * Apache-2.0) — and Calculon's own errors on them (Isaev et al., "Calculon: a Methodology and Tool for High-Level
 * Co-Design of Systems and Large Language Models", SC'23; {@code calculon llm-validation} output at commit caa4b11, as
 * recorded in {@code shared/reference/peers.md} §2.1 and {@code shared/data/calculon/README.md}).
 *
 * <p>What the numbers are. Table 5 is <em>measured</em>: end-to-end iteration time on Selene (A100 80 GB, DGX A100
 * nodes). Figure 1 is <em>computed</em> by the paper's own equations, not profiled: every value equals, to the last
 * digit, par_opt = 18 B × 12·(L/p)·h²/t (18 B per parameter fits Megatron's mixed-precision Adam: 2 B fp16 weight,
 * 4 B fp32 gradient, 12 B fp32 master weight and moments; the layer weights of one stage, no embeddings or biases) and
 * act = s·b·h·L·(10 + 24/t + 5as/(ht)) (no recomputation) or
 * s·b·h·L·34/t (sequence parallel + selective), times 1 + (p−1)/(p·v) for the interleaved schedule — e.g. 22B:
 * 18·12·48·6144²/8 B = 45.5625 GiB and 2048·4·6144·48·(10 + 3 + 13⅓) B = 59.25 GiB. Figure 7's percentages are within
 * 0.15 points of the per-layer ratios of the same equations (22B seq: 66.77 % vs the printed 66.84 %); the paper's
 * Figure 7 evidently includes a small extra term. The 530B and 1T rows of Figure 7 are identical because
 * 5as/(ht) = 8 for both.
 */
public final class KorthikantiPublished {
    private KorthikantiPublished() {}

    /** The paper. */
    public static final String SOURCE = "Korthikanti et al. 2022, \"Reducing Activation Recomputation in Large "
            + "Transformer Models\", arXiv:2205.05198 (MLSys'23), Table 5, Figure 1, Figure 7";

    /** Where Calculon's errors come from. */
    public static final String CALCULON_SOURCE = "Isaev et al., \"Calculon\", SC'23; calculon llm-validation at "
            + "commit caa4b11 (github calculon-ai/calculon)";

    /** The reference tool, as named in the report. */
    public static final String CALCULON = "Calculon (SC'23)";

    /** The four models, in the paper's order (Calculon's file names). */
    public static final List<String> MODELS = List.of("megatron-22B", "gpt3-175B", "turing-530B", "megatron-1T");

    /**
     * One iteration time of Table 5.
     *
     * @param model Calculon model name
     * @param mode {@code full} (full recompute) or {@code seqsel} (sequence parallel + selective recompute)
     * @param seconds measured end-to-end iteration time (s)
     */
    public record IterationTime(String model, String mode, double seconds) {}

    /**
     * One model's bars of Figure 1.
     *
     * @param model Calculon model name
     * @param mode {@code none} (no recompute, no sequence parallelism) or {@code seqsel}
     * @param parOptGiB parameters + gradients + optimizer state per GPU (GiB)
     * @param actGiB activations per GPU (GiB)
     */
    public record Memory(String model, String mode, double parOptGiB, double actGiB) {}

    /**
     * One bar of Figure 7.
     *
     * @param model Calculon model name
     * @param mode {@code none}, {@code seq} (sequence parallel), {@code sel} (selective recompute), {@code seqsel}
     *     or {@code full} (full recompute)
     * @param percent activation memory as a percentage of {@code none} (%)
     */
    public record ActivationFraction(String model, String mode, double percent) {}

    /**
     * A reference tool's published error on one quantity.
     *
     * @param quantity the suite's quantity name
     * @param meanAbsPctError average |error| (%)
     * @param maxAbsPctError maximum |error| (%)
     * @param cells how many values the average is taken over
     */
    public record ReferenceError(String quantity, double meanAbsPctError, double maxAbsPctError, int cells) {}

    /** Table 5: end-to-end iteration time (s), A100 80 GB on Selene (Calculon system {@code a100_80g}). */
    public static final List<IterationTime> TABLE5 = List.of(
            new IterationTime("megatron-22B", "full", 1.42),
            new IterationTime("megatron-22B", "seqsel", 1.10),
            new IterationTime("gpt3-175B", "full", 18.13),
            new IterationTime("gpt3-175B", "seqsel", 13.75),
            new IterationTime("turing-530B", "full", 49.05),
            new IterationTime("turing-530B", "seqsel", 37.83),
            new IterationTime("megatron-1T", "full", 94.42),
            new IterationTime("megatron-1T", "seqsel", 71.49));

    /** Figure 1: memory per GPU (GiB) (Calculon system {@code a100_80e}). */
    public static final List<Memory> FIGURE1 = List.of(
            new Memory("megatron-22B", "none", 45.5625, 59.25),
            new Memory("megatron-22B", "seqsel", 45.5625, 9.5625),
            new Memory("gpt3-175B", "none", 45.5625, 66.84375),
            new Memory("gpt3-175B", "seqsel", 45.5625, 12.3515625),
            new Memory("turing-530B", "none", 31.640625, 114.0234375),
            new Memory("turing-530B", "seqsel", 31.640625, 23.076171875),
            new Memory("megatron-1T", "none", 32.958984375, 131.25),
            new Memory("megatron-1T", "seqsel", 32.958984375, 26.5625));

    /** Figure 7: activation memory relative to no recomputation (%), including the 100 % baselines. */
    public static final List<ActivationFraction> FIGURE7 = List.of(
            new ActivationFraction("megatron-22B", "none", 100.00),
            new ActivationFraction("megatron-22B", "seq", 66.84),
            new ActivationFraction("megatron-22B", "sel", 49.42),
            new ActivationFraction("megatron-22B", "seqsel", 16.18),
            new ActivationFraction("megatron-22B", "full", 7.64),
            new ActivationFraction("gpt3-175B", "none", 100.00),
            new ActivationFraction("gpt3-175B", "seq", 62.04),
            new ActivationFraction("gpt3-175B", "sel", 56.53),
            new ActivationFraction("gpt3-175B", "seqsel", 18.49),
            new ActivationFraction("gpt3-175B", "full", 8.71),
            new ActivationFraction("turing-530B", "none", 100.00),
            new ActivationFraction("turing-530B", "seq", 58.31),
            new ActivationFraction("turing-530B", "sel", 62.04),
            new ActivationFraction("turing-530B", "seqsel", 20.27),
            new ActivationFraction("turing-530B", "full", 9.42),
            new ActivationFraction("megatron-1T", "none", 100.00),
            new ActivationFraction("megatron-1T", "seq", 58.31),
            new ActivationFraction("megatron-1T", "sel", 62.04),
            new ActivationFraction("megatron-1T", "seqsel", 20.27),
            new ActivationFraction("megatron-1T", "full", 9.42));

    /** Calculon's error on Table 5: average 3.65 %, maximum 8.87 % (megatron-1T full: 90.08 s predicted), 8 values. */
    public static final ReferenceError CALCULON_ITERATION_TIME =
            new ReferenceError(KorthikantiSuite.ITERATION_TIME, 3.65, 8.87, 8);

    /** Calculon's error on Figure 1 parameters + optimizer: average 8.49 %, maximum 10.84 %, 8 values. */
    public static final ReferenceError CALCULON_PAR_OPT =
            new ReferenceError(KorthikantiSuite.PAR_OPT_MEMORY, 8.49, 10.84, 8);

    /** Calculon's error on Figure 1 activations: average 2.08 %, maximum 8.74 %, 8 values. */
    public static final ReferenceError CALCULON_ACTIVATIONS =
            new ReferenceError(KorthikantiSuite.ACTIVATION_MEMORY, 2.08, 8.74, 8);

    /**
     * Calculon's error on Figure 7: average 6.69 %, maximum 30.41 % (22B full recompute). Calculon averages over all
     * 20 cells, the four 100 % baselines (exact by construction) included; over the 16 non-baseline cells the suite
     * reports, the same errors average 6.69 × 20/16 = 8.36 %.
     */
    public static final ReferenceError CALCULON_ACTIVATION_FRACTION =
            new ReferenceError(KorthikantiSuite.ACTIVATION_FRACTION, 6.69, 30.41, 20);

    /** Calculon's errors, in the order of the report's summaries. */
    public static final List<ReferenceError> CALCULON_ERRORS = List.of(CALCULON_ITERATION_TIME, CALCULON_PAR_OPT,
            CALCULON_ACTIVATIONS, CALCULON_ACTIVATION_FRACTION);
}
