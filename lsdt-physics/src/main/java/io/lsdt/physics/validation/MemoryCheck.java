package io.lsdt.physics.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory per GPU where a run publishes it ({@code memory_gib_per_gpu}): the design's predicted memory (weights,
 * gradients, optimizer state, activations and the framework reserve) against the published peak. The cell's unit is
 * read from its text ("73 GB", "58500.20 MB", "4.82 GB (Max GPU RAM)"); a bare number is GiB, the column's unit.
 */
public final class MemoryCheck {
    private static final Pattern NUMBER = Pattern.compile("([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*([GMT]i?B)?",
            Pattern.CASE_INSENSITIVE);

    private MemoryCheck() {}

    /**
     * One run's memory.
     *
     * @param runId the run
     * @param measured the published memory per GPU (B)
     * @param predicted LSDT's memory per GPU (B)
     * @param text the cell as published
     */
    public record Row(String runId, double measured, double predicted, String text) {
        /**
         * The error of the predicted memory.
         *
         * @return |predicted − measured| / measured (%)
         */
        public double absPctError() {
            return Math.abs(predicted - measured) / measured * 100;
        }
    }

    /**
     * Compares predicted memory with the figures the runs publish.
     *
     * @param rows the rows validated, in order
     * @param results their results, in the same order
     * @return the predicted rows that publish a memory figure
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static List<Row> of(List<RunRow> rows, List<RunResult> results) {
        if (rows.size() != results.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + results.size() + " results");
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String cell = rows.get(i).text("memory_gib_per_gpu");
            if (cell == null || cell.isBlank() || !(results.get(i) instanceof RunResult.Predicted p)) {
                continue;
            }
            double bytes = bytes(cell);
            if (bytes > 0) {
                out.add(new Row(p.runId(), bytes, p.prediction().memory().total(), cell.strip()));
            }
        }
        return out;
    }

    /**
     * Reads a published memory figure.
     *
     * @param cell a memory cell, e.g. "73 GB (published Memory_per_GPU)", "58500.20 MB", "18.9"
     * @return its value in bytes (GB = 1e9 B, GiB = 2^30 B; a bare number is GiB), or 0 when no number is in it
     */
    static double bytes(String cell) {
        Matcher m = NUMBER.matcher(cell);
        if (!m.find()) {
            return 0;
        }
        double v = Double.parseDouble(m.group(1).replace(",", ""));
        String unit = m.group(2) == null ? "GiB" : m.group(2);
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "MB" -> v * 1e6;
            case "MIB" -> v * 0x1p20;
            case "GB" -> v * 1e9;
            case "TB" -> v * 1e12;
            case "TIB" -> v * 0x1p40;
            default -> v * 0x1p30;
        };
    }
}
