package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lsdt.sim.strategy.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@code lsdt simulate} and {@code lsdt validate} write: listed with their sizes, refused before any work
 * when they cannot be written (with the real reason) or when two options name one file, written through links, streamed
 * to devices; large runs traced in part; every example of {@code lsdt simulate --help} runs.
 */
class OutputFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    /** The GT lab's 1F1B sample: 4 ranks, 176 events. */
    private static final String[] SAMPLE = {"simulate", "--strategy", "1f1b", "--ranks", "4", "--layers", "4",
        "--global-batch", "512", "--micro-batch", "64"};
    private static final String GPT3 = CliRun.repo("examples/gpt3-175b.yaml");

    @TempDir
    Path dir;

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long processes(Path trace) throws IOException {
        long n = 0;
        for (Iterator<JsonNode> it = JSON.readTree(trace.toFile()).get("traceEvents").elements(); it.hasNext();) {
            if (it.next().get("name").asText().equals("process_name")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theFilesWrittenAreListedWithTheirSizes() throws IOException {
        Path trace = dir.resolve("step.json");
        Path svg = dir.resolve("step.svg");
        CliRun r = CliRun.of(with(SAMPLE, "--trace", trace.toString(), "--svg", svg.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "  wrote --trace %s: %,d bytes (", trace, Files.size(trace))
                + "60.31 KiB), Chrome trace of ranks 0-3 (all 4)\n", String.format(java.util.Locale.ROOT, "  wrote --svg %s: %,d bytes (",
                        svg, Files.size(svg)));
        assertThat(Files.size(trace)).isEqualTo(61_759);
        CliRun j = CliRun.of(with(SAMPLE, "--trace", trace.toString(), "--json"));
        JsonNode files = JSON.readTree(j.out()).get("files");
        assertThat(files.size()).isEqualTo(1);
        assertThat(files.get(0).get("option").asText()).isEqualTo("--trace");
        assertThat(files.get(0).get("path").asText()).isEqualTo(trace.toString());
        assertThat(files.get(0).get("bytes").asLong()).isEqualTo(Files.size(trace));
        assertThat(files.get(0).get("holds").asText()).isEqualTo("Chrome trace of ranks 0-3 (all 4)");
        assertThat(names()).containsExactly("step.json", "step.svg");
    }

    @Test
    void twoOutputsNamingOneFileAreRefusedNamingBothOptions() throws IOException {
        Path x = dir.resolve("x");
        CliRun r = CliRun.of(with(SAMPLE, "--trace", x.toString(), "--svg", dir.resolve("sub/../x").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("lsdt: error: --trace / --svg = " + dir.resolve("sub/../x") + ": expected a "
                + "different file for each output: --trace " + x + " and --svg " + dir.resolve("sub/../x")
                + " both name " + x.toAbsolutePath()).doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        Path real = Files.writeString(dir.resolve("real.svg"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.svg"), Path.of("real.svg"));
        CliRun l = CliRun.of(with(SAMPLE, "--svg", link.toString(), "--png", real.toString()));
        assertThat(l.code()).isEqualTo(2);
        assertThat(l.err()).startsWith("lsdt: error: --svg / --png = ").contains("both name " + real.toRealPath());
        assertThat(Files.readString(real)).isEqualTo("old");
        assertThat(names()).containsExactly("link.svg", "real.svg");
    }

    @Test
    void anOutputOverAnInputIsRefused() throws IOException {
        Path system = Files.writeString(dir.resolve("system.json"), "{}");
        CliRun r = CliRun.of(with(SAMPLE, "--system", system.toString(), "--trace", system.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("lsdt: error: --trace = " + system + ": expected a file that is not an input: "
                + "--system reads " + system.toRealPath());
        assertThat(Files.readString(system)).isEqualTo("{}");
        Path runs = Files.copy(Path.of(CliRun.repo("data/validation/dev_runs.csv")), dir.resolve("runs.csv"));
        byte[] before = Files.readAllBytes(runs);
        CliRun v = CliRun.of("validate", "--runs", runs.toString(), "--report", runs.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).startsWith("lsdt: error: --report = " + runs + ": expected a file that is not an input: "
                + "--runs reads ");
        assertThat(Files.readAllBytes(runs)).isEqualTo(before);
        CliRun both = CliRun.of("validate", "--runs", runs.toString(), "--report", dir.resolve("t").toString(),
                "--write-intervals", dir.resolve("t").toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).startsWith("lsdt: error: --report / --write-intervals = " + dir.resolve("t"));
        assertThat(names()).containsExactly("runs.csv", "system.json");
    }

    @Test
    void theRealProblemWithAnOutputIsNamedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0");
        CliRun r = CliRun.of(with(SAMPLE, "--trace", file.resolve("x.json").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lsdt: error: --trace = " + file.resolve("x.json") + ": expected a file LSDT "
                + "can write (" + file + " is a regular file, not a directory); nothing was written\n");
        assertThat(r.out()).isEmpty();
        CliRun v = CliRun.of("validate", "--runs", CliRun.repo("data/validation/dev_runs.csv"), "--report",
                dir.resolve("missing/report.md").toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).startsWith("lsdt: error: --report = " + dir.resolve("missing/report.md") + ": expected a "
                + "file LSDT can write (the directory " + dir.resolve("missing") + " does not exist)");
        assertThat(names()).containsExactly("passwd");
    }

    /** A private /dev/full when root (a defect renaming over it must not replace the machine's), else the system's. */
    private Path full() throws Exception {
        if (ROOT) {
            Path p = dir.resolve("full");
            Process mknod = new ProcessBuilder("mknod", p.toString(), "c", "1", "7").start();
            assumeTrue(mknod.waitFor(30, TimeUnit.SECONDS) && mknod.exitValue() == 0, "mknod works here");
            return p;
        }
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full exists");
        return Path.of("/dev/full");
    }

    @Test
    void aFullDeviceIsBadOutputNamingTheOptionAndThePath() throws Exception {
        Path full = full();
        CliRun r = CliRun.of(with(SAMPLE, "--svg", full.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lsdt: error: --svg = " + full + ": expected a file LSDT can write (writing to "
                + "the character device " + full + " failed: No space left on device)\n");
        assertThat(r.out()).isEmpty();
        assertThat(Files.isRegularFile(full, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aLinkedOutputIsWrittenThroughAndSaysWhere() throws IOException {
        Files.createDirectory(dir.resolve("out"));
        Path link = Files.createSymbolicLink(dir.resolve("step.json"), Path.of("out/real.json"));
        CliRun r = CliRun.of(with(SAMPLE, "--trace", link.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  wrote --trace " + link + " (→ " + dir.resolve("out/real.json") + "): 61,759 "
                + "bytes");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.size(dir.resolve("out/real.json"))).isEqualTo(61_759);
    }

    @Test
    void aLargeRunIsTracedInPartByDefaultAndWholeOnRequest() throws IOException {
        Path trace = dir.resolve("ddp.json");
        String[] ddp = {"simulate", "--strategy", "ddp", "--ranks", "80", "--layers", "2", "--global-batch", "80",
            "--micro-batch", "1", "--trace", trace.toString()};
        CliRun r = CliRun.of(ddp);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Chrome trace of ranks 0-63 (the first 64 of 80; --trace-ranks all for every "
                + "rank)");
        assertThat(processes(trace)).isEqualTo(64);
        CliRun all = CliRun.of(with(ddp, "--trace-ranks", "all"));
        assertThat(all.out()).contains("Chrome trace of ranks 0-79 (all 80)");
        assertThat(processes(trace)).isEqualTo(80);
        // a plan's job: one representative slice (GPT-3 175B on 1,024 A100s: TP 4, no pipeline: the 4 ranks of the
        // tensor-parallel group)
        Path plan = dir.resolve("plan.json");
        CliRun p = CliRun.of("simulate", "--plan", GPT3, "--trace", plan.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("Chrome trace of ranks 0-3 (4 of 1,024: the tensor-parallel group "
                + "of the first pipeline stage and the first rank of every other stage, context-parallel rank 0, "
                + "data-parallel replica 0; --trace-ranks all for every rank)");
        assertThat(processes(plan)).isEqualTo(4);
        CliRun noTrace = CliRun.of(with(SAMPLE, "--trace-ranks", "all"));
        assertThat(noTrace.code()).isEqualTo(2);
        assertThat(noTrace.err()).startsWith("lsdt: error: --trace-ranks = all: expected given with --trace only");
    }

    /** The examples of {@code lsdt simulate --help}, each joined across its continuation lines. */
    static List<String[]> helpExamples() {
        String help = CliRun.of("simulate", "--help").out();
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+lsdt simulate ((?:[^\\n]*\\\\\\n)*[^\\n]*)$").matcher(help);
        while (m.find()) {
            String line = m.group(1).replaceAll("\\\\\\n\\s*", " ").replaceAll("\\s+\\(.*$", "").strip();
            out.add(line.split("\\s+"));
        }
        return out;
    }

    @Test
    void everyExampleOfTheHelpRuns() {
        List<String[]> examples = helpExamples();
        assertThat(examples).hasSize(7);
        for (String[] example : examples) {
            List<String> args = new ArrayList<>(List.of("simulate"));
            for (String a : example) {
                // the brief from the repository, the files into this test's directory
                args.add(a.startsWith("examples/") ? CliRun.repo(a) : a.matches("step\\.\\w+") ? dir.resolve(a)
                        .toString() : a);
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        }
        for (Strategies.Entry e : Strategies.all()) {
            CliRun r = CliRun.of(with(new String[] {"simulate", "--strategy", e.name()}, e.example().split(" ")));
            assertThat(r.code()).as(e.name() + " " + e.example() + "\n" + r.err()).isZero();
        }
    }
}
