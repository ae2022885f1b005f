package io.lsdt.cli.fuzz;

import io.lsdt.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs fuzz cases in-process through {@link Main#run} (what {@code ./lsdt} runs), one at a time, each in a fresh
 * directory, capturing what it prints (and anything printed to System.out and System.err behind the CLI's back), and
 * checks what must hold for every input:
 *
 * <ul>
 *   <li>{@code stack-trace}, {@code exception-named}: no "\tat " and no "Exception" in anything printed;</li>
 *   <li>{@code exit-1 <type>}, {@code exit-N}: the exit code is 0, 2 or 3 (1 is a defect of LSDT);</li>
 *   <li>{@code nan-printed <command>}: a result (stdout of exit 0 or 3) prints no NaN or Infinity (except where it
 *       quotes the input: {@code cp = '-Infinity' is not a number});</li>
 *   <li>{@code invalid-accepted <mutation>}: an input made invalid does not exit 0 (when it was valid before);</li>
 *   <li>{@code invalid-answered-3 <mutation>}: nor does it exit 3 (a requirement failing is for valid input);</li>
 *   <li>{@code file-left}: no temporary file in the output directory, and nothing at all after a failure;</li>
 *   <li>{@code timeout}: the case ends within {@link #TIMEOUT_S} seconds.</li>
 * </ul>
 */
public final class FuzzRunner {
    /** Longest a case may take (s). */
    static final long TIMEOUT_S = 120;
    /** NaN or Infinity as a number: not where a message quotes the input ('-Infinity'), nor AMD's Infinity Fabric. */
    private static final Pattern NAN = Pattern.compile("(?<![\\w'])-?(?:NaN|Infinity)(?![\\w'])(?! Fabric)");
    private static final Pattern INTERNAL = Pattern.compile("lsdt: internal error: ([\\w.$]+)");

    /**
     * What a case did.
     *
     * @param c the case
     * @param code its exit code (-1 on a timeout)
     * @param millis how long it took
     * @param failures the categories of what did not hold, empty when all held
     * @param out what it printed on stdout (cut)
     * @param err what it printed on stderr (cut)
     */
    public record Result(FuzzCase c, int code, long millis, List<String> failures, String out, String err) {
    }

    private final Path root;
    private final Path scratch;
    private final Map<FuzzCase, Integer> baselines = new HashMap<>();
    private ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param root the repository's root
     * @param scratch an empty directory for the cases' files
     */
    public FuzzRunner(Path root, Path scratch) {
        this.root = root;
        this.scratch = scratch;
    }

    private record Run(int code, String out, String err) {
    }

    /** Runs a command line with the case's files in {@code work} and its outputs in {@code out}. */
    private Run execute(FuzzCase c, Path work, Path out) throws Exception {
        Files.createDirectories(work);
        Files.createDirectories(out);
        for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
            Files.write(work.resolve(f.getKey()), f.getValue());
        }
        String[] args = c.args().stream().map(a -> a.startsWith("@work/") ? work.resolve(a.substring(6)).toString()
                : a.startsWith("@out/") ? out.resolve(a.substring(5)).toString()
                : a.startsWith("@repo/") ? root.resolve(a.substring(6)).toString() : a).toArray(String[]::new);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        PrintStream capture = new PrintStream(stray, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            Future<Integer> f = executor.submit(() -> Main.run(args, new PrintWriter(o, true), new PrintWriter(e,
                    true)));
            try {
                int code = f.get(TIMEOUT_S, TimeUnit.SECONDS);
                return new Run(code, o.toString(), e + stray.toString(StandardCharsets.UTF_8));
            } catch (java.util.concurrent.ExecutionException x) {
                // an Error escaping Main.run (picocli's handler sees Exceptions only): the JVM would die of it
                return new Run(1, o.toString(), e + stray.toString(StandardCharsets.UTF_8)
                        + "\nlsdt: internal error: " + x.getCause().getClass().getName() + " (uncaught, escaped Main.run)");
            } catch (TimeoutException x) {
                f.cancel(true);
                executor.shutdownNow();
                executor = Executors.newSingleThreadExecutor();
                return new Run(-1, o.toString(), e.toString());
            }
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
    }

    private int baseline(FuzzCase b) throws Exception {
        Integer code = baselines.get(b);
        if (code == null) {
            Path dir = Files.createTempDirectory(scratch, "baseline");
            code = execute(b, dir.resolve("work"), dir.resolve("out")).code();
            baselines.put(b, code);
            delete(dir);
        }
        return code;
    }

    /**
     * Runs one case and checks it.
     *
     * @param c the case
     * @return what it did
     */
    public Result run(FuzzCase c) {
        try {
            boolean wasValid = c.baseline() == null || List.of(0, 3).contains(baseline(c.baseline()));
            Path dir = Files.createTempDirectory(scratch, "case");
            Path out = dir.resolve("out");
            long t0 = System.nanoTime();
            Run r = execute(c, dir.resolve("work"), out);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            List<String> failures = new ArrayList<>();
            String all = r.out() + r.err();
            if (r.code() == -1) {
                failures.add("timeout " + c.command());
            }
            if (all.contains("\tat ")) {
                failures.add("stack-trace");
            } else if (all.contains("Exception")) {
                failures.add("exception-named " + c.command());
            }
            if (r.code() == 1) {
                Matcher m = INTERNAL.matcher(r.err());
                failures.add("exit-1 " + (m.find() ? m.group(1) : "(no internal error line)"));
            } else if (r.code() != -1 && !List.of(0, 2, 3).contains(r.code())) {
                failures.add("exit-" + r.code());
            }
            if ((r.code() == 0 || r.code() == 3) && NAN.matcher(r.out()).find()) {
                failures.add("nan-printed " + c.command());
            }
            if (c.invalid() && wasValid && r.code() == 0) {
                failures.add("invalid-accepted " + c.mutation());
            }
            if (c.invalid() && wasValid && r.code() == 3) {
                failures.add("invalid-answered-3 " + c.mutation());
            }
            List<String> left = list(out);
            if (left.stream().anyMatch(n -> n.startsWith(".")) || r.code() != 0 && !left.isEmpty()) {
                failures.add("file-left");
            }
            delete(dir);
            return new Result(c, r.code(), millis, failures, cut(r.out()), cut(r.err()));
        } catch (Exception e) {
            throw new IllegalStateException("fuzz case " + c + " could not be run", e);
        }
    }

    private static String cut(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "…";
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
