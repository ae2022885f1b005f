package io.lsdt.physics.validation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison of LSDT's step-time model with a set of published runs.
 *
 * @param results one result per row, in file order
 * @param summary the errors over every row
 * @param bySource the errors per source title, in order of first appearance
 */
public record RunsReport(List<RunResult> results, ErrorStats summary, Map<String, ErrorStats> bySource) {
    /** Copies the lists and maps. */
    public RunsReport {
        results = List.copyOf(results);
        bySource = Collections.unmodifiableMap(new LinkedHashMap<>(bySource));
    }

    /**
     * Builds the report of a validation: the results and their error statistics.
     *
     * @param results one result per row
     * @return the report with its statistics
     */
    public static RunsReport of(List<RunResult> results) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : results) {
            groups.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r);
        }
        Map<String, ErrorStats> by = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunResult>> g : groups.entrySet()) {
            by.put(g.getKey(), stats(g.getValue()));
        }
        return new RunsReport(results, stats(results), by);
    }

    private static ErrorStats stats(List<RunResult> rs) {
        List<Double> errors = new ArrayList<>();
        for (RunResult r : rs) {
            if (r instanceof RunResult.Predicted p) {
                errors.add(p.absPctError());
            }
        }
        return ErrorStats.of(rs.size(), errors);
    }

    /**
     * The runs that were predicted.
     *
     * @return the predicted runs, in file order
     */
    public List<RunResult.Predicted> predicted() {
        return results.stream().filter(RunResult.Predicted.class::isInstance).map(RunResult.Predicted.class::cast)
                .toList();
    }

    /**
     * The runs that could not be predicted, with their reasons.
     *
     * @return the skipped runs, in file order
     */
    public List<RunResult.Skipped> skipped() {
        return results.stream().filter(RunResult.Skipped.class::isInstance).map(RunResult.Skipped.class::cast)
                .toList();
    }

    /**
     * Formats a number for the report.
     *
     * @param v a value
     * @return {@code v} with four significant digits, plain notation, no trailing zeros; "—" for NaN
     */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * Renders the report as Markdown: the summary by source, the predicted runs with their largest ledger entries,
     * the skipped runs with their reasons, and the assumptions made per run.
     *
     * @param input the runs file, as the user named it
     * @param model the step model's name
     * @return the Markdown text
     */
    public String markdown(String input, String model) {
        StringBuilder sb = new StringBuilder();
        sb.append("# LSDT step-time model against published runs\n\n");
        sb.append("Runs: `").append(input).append("` — ").append(summary.rows()).append(" rows, ")
                .append(summary.predicted()).append(" predicted, ").append(summary.skipped()).append(" skipped. ")
                .append("Step model: `").append(model).append("`.\n\n");
        sb.append("Error = |predicted − measured| / measured, in %. Median: the middle error (mean of the two middle "
                + "ones for an even count); p90: the nearest-rank 90th percentile (the ⌈0.9·n⌉-th smallest error).\n\n");
        sb.append("## Summary\n\n");
        sb.append("| source | rows | predicted | skipped | median % | mean % | p90 % | max % |\n");
        sb.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Map.Entry<String, ErrorStats> e : bySource.entrySet()) {
            statsRow(sb, cell(e.getKey()), e.getValue());
        }
        statsRow(sb, "**all**", summary);
        sb.append("\n## Predicted runs\n\n");
        if (predicted().isEmpty()) {
            sb.append("None.\n");
        } else {
            sb.append("| run | metric | measured | predicted | error % | largest ledger entries |\n");
            sb.append("|---|---|--:|--:|--:|---|\n");
            for (RunResult.Predicted p : predicted()) {
                String unit = p.metric().unit();
                sb.append("| ").append(cell(p.runId())).append(" | ").append(p.metric().column()).append(" | ")
                        .append(format(p.measured())).append(' ').append(unit).append(" | ")
                        .append(format(p.predicted())).append(' ').append(unit).append(" | ")
                        .append(format(p.absPctError())).append(" | ")
                        .append(LedgerEntries.describeLargest(p.prediction().ledger(), 3)).append(" |\n");
            }
        }
        sb.append("\n## Skipped runs\n\n");
        if (skipped().isEmpty()) {
            sb.append("None.\n");
        } else {
            sb.append("| run | reason |\n|---|---|\n");
            for (RunResult.Skipped s : skipped()) {
                sb.append("| ").append(cell(s.runId())).append(" | ").append(cell(s.reason())).append(" |\n");
            }
        }
        sb.append("\n## Assumptions per run\n\n");
        boolean any = false;
        for (RunResult r : results) {
            if (!r.notes().isEmpty()) {
                any = true;
                sb.append("- **").append(cell(r.runId())).append("**: ").append(cell(String.join("; ", r.notes())))
                        .append('\n');
            }
        }
        if (!any) {
            sb.append("None.\n");
        }
        return sb.toString();
    }

    private static void statsRow(StringBuilder sb, String name, ErrorStats s) {
        sb.append("| ").append(name).append(" | ").append(s.rows()).append(" | ").append(s.predicted()).append(" | ")
                .append(s.skipped()).append(" | ").append(format(s.median())).append(" | ").append(format(s.mean()))
                .append(" | ").append(format(s.p90())).append(" | ").append(format(s.max())).append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
