package io.lsdt.sim.strategy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import java.util.List;
import java.util.Locale;

/** The built-in strategies by name, with a one-line description and an example each (for front ends). */
public final class Strategies {
    /**
     * A built-in strategy.
     *
     * @param name its name, e.g. {@code 1f1b}
     * @param summary what it does, in one line
     * @param example a sizing that it accepts (the options after {@code --strategy NAME})
     */
    public record Entry(String name, String summary, String example) {}

    /**
     * The parallel degrees some strategies need besides the step's sizes.
     *
     * @param pp pipeline stages ({@code pp-fsdp}, {@code pp-fsdp-global}, {@code 3d}), or 0 when not given
     * @param tp tensor-parallel degree ({@code 3d}), or 0 for 1
     * @param virtualStages blocks per rank ({@code interleaved-1f1b}), or 0 for 2
     */
    public record Degrees(int pp, int tp, int virtualStages) {
        /** None given. */
        public static final Degrees NONE = new Degrees(0, 0, 0);
    }

    private static final List<Entry> ALL = List.of(
            new Entry("single", "one GPU: the whole batch forward, loss, backward, update (puzzle 0)",
                    "--ranks 1 --layers 2 --global-batch 4 --micro-batch 4"),
            new Entry("grad-accum", "one GPU, one micro-batch at a time, gradients summed, one update (puzzle 1)",
                    "--ranks 1 --layers 2 --global-batch 4 --micro-batch 1"),
            new Entry("ddp", "data parallel: whole model per rank, each rank its samples, all-reduce of each layer's "
                    + "gradient, then its update (puzzle 2)", "--ranks 4 --layers 2 --global-batch 4 --micro-batch 1"),
            new Entry("wsdp", "weight-sharded data parallel: weights sharded, all-gathered per layer before use, "
                    + "gradients all-reduced, each rank updates its shard (puzzle 3)",
                    "--ranks 4 --layers 6 --global-batch 4 --micro-batch 1"),
            new Entry("zero1", "ZeRO stage 1: optimizer state sharded; full working weights; summed gradients "
                    + "reduce-scattered at the end; sharded update", "--ranks 4 --layers 6 --global-batch 8 "
                    + "--micro-batch 1"),
            new Entry("zero2", "ZeRO stage 2: as zero1, but each gradient reduce-scattered right after its backward",
                    "--ranks 4 --layers 6 --global-batch 8 --micro-batch 1"),
            new Entry("fsdp", "ZeRO stage 3 / FSDP (also: zero3): weights all-gathered before each use, gradients "
                    + "reduce-scattered, sharded update (puzzle 4)",
                    "--ranks 4 --layers 6 --global-batch 4 --micro-batch 1"),
            new Entry("pipeline", "naive pipeline: one contiguous block of layers per rank, the whole batch passed "
                    + "point-to-point (puzzle 5)", "--ranks 4 --layers 8 --global-batch 4 --micro-batch 4"),
            new Entry("gpipe", "GPipe: micro-batches, all forwards then all backwards, gradients summed at the end "
                    + "(puzzle 6)", "--ranks 4 --layers 8 --global-batch 4 --micro-batch 1"),
            new Entry("1f1b", "1F1B (PipeDream-Flush): warm-up forwards, then one backward, one forward; keeps forward "
                    + "activations to the end as the GT lab's sample does",
                    "--ranks 4 --layers 4 --global-batch 512 --micro-batch 64"),
            new Entry("interleaved-1f1b", "interleaved 1F1B: --virtual-stages V blocks per rank (default 2), "
                    + "Megatron-LM's order; values freed early", "--ranks 4 --layers 8 --global-batch 8 "
                    + "--micro-batch 1 --virtual-stages 2"),
            new Entry("pp-fsdp", "pipeline (--pp stages) × FSDP across replicas, collectives within each stage's "
                    + "group", "--ranks 16 --layers 4 --global-batch 4 --micro-batch 1 --pp 4"),
            new Entry("pp-fsdp-global", "pipeline × FSDP as puzzle 7 writes it: every layer sharded over all ranks, "
                    + "global collectives", "--ranks 16 --layers 4 --global-batch 4 --micro-batch 1 --pp 4"),
            new Entry("3d", "TP × PP × DP: --tp T ranks shard each layer (see --help), --pp P stages running 1F1B, "
                    + "the rest data parallel", "--ranks 8 --layers 4 --global-batch 16 --micro-batch 2 --tp 2 --pp 2"));

    private Strategies() {}

    /**
     * The built-in strategies, with a summary and an example command line each.
     *
     * @return every built-in strategy, in teaching order
     */
    public static List<Entry> all() {
        return ALL;
    }

    /**
     * The names of the built-in strategies.
     *
     * @return the names {@link #create} accepts (without aliases)
     */
    public static List<String> names() {
        return ALL.stream().map(Entry::name).toList();
    }

    /**
     * Makes a built-in strategy by name.
     *
     * @param name a built-in strategy's name (case-insensitive; {@code zero3} is {@code fsdp})
     * @param degrees the parallel degrees given
     * @return the strategy
     * @throws LsdtException for an unknown name, a degree the strategy needs but lacks, or one it does not use
     */
    public static Strategy create(String name, Degrees degrees) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        requireUnused(n, "--pp", degrees.pp(), List.of("pp-fsdp", "pp-fsdp-global", "3d"));
        requireUnused(n, "--tp", degrees.tp(), List.of("3d"));
        requireUnused(n, "--virtual-stages", degrees.virtualStages(), List.of("interleaved-1f1b"));
        return switch (n) {
            case "single" -> new SingleGpu();
            case "grad-accum" -> new GradientAccumulation();
            case "ddp" -> new Ddp();
            case "wsdp" -> new WeightShardedDp();
            case "zero1" -> new Zero(1);
            case "zero2" -> new Zero(2);
            case "fsdp", "zero3" -> new Zero(3);
            case "pipeline" -> new NaivePipeline();
            case "gpipe" -> new GPipe();
            case "1f1b" -> new OneFOneB(true);
            case "interleaved-1f1b" -> new InterleavedOneFOneB(degrees.virtualStages() == 0 ? 2
                    : degrees.virtualStages());
            case "pp-fsdp", "pp-fsdp-global" -> new PipelineFsdp(requirePp(n, degrees), n.endsWith("global"));
            case "3d" -> new ThreeD(degrees.tp() == 0 ? 1 : degrees.tp(), requirePp(n, degrees));
            default -> {
                String hint = Suggestions.hint(n, names());
                throw LsdtException.of(Problem.UNKNOWN_ID, "strategy", name).withHint(hint.isEmpty()
                        ? "use one of " + String.join(", ", names()) : hint);
            }
        };
    }

    private static int requirePp(String name, Degrees d) {
        if (d.pp() == 0) {
            throw LsdtException.of(Problem.MISSING_FIELD, "--pp", "the number of pipeline stages for " + name)
                    .withHint("add --pp 4 (the ranks must be a multiple of it" + (name.equals("3d") ? ", with --tp" : "")
                            + ")");
        }
        return d.pp();
    }

    private static void requireUnused(String name, String option, int value, List<String> users) {
        if (value != 0 && !users.contains(name) && ALL.stream().anyMatch(e -> e.name().equals(name))) {
            throw LsdtException.of(Problem.INVALID_VALUE, option, value, "not given: " + name + " does not use it")
                    .withHint("drop " + option + "; it applies to " + String.join(", ", users));
        }
    }
}
