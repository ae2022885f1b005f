package io.lsdt.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a fuzz run: cases, by exit code and by group, failures by category (each with one reproducer: the command
 * line, the mutated input saved beside the summary, and what LSDT printed), known defects apart, and the longest case.
 */
public final class FuzzSummary {
    private final List<FuzzRunner.Result> results = new ArrayList<>();
    private final Map<String, List<FuzzRunner.Result>> failures = new TreeMap<>();
    private final Map<String, List<FuzzRunner.Result>> known = new TreeMap<>();
    private final Map<String, String> knownWhy = new TreeMap<>();

    /** Adds a result whose failures are all new. */
    void add(FuzzRunner.Result r) {
        add(r, List.of(), Map.of());
    }

    /**
     * Adds a result.
     *
     * @param r the result
     * @param knownCategories its failures that are known defects
     * @param why each known category's reason
     */
    void add(FuzzRunner.Result r, List<String> knownCategories, Map<String, String> why) {
        results.add(r);
        for (String f : r.failures()) {
            (knownCategories.contains(f) ? known : failures).computeIfAbsent(f, k -> new ArrayList<>()).add(r);
        }
        knownCategories.forEach(k -> knownWhy.put(k, why.get(k)));
    }

    /** @return the categories of new failures, each with its cases */
    Map<String, List<FuzzRunner.Result>> failures() {
        return failures;
    }

    /** @return the cases run */
    int cases() {
        return results.size();
    }

    /**
     * The summary as text; the reproducers' inputs are written under {@code dir}.
     *
     * @param title what was run
     * @param dir where to write the reproducers (created)
     * @return the text
     */
    String text(String title, Path dir, Path root) throws IOException {
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "cases %,d%n", results.size()));
        Map<Integer, Integer> codes = new TreeMap<>();
        Map<String, int[]> groups = new TreeMap<>();
        FuzzRunner.Result longest = null;
        long total = 0;
        for (FuzzRunner.Result r : results) {
            codes.merge(r.code(), 1, Integer::sum);
            int[] g = groups.computeIfAbsent(r.c().group() + " | " + r.c().command(), k -> new int[5]);
            g[0]++;
            g[r.failures().isEmpty() ? 1 : 2]++;
            total += r.millis();
            if (longest == null || r.millis() > longest.millis()) {
                longest = r;
            }
        }
        sb.append("by exit code:");
        codes.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s: %,d;", k == -1 ? "timeout" : k, v)));
        sb.append('\n');
        sb.append("by group (cases / passed / failed):\n");
        groups.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-58s %6d %6d %6d%n", k, v[0], v[1], v[2])));
        if (longest != null) {
            sb.append(String.format(Locale.ROOT, "time: %.1f s in all; longest case %.2f s: %s%n    %s%n", total / 1e3,
                    longest.millis() / 1e3, longest.c(), longest.c().commandLine()));
        }
        sb.append(section("failures by category", failures, dir, null, root));
        sb.append(section("known defects (FuzzTest.KNOWN: being fixed elsewhere; not failures of this run)", known, dir,
                knownWhy, root));
        return sb.toString();
    }

    private static String section(String title, Map<String, List<FuzzRunner.Result>> byCategory, Path dir,
            Map<String, String> why, Path root) throws IOException {
        StringBuilder sb = new StringBuilder();
        int cases = byCategory.values().stream().mapToInt(List::size).sum();
        sb.append(String.format(Locale.ROOT, "%s: %,d in %d categories%n", title, cases, byCategory.size()));
        int n = 0;
        for (Map.Entry<String, List<FuzzRunner.Result>> e : byCategory.entrySet()) {
            n++;
            FuzzRunner.Result r = e.getValue().get(0);
            Map<String, Integer> targets = new LinkedHashMap<>();
            e.getValue().forEach(x -> targets.merge(x.c().group().replaceFirst("^\\w+ ", "") + " "
                    + x.c().target(), 1, Integer::sum));
            sb.append(String.format(Locale.ROOT, "  %-40s %,6d cases, %d fields/options%s%n", e.getKey(),
                    e.getValue().size(), targets.size(), why == null || why.get(e.getKey()) == null ? ""
                            : ": " + why.get(e.getKey())));
            Map<String, Integer> mutations = new TreeMap<>();
            e.getValue().forEach(x -> mutations.merge(x.c().mutation(), 1, Integer::sum));
            sb.append("      mutations: ").append(mutations.toString().replaceAll("[{}]", "")).append('\n');
            sb.append("      reproducer ").append(r.c()).append('\n');
            Path repro = dir.resolve(String.format(Locale.ROOT, "%s%02d", why == null ? "" : "known-", n));
            Files.createDirectories(repro.resolve("work"));
            Files.createDirectories(repro.resolve("out"));
            for (Map.Entry<String, byte[]> f : r.c().files().entrySet()) {
                Files.write(repro.resolve("work").resolve(f.getKey()), f.getValue());
            }
            String line = r.c().args().stream().map(a -> a.startsWith("@repo/") ? root.resolve(a.substring(6)).toString()
                    : a.startsWith("@") ? a.substring(1) : a).map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a)
                    .reduce((a, b) -> a + " " + b).orElse("");
            sb.append("      cd ").append(repro).append(" && ").append(root.resolve("lsdt")).append(' ').append(line)
                    .append('\n');
            sb.append("      exit ").append(r.code()).append(", ").append(r.millis()).append(" ms: ")
                    .append(firstLine(r.code() == 0 || r.code() == 3 ? nanLine(r.out()) : r.err())).append('\n');
        }
        return sb.toString();
    }

    private static String nanLine(String out) {
        for (String l : out.split("\n")) {
            if (l.contains("NaN") || l.contains("Infinity")) {
                return "stdout: " + l.strip();
            }
        }
        return "stdout: " + out.strip();
    }

    private static String firstLine(String s) {
        String l = s.strip();
        int nl = l.indexOf('\n');
        l = nl < 0 ? l : l.substring(0, nl);
        return l.length() > 300 ? l.substring(0, 300) + "…" : l;
    }
}
