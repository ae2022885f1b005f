package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lsdt.sim.engine.SimulationBudget;
import io.lsdt.sim.strategy.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The GT lab's 1F1B sample (shared/data/lab/README.md): 4 ranks, 4 layers, 512 samples in micro-batches of 64. */
    private static final String[] SAMPLE = {"simulate", "--strategy", "1f1b", "--ranks", "4", "--layers", "4",
        "--global-batch", "512", "--micro-batch", "64"};

    @TempDir
    Path dir;

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void theLabSampleWithTheLabPredictor() throws IOException {
        CliRun r = CliRun.of(with(SAMPLE, "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        // execution time by the lab's definition 109123.5846 µs (1e-6 relative); memory 5,016,387,584 elements
        assertThat(j.get("execution_time_s").asDouble() * 1e6).isCloseTo(109123.5846, within(109123.5846 * 1e-6));
        assertThat(j.get("end_time_s").asDouble() * 1e6).isCloseTo(109159.99349060343, within(1e-3));
        JsonNode mem = j.get("max_memory");
        assertThat(mem.get("value").asLong()).isEqualTo(5_016_387_584L);
        assertThat(mem.get("unit").asText()).isEqualTo("elements");
        // first reached by GPU 2 (rank 1) at its last send, 104963.3672 µs
        assertThat(mem.get("rank").asInt()).isEqualTo(1);
        assertThat(mem.get("time_s").asDouble() * 1e6).isCloseTo(104963.3672, within(1e-4));
        assertThat(j.get("events").asLong()).isEqualTo(176);
        // the lab's MFU: 4·4096²·512·1024·4 / (1e15 · 4) = 0.035184372088832 s over the execution time
        assertThat(j.get("mfu").asDouble()).isCloseTo(0.035184372088832 / 0.10912358460171454, within(1e-9));
        assertThat(j.get("checked").asBoolean()).isTrue();
    }

    @Test
    void theJsonHasExactlyTheContractsKeys() throws IOException {
        JsonNode j = JSON.readTree(CliRun.of(with(SAMPLE, "--json")).out());
        assertThat(names(j)).containsExactly("execution_time_s", "end_time_s", "max_memory", "events", "mfu",
                "checked");
        assertThat(names(j.get("max_memory"))).containsExactly("value", "unit", "rank", "time_s");
    }

    @Test
    void theSummaryNamesEveryFigure() {
        CliRun r = CliRun.of(SAMPLE);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Simulated step: 1f1b on 4 ranks, 4 layers, global batch 512 in micro-batches "
                + "of 64", "execution time", "109,123.5846 µs", "the lab's: latest start of a rank's last event",
                "109,159.9935 µs", "5,016,387,584 elements", "rank 1 at 104,963.3672 µs (send)", "176", "32.24 %",
                "checked", "yes");
    }

    @Test
    void theStepsPredictorRunsThePuzzlesSemantics() throws IOException {
        // puzzle 6 (GPipe) through the command line: 33.3 steps, 4,194,304 elements, no MFU
        CliRun r = CliRun.of("simulate", "--strategy", "gpipe", "--ranks", "4", "--layers", "8", "--global-batch",
                "4", "--micro-batch", "1", "--predictor", "steps", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("execution_time_s").asDouble()).isCloseTo(33.3, within(1e-9));
        assertThat(j.get("max_memory").get("value").asLong()).isEqualTo(4_194_304L);
        assertThat(j.get("mfu").isNull()).isTrue();
        CliRun human = CliRun.of("simulate", "--strategy", "gpipe", "--ranks", "4", "--layers", "8",
                "--global-batch", "4", "--micro-batch", "1", "--predictor", "steps");
        assertThat(human.out()).contains("33.3 steps", "4,194,304 elements", "n/a");
    }

    @Test
    void degreesReachTheirStrategies() throws IOException {
        CliRun r = CliRun.of("simulate", "--strategy", "3d", "--tp", "2", "--pp", "2", "--ranks", "4", "--layers", "2",
                "--global-batch", "4", "--micro-batch", "1", "--predictor", "steps", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // hand-checked with the GT rule in StrategiesTest (8.9); srush's rule adds 0.2 per hop on the critical path
        assertThat(JSON.readTree(r.out()).get("checked").asBoolean()).isTrue();
        CliRun v = CliRun.of("simulate", "--strategy", "interleaved-1f1b", "--virtual-stages", "3", "--ranks", "3",
                "--layers", "9", "--global-batch", "6", "--micro-batch", "1", "--json");
        assertThat(v.code()).as(v.err()).isZero();
    }

    @Test
    void writesTheTraceAndTimelines() throws IOException {
        Path trace = dir.resolve("step.json");
        Path svg = dir.resolve("step.svg");
        Path png = dir.resolve("step.png");
        CliRun r = CliRun.of(with(SAMPLE, "--trace", trace.toString(), "--svg", svg.toString(), "--png",
                png.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(trace.toFile()).get("traceEvents").size()).isGreaterThan(176);
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg");
        byte[] head = Arrays8.head(png);
        assertThat(head).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void anUnwritableOutputWritesNothing() throws IOException {
        Path trace = dir.resolve("step.json");
        Path svg = dir.resolve("missing").resolve("step.svg");
        CliRun r = CliRun.of(with(SAMPLE, "--trace", trace.toString(), "--svg", svg.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lsdt: error: --svg = " + svg + ": expected a file LSDT can write (the directory "
                + svg.getParent() + " does not exist); nothing was written\nMaybe create the directory first; LSDT does "
                + "not create directories\n");
        assertThat(r.out()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        CliRun folder = CliRun.of(with(SAMPLE, "--png", dir.toString()));
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("it is a folder");
    }

    @Test
    void badInputIsAnsweredWithTheFieldAndAHint() {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"--strategy", "gpip", "--ranks", "4", "--layers", "8", "--global-batch", "4",
            "--micro-batch", "1"});
        cases.add(new String[] {"--strategy", "pipeline", "--ranks", "3", "--layers", "8", "--global-batch", "4",
            "--micro-batch", "4"});
        cases.add(new String[] {"--strategy", "ddp", "--ranks", "4", "--layers", "2", "--global-batch", "6",
            "--micro-batch", "4"});
        cases.add(new String[] {"--strategy", "ddp", "--ranks", "3", "--layers", "2", "--global-batch", "4",
            "--micro-batch", "1"});
        cases.add(new String[] {"--strategy", "3d", "--tp", "2", "--ranks", "8", "--layers", "4", "--global-batch",
            "16", "--micro-batch", "1"});
        cases.add(new String[] {"--strategy", "ddp", "--ranks", "4", "--layers", "2", "--global-batch", "4",
            "--micro-batch", "1", "--predictor", "calculon"});
        cases.add(new String[] {"--strategy", "ddp", "--ranks", "4", "--layers", "2", "--global-batch", "4",
            "--micro-batch", "1", "--predictor", "steps", "--system", "x.json"});
        cases.add(new String[] {"--strategy", "ddp", "--ranks", "4", "--layers", "2", "--global-batch", "4",
            "--micro-batch", "1", "--vp", "2"});
        String[] fields = {"strategy 'gpip'", "--layers = 8", "--global-batch / --micro-batch = 6 / 4",
            "--global-batch = 4", "--pp is missing", "--predictor = calculon", "--system = x.json", "'--vp'"};
        String[] hints = {"Maybe you meant 'gpipe'?", "Maybe use 9 layers or 6", "Maybe choose a micro-batch",
            "Maybe use --global-batch 6", "Maybe add --pp 4", "Maybe use --predictor lab", "Maybe drop --system",
            "Run 'lsdt simulate --help'"};
        for (int i = 0; i < cases.size(); i++) {
            CliRun r = CliRun.of(with(new String[] {"simulate"}, cases.get(i)));
            assertThat(r.code()).as(String.join(" ", cases.get(i))).isEqualTo(2);
            assertThat(r.err()).as(r.err()).startsWith("lsdt: error: ").contains(fields[i], hints[i])
                    .doesNotContain("\tat ", "Exception");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aMissingSystemFileIsBadInput() {
        CliRun r = CliRun.of(with(SAMPLE, "--system", dir.resolve("none.json").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("lsdt: error: cannot read ").doesNotContain("\tat ");
    }

    @Test
    void theHelpTeachesEveryStrategy() {
        CliRun r = CliRun.of("simulate", "--help");
        assertThat(r.code()).isZero();
        for (String name : Strategies.names()) {
            assertThat(r.out()).contains("  " + name + " ");
        }
        // picocli wraps the text at the terminal's width: compare with the line breaks folded to spaces
        assertThat(r.out().replaceAll("\\s+", " ")).contains("ELEMENTS", "latest START", "srush's pass rule", "parallelism cannot split a matmul", "Examples:",
                "lsdt simulate --strategy 1f1b --ranks 4 --layers 4 --global-batch 512 --micro-batch 64",
                "e.g. --ranks 8 --layers 4 --global-batch 16 --micro-batch 2 --tp 2 --pp 2");
        assertThat(CliRun.of("--help").out()).contains("simulate", "puzzles");
    }

    /** Runs {@code r} as if the JVM's heap were {@code bytes} ({@link SimulationBudget#HEAP_PROPERTY}). */
    static <T> T withHeap(long bytes, java.util.function.Supplier<T> r) {
        String old = System.getProperty(SimulationBudget.HEAP_PROPERTY);
        System.setProperty(SimulationBudget.HEAP_PROPERTY, Long.toString(bytes));
        try {
            return r.get();
        } finally {
            if (old == null) {
                System.clearProperty(SimulationBudget.HEAP_PROPERTY);
            } else {
                System.setProperty(SimulationBudget.HEAP_PROPERTY, old);
            }
        }
    }

    @Test
    void stepsTooLargeForMemoryAreRefusedBeforeBuilding() {
        // each of these ran out of memory (4-6 GB, 10-30 s) before the simulator estimated its size; with a 4 GiB
        // heap the simulator holds (4 GiB − 128 MiB) / 56 B = 74,299,099 operations: no trace or picture asked for,
        // the engine keeps no rank's events (56 B an operation, not 80)
        String[][] cases = {
            {"--strategy", "fsdp", "--ranks", "8", "--layers", "1000000", "--global-batch", "32", "--micro-batch", "4"},
            {"--strategy", "interleaved-1f1b", "--virtual-stages", "2147483647", "--ranks", "4", "--layers", "8",
                "--global-batch", "8", "--micro-batch", "1"},
            {"--strategy", "fsdp", "--ranks", "8", "--global-batch", "1000000", "--micro-batch", "1", "--predictor",
                "physical", "--model", "llama3.1-8b", "--device", "h100-sxm"}};
        String[] errors = {
            "lsdt: error: simulation size = 256,000,128 operations (estimated for fsdp: 8 ranks, 1,000,000 layers, 8 "
                + "micro-batches): expected at most 74,299,099 operations, what this JVM's heap of 4 GiB holds at "
                + "about 56 B an operation; this step needs about 13.48 GiB\nMaybe simulate fewer layers, fewer "
                + "micro-batches (a smaller global batch or a larger micro-batch) or fewer ranks, or give the JVM "
                + "more heap: JAVA_TOOL_OPTIONS=-Xmx14g ./lsdt simulate …\n",
            "lsdt: error: --virtual-stages = 2147483647: expected at most the layers per rank, 8 / 4 = 2 (each "
                + "virtual stage holds a layer)\nMaybe use --virtual-stages 2 or fewer\n",
            "lsdt: error: simulation size = 528,004,096 operations (estimated for fsdp: 8 ranks, 32 layers, 1,000,000 "
                + "micro-batches): expected at most 74,299,099 operations, what this JVM's heap of 4 GiB holds at "
                + "about 56 B an operation; this step needs about 27.66 GiB\nMaybe simulate fewer layers, fewer "
                + "micro-batches (a smaller global batch or a larger micro-batch) or fewer ranks, or give the JVM "
                + "more heap: JAVA_TOOL_OPTIONS=-Xmx28g ./lsdt simulate …\n"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = with(new String[] {"simulate"}, cases[i]);
            CliRun r = withHeap(4L << 30, () -> CliRun.of(args));
            assertThat(r.code()).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(r.err()).isEqualTo(errors[i]);
            assertThat(r.out()).isEmpty();
        }
        // a plan's whole 16,384-rank job is 124.6 million operations: folded by default, refused unfolded in a
        // 4 GiB heap (124,641,280 × 56 B + 128 MiB = 6.626 GiB)
        CliRun whole = withHeap(4L << 30, () -> CliRun.of("simulate", "--plan",
                CliRun.repo("examples/llama3.1-405b.yaml"), "--no-fold-dp"));
        assertThat(whole.code()).isEqualTo(2);
        assertThat(whole.err()).isEqualTo("lsdt: error: simulation size = 124,641,280 operations (estimated for "
                + "megatron: 16,384 ranks, 126 layers, 16,384 micro-batches): expected at most 74,299,099 operations, "
                + "what this JVM's heap of 4 GiB holds at about 56 B an operation; this step needs about 6.626 GiB"
                + "\nMaybe drop --no-fold-dp: one data-parallel replica then stands for all, exactly; or give the JVM "
                + "more heap: JAVA_TOOL_OPTIONS=-Xmx7g ./lsdt simulate …\n");
        // with every rank traced its events are kept too: 80 B an operation, 9.411 GiB
        CliRun traced = withHeap(4L << 30, () -> CliRun.of("simulate", "--plan",
                CliRun.repo("examples/llama3.1-405b.yaml"), "--no-fold-dp", "--trace", "/dev/null", "--trace-ranks",
                "all"));
        assertThat(traced.code()).isEqualTo(2);
        assertThat(traced.err()).contains("expected at most 52,009,369 operations, what this JVM's heap of 4 GiB "
                + "holds at about 80 B an operation; this step needs about 9.411 GiB");
    }

    @Test
    void aHeapTooSmallForTheFoldedStepStopsItEarly() {
        // the folded 405B step is 3,895,040 operations; a 256 MiB heap holds (256 − 128) MiB / 56 B = 2,396,745
        // (no events kept): refused before building, exit 2, no stack trace
        CliRun r = withHeap(256L << 20, () -> CliRun.of("simulate", "--plan",
                CliRun.repo("examples/llama3.1-405b.yaml")));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lsdt: error: simulation size = 3,895,040 operations (estimated for megatron: "
                + "512 ranks, 126 layers, 512 micro-batches): expected at most 2,396,745 operations, what this JVM's "
                + "heap of 256 MiB holds at about 56 B an operation; this step needs about 336 MiB\nMaybe simulate "
                + "a design with fewer micro-batches per replica (a larger --micro-batch) or fewer pipeline stages; or "
                + "give the JVM more heap: JAVA_TOOL_OPTIONS=-Xmx1g ./lsdt simulate …\n");
    }

    @Test
    void runningOutOfHeapAnywayIsAUserErrorNamingTheSize() {
        // the safety net behind the estimate: an OutOfMemoryError inside the simulation becomes exit 2 with this; the
        // estimate having fallen short, the hint asks for the larger of it and twice the heap: 2 × 6 GiB + 128 MiB
        // rounds up to 13 GiB
        io.lsdt.graph.error.LsdtException e = SimulateCommand.outOfHeap(124_641_280L, 6L << 30);
        assertThat(e.isUserError()).isTrue();
        assertThat(e.getMessage()).isEqualTo("simulation size = 124,641,280 operations: expected what this JVM's heap "
                + "of 6 GiB holds: it ran out of memory while simulating (estimated to need about 9.411 GiB)\nMaybe "
                + "--plan: drop --no-fold-dp (one data-parallel replica then stands for all, exactly); or simulate "
                + "fewer ranks, layers or micro-batches; or give the JVM more heap: JAVA_TOOL_OPTIONS=-Xmx13g "
                + "./lsdt simulate …");
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Reads a file's first bytes. */
    private static final class Arrays8 {
        static byte[] head(Path p) throws IOException {
            byte[] all = Files.readAllBytes(p);
            return java.util.Arrays.copyOf(all, 8);
        }
    }
}
