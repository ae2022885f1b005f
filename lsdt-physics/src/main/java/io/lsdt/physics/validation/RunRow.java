package io.lsdt.physics.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One row of a runs CSV (the schema of {@code data/validation/dev_runs.csv}): the cells as published, by column name.
 * Cells are text; {@link #number(String)} reads them leniently, so that a cell holding words ("FSDP over remaining
 * 64 chips", "n/a") is a missing number rather than an error. Immutable.
 *
 * @param row the 1-based data row in its file (the header is row 0)
 * @param cells the cells by column name, in file order; a column the row does not reach is absent
 */
public record RunRow(int row, Map<String, String> cells) {
    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    /** Copies the cells. */
    public RunRow {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /**
     * @param column a column name
     * @return the cell's text, stripped of surrounding white space; empty when the cell is empty or absent
     */
    public String text(String column) {
        String v = cells.get(column);
        return v == null ? "" : v.strip();
    }

    /**
     * @param column a column name
     * @return true when the cell is empty or absent
     */
    public boolean blank(String column) {
        return text(column).isEmpty();
    }

    /**
     * Reads a cell as a number, leniently: a plain decimal ({@code 1.121}, {@code 2e3}) or one with thousands
     * separators ({@code 11,335,957}). Anything else — words, "n/a", "~5", a range — is missing.
     *
     * @param column a column name
     * @return the number, or empty when the cell is blank or not a number
     */
    public OptionalDouble number(String column) {
        return parse(text(column));
    }

    /**
     * @param column a column name
     * @return true when the cell holds text that is not a number (neither blank nor numeric)
     */
    public boolean wordy(String column) {
        return !blank(column) && number(column).isEmpty();
    }

    /** @return the run id, or {@code row N} when the cell is blank */
    public String runId() {
        String id = text("run_id");
        return id.isEmpty() ? "row " + row : id;
    }

    /** @return the source title, or {@code (no source title)} when blank */
    public String source() {
        String s = text("source_title");
        return s.isEmpty() ? "(no source title)" : s;
    }

    /**
     * Lenient number parsing shared by the row accessors.
     *
     * @param text a cell's text
     * @return the number, or empty
     */
    static OptionalDouble parse(String text) {
        String t = text.strip();
        if (PLAIN.matcher(t).matches()) {
            return finite(Double.parseDouble(t));
        }
        if (THOUSANDS.matcher(t).matches()) {
            return finite(Double.parseDouble(t.replace(",", "")));
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
