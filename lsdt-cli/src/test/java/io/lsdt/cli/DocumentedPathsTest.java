package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code lsdt} command that README.md, docs/ or a command's --help shows runs on a fresh clone: each file it
 * reads is in the repository (no {@code ../shared/...}, no bare {@code dev_runs.csv}). Files a command writes
 * (after {@code --trace}, {@code --svg}, {@code --png}, {@code --report}, {@code --write-intervals}) and placeholders
 * ({@code BRIEF}, {@code OUT.json}, {@code FILE.md}) are not files to read.
 */
class DocumentedPathsTest {
    private static final Path ROOT = Path.of("..");
    private static final Set<String> OUTPUT_OPTIONS = Set.of("--trace", "--svg", "--png", "--report",
            "--write-intervals", "-o", "--output", "--plots");
    /** A command: {@code lsdt} or {@code ./lsdt} and its arguments, on one line. */
    private static final Pattern COMMAND = Pattern.compile("(?:\\./)?lsdt (.+)");

    /** The commands in a Markdown text: in code blocks, one per line, and in code spans (which may wrap). */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher block = Pattern.compile("(?s)```[a-z]*\\n(.*?)```").matcher(markdown);
        while (block.find()) {
            for (String line : block.group(1).split("\\n")) {
                Matcher c = COMMAND.matcher(line.strip().replaceFirst("^\\$ ", ""));
                if (c.matches()) {
                    out.add(c.group(1).replaceAll("\\s+#.*$", "").strip());
                }
            }
        }
        String prose = markdown.replaceAll("(?s)```.*?```", "").replace('\n', ' ');
        Matcher span = Pattern.compile("`((?:\\./)?lsdt [^`]+)`").matcher(prose);
        while (span.find()) {
            out.add(span.group(1).replaceFirst("^(\\./)?lsdt ", ""));
        }
        return out;
    }

    /** The commands in a help text: the lines that begin with {@code lsdt}, joined across trailing backslashes. */
    static List<String> helpCommands(String help) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+(?:\\./)?lsdt ((?:[^\\n]*\\\\\\n)*[^\\n]*)$").matcher(help);
        while (m.find()) {
            out.add(m.group(1).replaceAll("\\\\\\n\\s*", " ").replaceAll("\\s+\\(.*$", "").replaceAll("\\s+", " ")
                    .strip());
        }
        return out;
    }

    /** @return the arguments of {@code command} that name files to read */
    static List<String> inputs(String command) {
        List<String> out = new ArrayList<>();
        String[] tokens = command.replaceAll("[\\[\\]|…]", " ").strip().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            boolean looksLikeFile = t.contains("/") || t.matches(".*\\.(yaml|yml|csv|json|md)");
            boolean placeholder = t.matches("[A-Z0-9_]+(\\.[a-z]+)?");
            boolean written = i > 0 && OUTPUT_OPTIONS.contains(tokens[i - 1]);
            if (looksLikeFile && !placeholder && !written && !t.startsWith("-") && !t.contains("=")) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<String> missing(List<String> commands, String where) {
        List<String> missing = new ArrayList<>();
        for (String c : commands) {
            for (String f : inputs(c)) {
                if (!Files.exists(ROOT.resolve(f))) {
                    missing.add(where + ": lsdt " + c + " -> " + f);
                }
            }
        }
        return missing;
    }

    @Test
    void theReadmeAndTheDocsReadOnlyFilesInTheRepository() throws IOException {
        List<String> readme = commands(Files.readString(ROOT.resolve("README.md")));
        assertThat(readme).as("commands found in README.md").hasSizeGreaterThan(20)
                .contains("plan examples/llama3.1-405b.yaml", "simulate --plan examples/llama3.1-405b.yaml");
        List<String> missing = new ArrayList<>(missing(readme, "README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path d : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                missing.addAll(missing(commands(Files.readString(d)), "docs/" + d.getFileName()));
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyHelpReadsOnlyFilesInTheRepository() {
        List<String> missing = new ArrayList<>();
        List<String> all = new ArrayList<>();
        List<CommandLine> todo = new ArrayList<>(List.of(new CommandLine(new LsdtCommand())));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.removeFirst();
            cl.setUsageHelpWidth(Main.HELP_WIDTH);
            List<String> cmds = helpCommands(cl.getUsageMessage());
            all.addAll(cmds);
            missing.addAll(missing(cmds, cl.getCommandSpec().qualifiedName() + " --help"));
            todo.addAll(cl.getSubcommands().values());
        }
        assertThat(all).as("commands found in the help texts").hasSizeGreaterThan(20)
                .contains("validate --runs data/validation/dev_runs.csv --runs data/validation/dev_runs_wave2.csv "
                        + "--loso --threads 8");
        assertThat(missing).isEmpty();
    }

    @Test
    void theExtractionFindsWhatAFreshCloneLacks() {
        String md = """
                Run `lsdt validate --runs
                dev_runs.csv --loso` or:

                ```
                $ ./lsdt plan ../shared/briefs/x.yaml --json   # the plan
                ./lsdt simulate --plan examples/gpt3-175b.yaml --trace out/step.json [--svg OUT.svg]
                ```
                """;
        List<String> commands = commands(md);
        assertThat(commands).containsExactlyInAnyOrder("plan ../shared/briefs/x.yaml --json",
                "simulate --plan examples/gpt3-175b.yaml --trace out/step.json [--svg OUT.svg]",
                "validate --runs dev_runs.csv --loso");
        assertThat(missing(commands, "test")).containsExactlyInAnyOrder(
                "test: lsdt plan ../shared/briefs/x.yaml --json -> ../shared/briefs/x.yaml",
                "test: lsdt validate --runs dev_runs.csv --loso -> dev_runs.csv");
    }
}
