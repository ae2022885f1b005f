package io.lsdt.physics.validation;

import io.lsdt.physics.TestFiles;
import io.lsdt.physics.design.MemoryBreakdown;
import io.lsdt.physics.design.Prediction;
import io.lsdt.physics.design.StepLedger;
import io.lsdt.physics.design.StepModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared fixtures: the development runs, rows edited cell by cell, CSV text, and a step model with a known answer. */
final class Fixtures {
    private Fixtures() {}

    /** @return the 109 rows of the copy of dev_runs.csv in the test resources (see validation/README.md there) */
    static List<RunRow> devRuns() {
        return RunsCsv.read(TestFiles.data("validation/dev_runs.csv"));
    }

    /**
     * @return the 99 rows of the copy of dev_runs_wave2.csv in the test resources (see validation/README.md there)
     */
    static List<RunRow> wave2Runs() {
        return RunsCsv.read(TestFiles.data("validation/dev_runs_wave2.csv"));
    }

    /** @return the wave-2 row with this run id */
    static RunRow wave2Run(String runId) {
        return wave2Runs().stream().filter(r -> r.runId().equals(runId)).findFirst()
                .orElseThrow(() -> new AssertionError("no wave-2 run " + runId));
    }

    /** @return the development row with this run id */
    static RunRow devRun(String runId) {
        return devRuns().stream().filter(r -> r.runId().equals(runId)).findFirst()
                .orElseThrow(() -> new AssertionError("no dev run " + runId));
    }

    /**
     * @param base a row
     * @param edits column, text, column, text, …
     * @return a copy of {@code base} with those cells replaced
     */
    static RunRow edit(RunRow base, String... edits) {
        Map<String, String> cells = new LinkedHashMap<>(base.cells());
        for (int i = 0; i < edits.length; i += 2) {
            cells.put(edits[i], edits[i + 1]);
        }
        return new RunRow(base.row(), cells);
    }

    /** @return CSV text: a header of the required columns (plus {@code grad_accum}), then the rows' cells */
    static String csv(List<RunRow> rows) {
        List<String> cols = new java.util.ArrayList<>(RunsCsv.REQUIRED_COLUMNS);
        cols.add("grad_accum");
        StringBuilder sb = new StringBuilder(String.join(",", cols)).append('\n');
        for (RunRow r : rows) {
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String t = r.text(cols.get(i));
                sb.append(t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * A step model that ignores the design and answers one known prediction, computed by hand in the tests:
     * step 10 s (compute 6, recompute 2, tp 0.5, dp 0.5, bubble 1), 8 devices, 2^20 tokens, 4e16 model FLOPs and
     * 5e16 hardware FLOPs per step, peak 989e12 FLOP/s.
     */
    static final StepModel KNOWN = (arch, hw, cfg) -> new Prediction(cfg, 8,
            new StepLedger(6, 2, 0, 0.5, 0, 0, 0, 0.5, 1, 0), new MemoryBreakdown(1e9, 1e9, 1e9, 1e9, 1e9), 80e9,
            1 << 20, 4e16, 5e16, 989e12);
}
