package io.lsdt.cli.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The full fuzz set, generated from a seed: every field of every example brief under {@code examples/} × every
 * mutation × the commands that read the brief; cells of the development CSVs for {@code validate}; odd values of the
 * options of {@code search} and {@code simulate}. The same seed gives the same cases in the same order.
 */
public final class FuzzCases {
    /** Stands for invalid UTF-8 bytes (0xFF 0xFE) in a mutated text until it is encoded. */
    static final String BAD_BYTES = "\u0000BAD\u0000";

    /** Mutations of a brief field or CSV cell. */
    enum Mutation {
        NEGATIVE, ZERO, NAN, INF, NEG_INF, HUGE, TINY, TEXT, WRONG_UNIT, MISSING, DUPLICATE, NON_UTF8;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Path root;
    private final long seed;
    private final List<FuzzCase> cases = new ArrayList<>();

    private FuzzCases(Path root, long seed) {
        this.root = root;
        this.seed = seed;
    }

    /**
     * @param root the repository's root
     * @param seed the seed
     * @return every case
     */
    public static List<FuzzCase> all(Path root, long seed) {
        FuzzCases f = new FuzzCases(root, seed);
        f.briefs();
        f.csvs();
        f.options();
        return List.copyOf(f.cases);
    }

    private SplittableRandom random(String what) {
        return new SplittableRandom(seed ^ what.hashCode() * 0x9E3779B97F4A7C15L);
    }

    private void add(String group, String command, String target, String mutation, List<String> args,
            Map<String, byte[]> files, boolean invalid, FuzzCase baseline) {
        cases.add(new FuzzCase(cases.size(), group, command, target, mutation, List.copyOf(args), files, invalid,
                baseline));
    }

    // ------------------------------------------------------------------------------------------------ briefs

    /** A scalar of a brief: where its value is on its line, and what it is. */
    record Field(int line, int start, int end, String path, String value, boolean flow) {
        /** @return the number and the unit after it, or null when the value is not a number or quantity */
        String[] quantity() {
            Matcher m = NUMBER.matcher(value);
            return m.matches() ? new String[] {m.group(1), m.group(4) == null ? "" : " " + m.group(4)} : null;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("([-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?)(?:\\s+(.+))?");
    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([A-Za-z_][A-Za-z0-9_.-]*):(\\s*)(.*)$");
    private static final Pattern FLOW_ENTRY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}]*)");

    /** @return the scalars of a block-style YAML text, with their paths */
    static List<Field> fields(List<String> lines) {
        List<Field> out = new ArrayList<>();
        Deque<Object[]> parents = new ArrayDeque<>(); // {indent, key}
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = KEY_LINE.matcher(line);
            if (line.strip().startsWith("#") || !m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            while (!parents.isEmpty() && (int) parents.peek()[0] >= indent) {
                parents.pop();
            }
            StringBuilder path = new StringBuilder();
            parents.descendingIterator().forEachRemaining(p -> path.append(p[1]).append('.'));
            path.append(m.group(2));
            int valueStart = m.start(4);
            String rest = m.group(4);
            int end = valueEnd(rest);
            String value = rest.substring(0, end).strip();
            if (value.isEmpty()) {
                parents.push(new Object[] {indent, m.group(2)});
                continue;
            }
            if (value.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                Matcher e = FLOW_ENTRY.matcher(rest.substring(0, close < 0 ? rest.length() : close));
                while (e.find()) {
                    String v = e.group(2).strip();
                    if (!v.isEmpty()) {
                        out.add(new Field(i, valueStart + e.start(2), valueStart + e.start(2) + e.group(2).stripTrailing()
                                .length(), path + "." + e.group(1), v, true));
                    }
                }
                continue;
            }
            out.add(new Field(i, valueStart, valueStart + rest.substring(0, end).stripTrailing().length(),
                    path.toString(), value, false));
        }
        return out;
    }

