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
    /**
     * A number with words around it: an optional qualifier (~, ≈, about, approx., around, roughly, circa), the number
     * (thousands separators allowed), an optional multiplier letter attached to it (k, M, B, T), then either nothing
     * or a remark that does not continue the number (a unit, words, a parenthesis).
     */
    private static final Pattern WORDY = Pattern.compile("^(~|≈|about|approx\\.?|approximately|around|roughly|circa)?"
            + "\\s*([+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|[+-]?\\.\\d+)([kKMBT](?![A-Za-z]))?(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /**
     * What may not follow a number for it to be read alone: a range, a ratio, a product, more digits or an exponent
     * (the plain reading refused "1e300" as out of range; the lenient one must not read it as 1).
     */
    private static final Pattern CONTINUES = Pattern.compile("^\\s*(?:[-–—/x×*+:]|to\\b|or\\b|\\d|\\.\\d|e[+-]?\\d)",
            Pattern.CASE_INSENSITIVE);

    /** Copies the cells. */
    public RunRow {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /**
     * One cell of the row as text.
     *
     * @param column a column name
     * @return the cell's text, stripped of surrounding white space; empty when the cell is empty or absent
     */
    public String text(String column) {
        String v = cells.get(column);
        return v == null ? "" : v.strip();
    }

    /**
     * Whether a cell is blank.
     *
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
     * A number read leniently from a cell: the plain forms of {@link #number(String)}, and numbers with words around
     * them — "~2,048", "4 (per GPU)", "0.42 (est.)", "1.3k", "2.2T", "73 GB (published)". A range ("4-8"), a ratio or a
     * cell that opens with words ("FSDP over remaining 64 chips") is not read.
     *
     * @param column a column name
     * @return the number and, when the cell held more than a plain number, a note saying how it was read; empty when
     *     the cell is blank or cannot be read
     */
    public java.util.Optional<Lenient> lenient(String column) {
        return lenient(column, text(column));
    }

    /**
     * A number read leniently.
     *
     * @param value the number
     * @param note how a cell with words was read ("tokens_trained '~31.5B' read as 31500000000"), or null for a plain
     *     number
     */
    public record Lenient(double value, String note) {}

    /**
     * Reads a cell's number leniently, as published text writes numbers.
     *
     * @param column the column, for the note
     * @param text a cell's text
     * @return the number read leniently (see {@link #lenient(String)})
     */
    static java.util.Optional<Lenient> lenient(String column, String text) {
        String t = text.strip();
        OptionalDouble plain = parse(t);
        if (plain.isPresent()) {
            return java.util.Optional.of(new Lenient(plain.getAsDouble(), null));
        }
        java.util.regex.Matcher m = WORDY.matcher(t);
        if (t.isEmpty() || !m.matches() || CONTINUES.matcher(m.group(4)).find()) {
            return java.util.Optional.empty();
        }
        double v = Double.parseDouble(m.group(2).replace(",", ""));
        if (m.group(3) != null) {
            v *= switch (Character.toUpperCase(m.group(3).charAt(0))) {
                case 'K' -> 1e3;
                case 'M' -> 1e6;
                case 'B' -> 1e9;
                default -> 1e12;
            };
        }
        if (!io.lsdt.physics.yaml.YamlNode.withinMagnitude(v)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Lenient(v, column + " '" + t + "' read as " + RunMapper.fmt(v)));
    }

    /**
     * Whether a cell holds words where a number belongs.
     *
     * @param column a column name
     * @return true when the cell holds text that is not a number (neither blank nor numeric)
     */
    public boolean wordy(String column) {
        return !blank(column) && number(column).isEmpty();
    }

    /**
     * The run's id, for messages and reports.
     *
     * @return the run id, or {@code row N} when the cell is blank
     */
    public String runId() {
        String id = text("run_id");
        return id.isEmpty() ? "row " + row : id;
    }

    /**
     * The source that published the run.
     *
     * @return the source title, or {@code (no source title)} when blank
     */
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

    /**
     * A number within the magnitudes LSDT reads anywhere ({@link io.lsdt.physics.yaml.YamlNode#MIN_MAGNITUDE} to
     * {@link io.lsdt.physics.yaml.YamlNode#MAX_MAGNITUDE}, or 0): a cell beyond them (1e300, 1e-300) is not read, so
     * its row is refused by name rather than overflowing the step model.
     */
    private static OptionalDouble finite(double v) {
        return io.lsdt.physics.yaml.YamlNode.withinMagnitude(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
