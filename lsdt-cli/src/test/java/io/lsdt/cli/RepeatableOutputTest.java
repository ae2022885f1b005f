package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command prints the same bytes every time on the example inputs, text and --json, and writes the same files.
 * Run twice in this JVM and once more in another: a {@code Map.of} or {@code Set.of} iterates in an order drawn
 * afresh by each JVM ({@code plan --json}'s {@code straggler_efficiency} did), which only a second JVM shows.
 *
 * <p>The one exception is the wall-clock figures, masked before comparing: the search's seconds ({@code plan},
 * {@code search}), and {@code simulate}'s "simulated in … peak heap …" line, {@code wall_s} and {@code events_per_s}.
 */
class RepeatableOutputTest {
    /** Wall-clock figures: how long the command took, not what it computed. */
    private static final List<Pattern> WALL_CLOCK = List.of(
            Pattern.compile("(configurations evaluated, [\\d,]+ fit), [\\d.]+ s;"),
            Pattern.compile("(fit in memory, in) [\\d.]+ s"),
            Pattern.compile("(\"wall_seconds\" :) [\\d.eE-]+"),
            Pattern.compile("(\"events_per_s\" :) [\\d.eE-]+"),
            Pattern.compile("(\"wall_s\" :) \\{[^}]*}"),
            Pattern.compile("(?m)^(  simulated in ).*$"));

    @TempDir
    static Path dir;

    private static String repo(String p) {
        return CliRun.repo(p);
    }

    /** The commands, on the repository's examples; the files they write go to {@link #dir}. */
    static List<String[]> commands(Path out) {
        String l405 = repo("examples/llama3.1-405b.yaml");
        String gpt3 = repo("examples/gpt3-175b.yaml");
        String seed = repo("examples/13b-seed.yaml");
        String runs = repo("data/validation/dev_runs.csv");
        String[] sample = {"simulate", "--strategy", "1f1b", "--ranks", "4", "--layers", "4", "--global-batch", "512",
            "--micro-batch", "64"};
        // a small design of the GPT-3 brief (8 ranks, 80 thousand events): the simulation itself, not its size
        String[] small = {"simulate", "--plan", gpt3, "--tp", "2", "--pp", "4", "--dp", "128", "--cp", "1",
            "--micro-batch", "12", "--no-memory-check"};
        List<String[]> c = new ArrayList<>();
        c.add(new String[] {"fundamentals", seed});
        c.add(new String[] {"fundamentals", seed, "--json"});
        c.add(new String[] {"fundamentals", l405, "--json"});
        c.add(new String[] {"plan", l405});
        c.add(new String[] {"plan", gpt3, "--json"});
        c.add(new String[] {"search", "llama3.1-405b", "--device", "h100-sxm", "--gpus", "16384"});
        c.add(new String[] {"search", "llama3.1-405b", "--device", "h100-sxm", "--gpus", "16384", "--json"});
        for (String s : List.of("smart-doorbell", "driving-perception", "local-workstation", "frontier-8k-training")) {
            c.add(new String[] {"evaluate", repo("examples/scenarios/" + s + ".yaml")});
        }
        c.add(new String[] {"evaluate", repo("examples/scenarios/smart-doorbell.yaml"), "--json"});
        c.add(new String[] {"evaluate", repo("examples/scenarios/frontier-8k-training.yaml"), "--json"});
        c.add(new String[] {"validate", "--runs", runs, "--report", out.resolve("report.md").toString()});
        c.add(new String[] {"validate", "--runs", runs, "--json"});
        c.add(with(sample, "--trace", out.resolve("s.json").toString(), "--svg", out.resolve("s.svg").toString(),
                "--png", out.resolve("s.png").toString()));
        c.add(with(sample, "--json"));
        c.add(with(small, "--trace", out.resolve("p.json").toString()));
        c.add(with(small, "--json"));
        c.add(new String[] {"graph", "cone", "training.wallclock", "--json"});
        c.add(new String[] {"puzzles", "--json"});
        return c;
    }

    private static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    /** What one command printed and wrote, wall-clock figures masked. */
    static String run(String[] args, Path out) throws IOException {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        StringBuilder sb = new StringBuilder("exit ").append(code).append("\n--- out\n").append(mask(o.toString()))
                .append("--- err\n").append(e);
        try (var files = Files.list(out)) {
            for (Path f : files.sorted().toList()) {
                byte[] b = Files.readAllBytes(f);
                sb.append("--- ").append(f.getFileName()).append(' ').append(b.length).append(" bytes, hash ")
                        .append(java.util.Arrays.hashCode(b)).append('\n');
                Files.delete(f);
            }
        }
        return sb.toString();
    }

    static String mask(String s) {
        for (Pattern p : WALL_CLOCK) {
            s = p.matcher(s).replaceAll("$1 <wall clock>");
        }
        return s;
    }

    /**
     * The iteration order of a {@code Set.of}: the same for every {@code Set.of} and {@code Map.of} of one JVM, drawn
     * afresh by each (a "salt"), so two JVMs with different probes iterate every such collection differently.
     */
    static String probe() {
        return Set.of("a", "b", "c", "d", "e", "f", "g").toString();
    }

    /**
     * The other JVM's entry: prints its {@link #probe()}; if it differs from {@code args[1]} (the first JVM's), runs
     * every command once and prints what each did, separated by a line of "=".
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        StringBuilder sb = new StringBuilder(probe()).append('\n');
        if (!probe().equals(args[1])) {
            for (String[] c : commands(out)) {
                sb.append(run(c, out)).append("=====\n");
            }
        }
        System.out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }

    private static List<String> first;

    /** The first JVM's results, once. */
    private static synchronized List<String> first(Path out) throws IOException {
        if (first == null) {
            first = new ArrayList<>();
            for (String[] c : commands(out)) {
                first.add(run(c, out));
            }
        }
        return first;
    }

    @Test
    void everyCommandPrintsAndWritesTheSameBytesEveryTime() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String[]> commands = commands(out);
        List<String> once = first(out);
        for (int i = 0; i < commands.size(); i++) {
            String cmd = String.join(" ", commands.get(i));
            assertThat(once.get(i)).as(cmd).startsWith(commands.get(i)[0].equals("evaluate") ? "exit " : "exit 0");
            assertThat(run(commands.get(i), out)).as(cmd).isEqualTo(once.get(i));
        }
        // every command wrote what it was asked to
        assertThat(String.join("", once)).contains("--- report.md ", "--- s.json ", "--- s.svg ", "--- s.png ",
                "--- p.json ");
    }

    @Test
    void anotherJvmPrintsAndWritesTheSameBytes() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String[]> commands = commands(out);
        List<String> once = first(out);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] runs = null;
        // a JVM whose Map.of and Set.of iterate in another order than this one's (a few tries: each draws its own)
        for (int attempt = 0; attempt < 8 && runs == null; attempt++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RepeatableOutputTest.class.getName(), out.toString(), probe())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n", 2);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isZero();
            if (!lines[0].equals(probe())) {
                runs = lines[1].split("=====\n", -1);
            }
        }
        assertThat(runs).as("a JVM whose Set.of iterates in another order than " + probe()).isNotNull();
        assertThat(runs).hasSize(commands.size() + 1);
        for (int i = 0; i < commands.size(); i++) {
            assertThat(runs[i]).as(String.join(" ", commands.get(i)) + " in another JVM").isEqualTo(once.get(i));
        }
    }
}