    /** @return where a value ends: before a comment (a '#' after a blank, outside quotes) or at the end */
    private static int valueEnd(String rest) {
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && i > 0 && Character.isWhitespace(rest.charAt(i - 1))) {
                return i;
            }
        }
        return rest.length();
    }

    /** The commands a brief is read by: an inference scenario by evaluate, a seed-form brief by fundamentals. */
    private static List<String> commands(String text) {
        if (text.contains("\nkind: inference")) {
            return List.of("evaluate");
        }
        if (text.contains("\nworkload:")) {
            return List.of("fundamentals");
        }
        return List.of("fundamentals", "plan", "evaluate");
    }

    private void briefs() {
        List<Path> briefs;
        try (Stream<Path> s = Files.walk(root.resolve("examples"))) {
            // sweep files (examples/sweep-*.yaml) are not briefs: SweepTest and SweepCommandTest cover their bad input
            briefs = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("sweep-"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path brief : briefs) {
            String name = root.relativize(brief).toString();
            String text;
            try {
                text = Files.readString(brief);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> lines = List.of(text.split("\n", -1));
            String file = brief.getFileName().toString();
            for (String command : commands("\n" + text)) {
                FuzzCase baseline = new FuzzCase(-1, "brief " + name, command, "(none)", "(none)",
                        List.of(command, "@work/" + file), Map.of(file, text.getBytes(StandardCharsets.UTF_8)), false,
                        null);
                for (Field f : fields(lines)) {
                    SplittableRandom r = random(name + command + f.path());
                    for (Mutation mu : Mutation.values()) {
                        String[] q = f.quantity();
                        String mutated = mutate(lines, f, mu, q, r);
                        if (mutated == null) {
                            continue;
                        }
                        boolean invalid = mu == Mutation.DUPLICATE || mu == Mutation.NON_UTF8 || q != null
                                && switch (mu) {
                                    case NEGATIVE -> !q[0].startsWith("-");
                                    case NAN, INF, NEG_INF, TEXT, WRONG_UNIT -> true;
                                    default -> false;
                                };
                        // text and --json: JSON prints raw doubles, text formats them
                        for (boolean json : new boolean[] {false, true}) {
                            List<String> args = new ArrayList<>(List.of(command, "@work/" + file));
                            if (json) {
                                args.add("--json");
                            }
                            add("brief " + name, command, f.path(), mu.key(), args, Map.of(file, bytes(mutated)),
                                    invalid, baseline);
                        }
                    }
                }
            }
        }
    }

    /** @return the brief with {@code f} mutated, or null when the mutation does not apply */
    static String mutate(List<String> lines, Field f, Mutation mu, String[] q, SplittableRandom r) {
        String line = lines.get(f.line());
        String num = q == null ? null : q[0];
        String unit = q == null ? "" : q[1];
        String value = switch (mu) {
            case NEGATIVE -> q == null ? "-1" : num.startsWith("-") ? num.substring(1) + unit : "-" + num + unit;
            case ZERO -> "0" + unit;
            case NAN -> q == null ? null : r.nextBoolean() ? ".nan" : "NaN" + unit;
            case INF -> q == null ? null : r.nextBoolean() ? ".inf" : "Infinity" + unit;
            case NEG_INF -> q == null ? null : r.nextBoolean() ? "-.inf" : "-Infinity" + unit;
            case HUGE -> "1e300" + unit;
            case TINY -> q == null ? null : "1e-300" + unit;
            case TEXT -> (q == null ? "zz-" + r.nextInt(1000) : "abc" + (r.nextBoolean() ? unit : ""));
            case WRONG_UNIT -> q == null ? null : num + (unit.strip().equals("kg") ? " parsec"
                    : r.nextBoolean() ? " kg" : " parsec");
            case NON_UTF8 -> BAD_BYTES + (q == null ? "x" : num + unit);
            case MISSING, DUPLICATE -> "";
        };
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>(lines);
        if (mu == Mutation.MISSING || mu == Mutation.DUPLICATE) {
            if (!f.flow()) {
                if (mu == Mutation.MISSING) {
                    out.remove(f.line());
                } else {
                    out.add(f.line() + 1, line);
                }
            } else {
                // the entry "key: value" and its separator
                int keyStart = line.lastIndexOf(f.path().substring(f.path().lastIndexOf('.') + 1) + ":", f.start());
                String entry = line.substring(keyStart, f.end());
                String replaced = mu == Mutation.MISSING
                        ? line.substring(0, keyStart) + line.substring(f.end()).replaceFirst("^\\s*,\\s*", "")
                        : line.substring(0, f.end()) + ", " + entry + line.substring(f.end());
                out.set(f.line(), replaced.replace("{, ", "{").replace(", }", "}").replace(",}", "}"));
            }
        } else {
            out.set(f.line(), line.substring(0, f.start()) + value + line.substring(f.end()));
        }
        return String.join("\n", out);
    }

    /** @return the text as UTF-8, with {@link #BAD_BYTES} as 0xFF 0xFE */
    static byte[] bytes(String text) {
        int at = text.indexOf(BAD_BYTES);
        if (at < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at + BAD_BYTES.length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xFF;
        out[head.length + 1] = (byte) 0xFE;
        System.arraycopy(tail, 0, out, head.length + 2, tail.length);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ CSV

    /** Splits one CSV line into cells (quotes kept), for a file whose rows are one line each. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** Rows of each development CSV mutated, cell by cell. */
    private static final int CSV_ROWS = 3;

    private void csvs() {
        for (String name : List.of("dev_runs.csv", "dev_runs_wave2.csv")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(root.resolve("data/validation").resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String header = lines.get(0);
            List<String> columns = cells(header);
            List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
            SplittableRandom pick = random("csv " + name);
            // a small file: the header and five rows, one of which is mutated
            for (int k = 0; k < CSV_ROWS; k++) {
                List<String> sample = new ArrayList<>();
                while (sample.size() < 5) {
                    String row = rows.get(pick.nextInt(rows.size()));
                    if (!sample.contains(row)) {
                        sample.add(row);
                    }
                }
                List<String> cells = cells(sample.get(0));
                if (cells.size() != columns.size()) {
                    continue; // a row with a line break inside a quoted cell: not mutated cell by cell
                }
                String base = header + "\n" + String.join("\n", sample) + "\n";
                FuzzCase baseline = new FuzzCase(-1, "csv " + name, "validate", "(none)", "(none)",
                        List.of("validate", "--runs", "@work/runs.csv", "--json"),
                        Map.of("runs.csv", base.getBytes(StandardCharsets.UTF_8)), false, null);
                for (int c = 0; c < columns.size(); c++) {
                    String cell = cells.get(c);
                    if (cell.isEmpty() || cell.startsWith("\"")) {
                        continue;
                    }
                    Matcher number = NUMBER.matcher(cell);
                    boolean numeric = number.matches() && number.group(4) == null;
                    SplittableRandom r = random(name + k + columns.get(c));
                    for (Mutation mu : Mutation.values()) {
                        String v = switch (mu) {
                            case NEGATIVE -> numeric ? "-" + cell : null;
                            case ZERO -> "0";
                            case NAN -> numeric ? (r.nextBoolean() ? "NaN" : "nan") : null;
                            case INF -> numeric ? (r.nextBoolean() ? "Infinity" : "inf") : null;
                            case NEG_INF -> numeric ? "-Infinity" : null;
                            case HUGE -> "1e300";
                            case TINY -> numeric ? "1e-300" : null;
                            case TEXT -> numeric ? "abc" : "zz-" + r.nextInt(1000);
                            case WRONG_UNIT -> numeric ? cell + " kg" : null;
                            case MISSING -> "";
                            case NON_UTF8 -> BAD_BYTES + cell;
                            case DUPLICATE -> c == 0 ? cell : null; // a second row with the same run_id
                        };
                        if (v == null) {
                            continue;
                        }
                        List<String> mutatedCells = new ArrayList<>(cells);
                        mutatedCells.set(c, v);
                        List<String> body = new ArrayList<>(sample);
                        if (mu == Mutation.DUPLICATE) {
                            body.add(sample.get(0));
                        } else {
                            body.set(0, String.join(",", mutatedCells));
                        }
                        String text = header + "\n" + String.join("\n", body) + "\n";
                        boolean invalid = mu == Mutation.NON_UTF8 || mu == Mutation.DUPLICATE
                                || c == 0 && mu == Mutation.MISSING;
                        // --json, and text with a Markdown report
                        for (boolean json : new boolean[] {false, true}) {
                            List<String> args = new ArrayList<>(List.of("validate", "--runs", "@work/runs.csv"));
                            args.addAll(json ? List.of("--json") : List.of("--report", "@out/report.md"));
                            add("csv " + name, "validate", "row " + (k + 1) + " " + columns.get(c), mu.key(), args,
                                    Map.of("runs.csv", bytes(text)), invalid, baseline);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    /** Odd option values and whether each is invalid for a whole-number option. */
    private static final Map<String, Boolean> ODD = new LinkedHashMap<>();

    static {
        ODD.put("0", true);
        ODD.put("-1", true);
        ODD.put("2147483647", false); // huge but a whole number: refused or answered, never a crash (nor exit 0 fast)
        ODD.put("99999999999", false); // above 2^31: refused by an int option, a value of a long one
        ODD.put("1e300", true);
        ODD.put("abc", true);
        ODD.put("NaN", true);
        ODD.put("", true);
        ODD.put("1.5", true);
    }

    private void options() {
        List<String> search = List.of("search", "llama3.1-70b", "--device", "h100-sxm", "--gpus", "256");
        optionCases("search", search, List.of("--gpus", "--global-batch", "--top", "--precision", "--fabric",
                "--device", "MODEL"), List.of("--global-batch", "--top", "--precision", "--fabric"));
        List<String> strategy = List.of("simulate", "--strategy", "1f1b", "--ranks", "4", "--layers", "4",
                "--global-batch", "512", "--micro-batch", "64", "--trace", "@out/t.json", "--svg", "@out/t.svg");
        optionCases("simulate --strategy", strategy, List.of("--ranks", "--layers", "--global-batch",
                "--micro-batch", "--pp", "--virtual-stages", "--trace-ranks", "--predictor", "--strategy"),
                List.of("--pp", "--virtual-stages", "--trace-ranks", "--predictor"));
        List<String> plan = List.of("simulate", "--plan", "@repo/examples/gpt3-175b.yaml", "--tp", "2", "--pp", "4",
                "--dp", "128", "--cp", "1", "--micro-batch", "12", "--no-memory-check", "--trace", "@out/p.json");
        optionCases("simulate --plan", plan, List.of("--tp", "--pp", "--dp", "--cp", "--micro-batch", "--zero",
                "--recompute", "--schedule", "--virtual-stages", "--trace-ranks"),
                List.of("--zero", "--recompute", "--schedule", "--virtual-stages", "--trace-ranks"));
    }

    /** Whole-number options; the others take names. */
    private static final List<String> NAMED = List.of("--precision", "--fabric", "--device", "MODEL", "--predictor",
            "--strategy", "--recompute", "--schedule", "--trace-ranks");

    private void optionCases(String group, List<String> base, List<String> options, List<String> added) {
        for (String option : options) {
            for (Map.Entry<String, Boolean> odd : ODD.entrySet()) {
                List<String> args = new ArrayList<>(base);
                int at = option.equals("MODEL") ? 1 : args.indexOf(option);
                if (at >= 0 && !option.equals("MODEL")) {
                    args.set(at + 1, odd.getKey());
                } else if (option.equals("MODEL")) {
                    args.set(1, odd.getKey());
                } else {
                    args.add(option);
                    args.add(odd.getKey());
                }
                boolean invalid = NAMED.contains(option) || odd.getValue();
                if (option.equals("--zero") && odd.getKey().equals("0")
                        || option.equals("--trace-ranks") && odd.getKey().equals("0")) {
                    invalid = false; // ZeRO 0 and rank 0 are values
                }
                if (NAMED.contains(option) && odd.getKey().equals("2147483647")) {
                    invalid = true;
                }
                add("options " + group, base.get(0), option, "'" + odd.getKey() + "'", args, Map.of(), invalid, null);
                List<String> json = new ArrayList<>(args);
                json.add("--json");
                add("options " + group, base.get(0), option, "'" + odd.getKey() + "'", json, Map.of(), invalid, null);
            }
        }
    }
}
