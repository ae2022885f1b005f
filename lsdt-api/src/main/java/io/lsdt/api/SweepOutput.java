package io.lsdt.api;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.TreeSet;

/**
 * A sweep's files: the rows as CSV, streamed in point order while the sweep runs (so a run that stops can be
 * resumed: {@link #resume}), then, when every row is in, the Pareto columns marked and the JSON lines written from
 * the CSV ({@link #finish}). Both files hold the same rows in the same order, byte for byte the same whatever ran
 * them.
 */
public final class SweepOutput {
    private SweepOutput() {}

    /**
     * What {@link #finish} found.
     *
     * @param rows rows in the file
     * @param ok rows with a design
     * @param meets rows whose design meets the deadline
     * @param costFront point indices on the cost–time front, ascending
     * @param co2Front point indices on the CO2–time front, ascending
     */
    public record Summary(long rows, long ok, long meets, TreeSet<Long> costFront, TreeSet<Long> co2Front) {}

    /** The file beside the CSV that holds the sweep it was written for ({@link Sweep#selfContained()}). */
    public static final String SWEEP_FILE = "sweep.yaml";

    /**
     * Opens a sweep's CSV for the rest of a run: a missing or empty file is started with the header; a file with
     * rows keeps its complete rows (a line cut short by a stopped run is dropped) and the run resumes after them.
     * Beside it, {@value #SWEEP_FILE} records the sweep (its base brief inline): a run of a sweep that has changed
     * since — an axis, a value, the base brief — is refused rather than resumed into rows of another sweep.
     *
     * @param csv the CSV file
     * @param sweep the sweep
     * @param fresh whether to start over even when the file has rows
     * @return the number of rows already written (the run's first point)
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file was written for another sweep or its rows are
     *     not in point order; {@link Problem#UNREADABLE_FILE} when it cannot be read or written
     */
    public static long resume(Path csv, Sweep sweep, boolean fresh) {
        Path recorded = csv.resolveSibling(SWEEP_FILE);
        String text = sweep.selfContained();
        try {
            boolean started = Files.exists(csv) && Files.size(csv) > 0;
            if (!fresh && started && Files.exists(recorded)
                    && !Files.readString(recorded, StandardCharsets.UTF_8).equals(text)) {
                throw LsdtException.of(Problem.INVALID_VALUE, csv.toString(), "rows of another sweep (" + recorded
                        + " differs from " + sweep.source() + ")", "the rows of this sweep to resume")
                        .withHint("the sweep or its base brief changed since: give --fresh to start over, or "
                                + "another output directory");
            }
            long done = resume(csv, SweepRow.header(sweep.axes()), fresh);
            Files.writeString(recorded, text, StandardCharsets.UTF_8);
            return done;
        } catch (IOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, recorded, e.getMessage());
        }
    }

    /**
     * {@link #resume(Path, Sweep, boolean)} on the header alone, without the record of the sweep beside the file.
     *
     * @param csv the CSV file
     * @param header the header line the file must start with
     * @param fresh whether to start over even when the file has rows
     * @return the number of complete rows kept (the run's first point)
     * @throws LsdtException {@link Problem#INVALID_VALUE} when the file has another header or its rows are not in
     *     point order; {@link Problem#UNREADABLE_FILE} when it cannot be read or written
     */
    static long resume(Path csv, String header, boolean fresh) {
        try {
            if (fresh || !Files.exists(csv) || Files.size(csv) == 0) {
                Files.writeString(csv, header + "\n", StandardCharsets.UTF_8);
                return 0;
            }
            long rows = 0;
            long keep = 0;
            long offset = 0;
            try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                String first = r.readLine();
                if (!header.equals(first)) {
                    throw LsdtException.of(Problem.INVALID_VALUE, csv + " header", first == null ? "empty" : first,
                            "this sweep's header " + header)
                            .withHint("another sweep wrote it: give another output directory, or --fresh to overwrite");
                }
            }
            // count complete lines (ending with \n) and the byte offsets of the last two line ends, streaming
            long prevEnd = -1;
            try (var in = new java.io.BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
                long pos = 0;
                for (int b = in.read(); b >= 0; b = in.read(), pos++) {
                    if (b == '\n') {
                        prevEnd = offset - 1;
                        offset = pos + 1;
                        keep++;
                    }
                }
            }
            rows = keep - 1;
            if (offset < Files.size(csv)) {
                try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.WRITE)) {
                    ch.truncate(offset);
                }
            }
            // the rows are in point order from 0: check that the last one is rows - 1
            if (rows > 0) {
                byte[] last = new byte[(int) (offset - 1 - (prevEnd + 1))];
                try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.READ)) {
                    ch.read(java.nio.ByteBuffer.wrap(last), prevEnd + 1);
                }
                long idx = Long.parseLong(SweepRow.split(new String(last, StandardCharsets.UTF_8)).get(0));
                if (idx != rows - 1) {
                    throw LsdtException.of(Problem.INVALID_VALUE, csv + " row " + rows, "point " + idx,
                            "point " + (rows - 1) + ": a sweep writes its points in order")
                            .withHint("the file was edited; give --fresh to start over");
                }
            }
            return rows;
        } catch (IOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, csv, e.getMessage());
        } catch (NumberFormatException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, csv.toString(), "a row without a point index",
                    "a sweep's CSV").withHint("give --fresh to start over");
        }
    }

    /**
     * Opens a resumed sweep's CSV file to append rows to.
     *
     * @param csv the CSV file ({@link #resume} has run)
     * @return a writer appending to it (UTF-8, buffered); close it before {@link #finish}
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when it cannot be opened
     */
    public static Writer append(Path csv) {
        try {
            return Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, csv, e.getMessage());
        }
    }

    /**
     * Marks the Pareto fronts of the rows with a design (cost against time to train, CO2 against time to train, all
     * minimized) in the CSV's {@code pareto_*} columns, and writes the JSON lines, one object per row in the same
     * order. Two passes over the file; memory holds the fronts, not the rows.
     *
     * @param csv the complete CSV
     * @param jsonl the JSON lines file to write
     * @return the counts and the fronts
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when a file cannot be read or written
     */
    public static Summary finish(Path csv, Path jsonl) {
        try {
            Pareto cost = new Pareto();
            Pareto co2 = new Pareto();
            long rows = 0;
            long ok = 0;
            long meets = 0;
            List<String> header;
            try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                header = SweepRow.split(r.readLine());
                int iT = header.indexOf("time_to_train_d");
                int iC = header.indexOf("cost_usd");
                int iE = header.indexOf("co2_t");
                int iS = header.indexOf("status");
                int iM = header.indexOf("meets_deadline");
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    List<String> f = SweepRow.split(line);
                    rows++;
                    if (!f.get(iS).equals("ok")) {
                        continue;
                    }
                    ok++;
                    meets += f.get(iM).equals("true") ? 1 : 0;
                    long idx = Long.parseLong(f.get(0));
                    double t = Double.parseDouble(f.get(iT));
                    cost.add(idx, t, Double.parseDouble(f.get(iC)));
                    co2.add(idx, t, Double.parseDouble(f.get(iE)));
                }
            }
            TreeSet<Long> cf = cost.ids();
            TreeSet<Long> ef = co2.ids();
            int pC = header.indexOf("pareto_cost_time");
            int pE = header.indexOf("pareto_co2_time");
            int iS = header.indexOf("status");
            Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
            try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    BufferedWriter j = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
                w.write(r.readLine());
                w.write('\n');
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    List<String> f = new java.util.ArrayList<>(SweepRow.split(line));
                    if (f.get(iS).equals("ok")) {
                        long idx = Long.parseLong(f.get(0));
                        f.set(pC, Boolean.toString(cf.contains(idx)));
                        f.set(pE, Boolean.toString(ef.contains(idx)));
                    }
                    w.write(SweepRow.join(f));
                    w.write('\n');
                    j.write(SweepRow.json(header, f));
                    j.write('\n');
                }
            }
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(rows, ok, meets, cf, ef);
        } catch (IOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, csv, e.getMessage());
        } catch (UncheckedIOException e) {
            throw LsdtException.of(Problem.UNREADABLE_FILE, csv, e.getCause().getMessage());
        }
    }
}
