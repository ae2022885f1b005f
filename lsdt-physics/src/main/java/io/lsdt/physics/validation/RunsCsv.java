package io.lsdt.physics.validation;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.physics.io.InputFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a runs CSV: a header row, then one published training run per row, in the schema of
 * {@code data/validation/dev_runs.csv} (see its README). The reader is strict about the file's shape — every
 * {@linkplain #REQUIRED_COLUMNS required column} must be present, each run id must be unique, a row may not have more
 * cells than the header — and lenient about the cells, which are kept as text for {@link RunMapper} to interpret.
 * Columns beyond the required ones are kept and ignored. Blank lines are skipped.
 */
public final class RunsCsv {
    /** The columns {@link RunMapper} reads; a file without one of them is refused, naming it. */
    public static final List<String> REQUIRED_COLUMNS = List.of("run_id", "source_title", "model", "arch_type",
            "layers", "hidden", "ffn_hidden", "heads", "kv_heads", "seq_len", "vocab", "precision", "device",
            "device_count", "tp", "pp", "dp", "cp", "ep", "vpp", "sequence_parallel", "zero_fsdp", "micro_batch",
            "global_batch_seqs", "global_batch_tokens", "recompute", "framework", "tflops_per_gpu", "mfu_pct",
            "hfu_pct", "tokens_per_s", "tokens_per_s_per_gpu", "step_time_s", "peak_tflops_basis");

    private static final String WHAT = "runs CSV (the schema of data/validation/dev_runs.csv)";

    private RunsCsv() {}

    /**
     * Reads a runs CSV file.
     *
     * @param file a CSV file (UTF-8)
     * @return its rows, in file order
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when the file cannot be read;
     *     {@link Problem#MALFORMED_FILE} when it is empty, is not CSV, lacks a required column (named), has a row
     *     with more cells than the header, or repeats a run id
     */
    public static List<RunRow> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw LsdtException.wrap(e, Problem.MALFORMED_FILE, file, WHAT, "it is not UTF-8 text");
        } catch (IOException e) {
            throw LsdtException.wrap(e, Problem.UNREADABLE_FILE, file, InputFiles.reason(e));
        }
        return parse(text, file.toString());
    }

    /**
     * Parses runs CSV text.
     *
     * @param text the CSV text
     * @param name the name of its origin, for messages
     * @return its rows, in order
     * @throws LsdtException as {@link #read(Path)}
     */
    public static List<RunRow> parse(String text, String name) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw LsdtException.of(Problem.MALFORMED_FILE, name, WHAT,
                    "the file is empty; expected a header row naming the columns, then one run per row");
        }
        List<List<String>> records = records(text, name);
        if (records.isEmpty()) {
            throw LsdtException.of(Problem.MALFORMED_FILE, name, WHAT, "the file has no header row");
        }
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            header.add(h == null ? "" : h.strip());
        }
        checkHeader(header, name);
        List<RunRow> rows = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            if (rec.size() > header.size()) {
                throw LsdtException.of(Problem.MALFORMED_FILE, name, WHAT, "row " + r + " has " + rec.size()
                        + " cells but the header names " + header.size() + " columns")
                        .withHint("quote cells that contain commas");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < rec.size(); c++) {
                cells.put(header.get(c), rec.get(c) == null ? "" : rec.get(c));
            }
            RunRow row = new RunRow(r, cells);
            if (row.blank("run_id")) {
                throw LsdtException.of(Problem.MALFORMED_FILE, name, WHAT, "row " + r + " has no run_id; each run "
                        + "needs an id of its own (the rows are reported, held out and compared by it)");
            }
            {
                Integer before = ids.putIfAbsent(row.text("run_id"), r);
                if (before != null) {
                    throw LsdtException.of(Problem.MALFORMED_FILE, name, WHAT, "run_id '" + row.text("run_id")
                            + "' appears on rows " + before + " and " + r + "; each run needs its own id");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw LsdtException.of(Problem.MALFORMED_FILE, name, WHAT, "the header has no rows below it");
        }
        return rows;
    }

    private static List<List<String>> records(String text, String name) {
        CsvMapper mapper = new CsvMapper();
        List<List<String>> out = new ArrayList<>();
        try (Reader in = new StringReader(text);
                MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                        .readValues(in)) {
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw LsdtException.wrap(e, Problem.MALFORMED_FILE, name, WHAT, msg);
        }
        return out;
    }

    private static void checkHeader(List<String> header, String name) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (!h.isEmpty() && seen.putIfAbsent(h, i) != null) {
                throw LsdtException.of(Problem.MALFORMED_FILE, name, WHAT, "column '" + h + "' appears twice in the "
                        + "header");
            }
        }
        List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !seen.containsKey(c)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String list = "'" + String.join("', '", missing) + "'";
        LsdtException e = LsdtException.of(Problem.MALFORMED_FILE, name, WHAT,
                (missing.size() == 1 ? "missing column " : "missing columns ") + list);
        List<String> unknown = header.stream().filter(h -> !REQUIRED_COLUMNS.contains(h)).toList();
        List<String> close = Suggestions.closest(missing.get(0), unknown, 1);
        throw e.withHint(close.isEmpty() ? "the header must name every column of dev_runs.csv that LSDT reads: "
                + String.join(", ", REQUIRED_COLUMNS)
                : "the column '" + close.get(0) + "' is meant as '" + missing.get(0) + "'?");
    }
}
