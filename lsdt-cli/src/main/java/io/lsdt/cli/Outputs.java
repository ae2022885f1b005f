package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.io.AtomicFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files a command writes, each named by its option: checked before the work starts (every file writable, no two
 * options naming the same file, no output overwriting an input), written through {@link AtomicFile}, and reported
 * after (path, size, what it holds).
 */
final class Outputs {
    /** An output option and the file it names. */
    private record Named(String option, Path path) {
    }

    /**
     * A file written: the write and a note on what it holds (may be empty).
     *
     * @param option the option that named the file
     * @param written the write (path, bytes, where links led)
     * @param note what the file holds, or empty
     */
    record File(String option, AtomicFile.Written written, String note) {
    }

    private final List<Named> outputs = new ArrayList<>();
    private final List<Named> inputs = new ArrayList<>();
    private final List<File> written = new ArrayList<>();

    /**
     * Adds an output (ignored when {@code path} is null).
     *
     * @param option the option that names it, e.g. {@code --trace}
     * @param path the file, or null
     * @return this
     */
    Outputs output(String option, Path path) {
        if (path != null) {
            outputs.add(new Named(option, path));
        }
        return this;
    }

    /**
     * Adds an input file the outputs must not overwrite (ignored when {@code path} is null).
     *
     * @param option the option that names it, e.g. {@code --runs}
     * @param path the file, or null
     * @return this
     */
    Outputs input(String option, Path path) {
        if (path != null) {
            inputs.add(new Named(option, path));
        }
        return this;
    }

    /**
     * Refuses, before any work: an output that cannot be written (the real reason: a parent that is not a directory,
     * a directory that does not exist or is not writable, a folder given as a file); two outputs naming one file
     * (after following links); an output naming an input.
     *
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the options and the path
     */
    void check() {
        for (int i = 0; i < outputs.size(); i++) {
            Named a = outputs.get(i);
            for (int j = 0; j < i; j++) {
                Named b = outputs.get(j);
                if (AtomicFile.sameFile(a.path(), b.path())) {
                    throw LsdtException.of(Problem.INVALID_VALUE, b.option() + " / " + a.option(), a.path(),
                            "a different file for each output: " + b.option() + " " + b.path() + " and " + a.option()
                                    + " " + a.path() + " both name " + AtomicFile.resolved(a.path()))
                            .withHint("give each output its own file");
                }
            }
            for (Named in : inputs) {
                if (AtomicFile.sameFile(a.path(), in.path())) {
                    throw LsdtException.of(Problem.INVALID_VALUE, a.option(), a.path(), "a file that is not an "
                            + "input: " + in.option() + " reads " + AtomicFile.resolved(in.path()))
                            .withHint("write " + a.option() + " to another file");
                }
            }
        }
        for (Named o : outputs) {
            AtomicFile.check(o.path(), o.option());
        }
    }

    /**
     * Writes one output and records it.
     *
     * @param option the option naming the file
     * @param path the file
     * @param note what it holds, for the report (may be empty)
     * @param content the content
     */
    void write(String option, Path path, String note, AtomicFile.Content content) {
        written.add(new File(option, AtomicFile.write(path, option, content), note));
    }

    /**
     * The files written so far.
     *
     * @return the files written, in order
     */
    List<File> written() {
        return List.copyOf(written);
    }

    /**
     * The files written as text, for the end of a command's output.
     *
     * @return one line per file written: option, path (and where its links led), size, note
     */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (File f : written) {
            AtomicFile.Written w = f.written();
            String where = w.target().equals(w.path().toAbsolutePath().normalize()) ? w.path().toString()
                    : w.path() + " (→ " + w.target() + ")";
            sb.append(String.format(Locale.ROOT, "  wrote %s %s: %s%s%n", f.option(), where, size(w.bytes()),
                    f.note().isEmpty() ? "" : ", " + f.note()));
        }
        return sb.toString();
    }

    /**
     * The files written, for a command's JSON.
     *
     * @return the files written as JSON: option, path, bytes, and the note when there is one
     */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (File f : written) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("option", f.option());
            m.put("path", f.written().path().toString());
            m.put("bytes", f.written().bytes());
            if (!f.note().isEmpty()) {
                m.put("holds", f.note());
            }
            out.add(m);
        }
        return out;
    }

    /**
     * A file size in bytes and binary units.
     *
     * @param bytes a size (B)
     * @return e.g. {@code "61,759 bytes (60.31 KiB)"}
     */
    static String size(long bytes) {
        String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
        return bytes < 1024 ? exact : exact + " (" + UnitFormat.format(bytes, Units.parse("KiB")) + ")";
    }
}
