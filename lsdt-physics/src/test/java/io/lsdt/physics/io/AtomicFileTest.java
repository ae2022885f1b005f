package io.lsdt.physics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    private static final byte[] CONTENT = "{\"traceEvents\":[]}\n".getBytes(StandardCharsets.UTF_8);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path dir;

    private static AtomicFile.Written write(Path p) {
        return AtomicFile.write(p, "--trace", out -> out.write(CONTENT));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String type(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return switch (mode & 0170000) {
            case 0010000 -> "fifo";
            case 0020000 -> "char";
            case 0100000 -> "file";
            case 0120000 -> "link";
            default -> Integer.toOctalString(mode);
        };
    }

    /** Runs a command; false when it is missing or fails (the test that needs it is then skipped). */
    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A character device to write to: a private node in the test's directory when the tests run as root (so that a
     * defect renaming over it cannot replace the machine's own /dev/null or /dev/full), else the system's, which a
     * non-root process cannot replace.
     */
    private Path device(String name, int minor) {
        if (ROOT) {
            Path p = dir.resolve(name);
            assumeTrue(run("mknod", p.toString(), "c", "1", String.valueOf(minor)), "mknod works here");
            return p;
        }
        Path p = Path.of("/dev", name);
        assumeTrue(Files.exists(p), p + " exists");
        return p;
    }

    @Test
    void aNewFileIsWrittenWholeAndItsSizeReported() throws IOException {
        Path p = dir.resolve("step.json");
        AtomicFile.Written w = write(p);
        assertThat(w.bytes()).isEqualTo(CONTENT.length);
        assertThat(w.mode()).isEqualTo(AtomicFile.Mode.REPLACED);
        assertThat(w.target()).isEqualTo(p.toAbsolutePath());
        assertThat(Files.readAllBytes(p)).isEqualTo(CONTENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-r--r--");
        assertThat(names()).containsExactly("step.json");
        assertThat(AtomicFile.inFlight()).isEmpty();
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndItsRegularTargetReplaced() throws IOException {
        Files.createDirectory(dir.resolve("real"));
        Path target = Files.writeString(dir.resolve("real/step.json"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve("step.json"), Path.of("real/step.json"));
        Path link2 = Files.createSymbolicLink(dir.resolve("again.json"), Path.of("step.json"));
        AtomicFile.Written w = write(link2);
        assertThat(w.target()).isEqualTo(target.toAbsolutePath());
        assertThat(w.mode()).isEqualTo(AtomicFile.Mode.REPLACED);
        assertThat(type(link)).isEqualTo("link");
        assertThat(type(link2)).isEqualTo("link");
        assertThat(type(target)).isEqualTo("file");
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        // the replaced file keeps its permissions; nothing else appears beside it
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        assertThat(names()).containsExactly("again.json", "real", "step.json");
        try (Stream<Path> s = Files.list(dir.resolve("real"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("step.json");
        }
    }

    @Test
    void aDanglingLinkCreatesItsTarget() throws IOException {
        Files.createDirectory(dir.resolve("out"));
        Path link = Files.createSymbolicLink(dir.resolve("step.json"), Path.of("out/new.json"));
        write(link);
        assertThat(type(link)).isEqualTo("link");
        assertThat(Files.readAllBytes(dir.resolve("out/new.json"))).isEqualTo(CONTENT);
    }

    @Test
    void aLinkIntoAMissingDirectoryNamesTheDirectoryAndTheLink() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("step.json"), Path.of("gone/new.json"));
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> write(link));
        assertThat(x.getMessage()).isEqualTo("--trace = " + link + ": expected a file LSDT can write (the directory "
                + dir.resolve("gone") + " does not exist; " + link + " links to " + dir.resolve("gone/new.json")
                + "); nothing was written\nMaybe create the directory first; LSDT does not create directories");
    }

    @Test
    void aFifoIsStreamedToNotReplaced() throws Exception {
        Path fifo = dir.resolve("trace.fifo");
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo works here");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicFile.Written w = write(fifo);
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(CONTENT);
        assertThat(w.mode()).isEqualTo(AtomicFile.Mode.STREAMED);
        assertThat(w.bytes()).isEqualTo(CONTENT.length);
        assertThat(type(fifo)).isEqualTo("fifo");
        assertThat(names()).containsExactly("trace.fifo");
    }

    @Test
    void aCharacterDeviceIsStreamedToNotReplaced() throws IOException {
        Path nul = device("null", 3);
        AtomicFile.Written w = write(nul);
        assertThat(w.mode()).isEqualTo(AtomicFile.Mode.STREAMED);
        assertThat(w.bytes()).isEqualTo(CONTENT.length);
        assertThat(type(nul)).isEqualTo("char");
        // and through a link to it
        Path link = Files.createSymbolicLink(dir.resolve("sink.json"), nul.toAbsolutePath());
        assertThat(write(link).mode()).isEqualTo(AtomicFile.Mode.STREAMED);
        assertThat(type(nul)).isEqualTo("char");
        assertThat(type(link)).isEqualTo("link");
    }

    @Test
    void aFullDeviceIsAnErrorNamingTheOptionThePathAndTheReason() throws IOException {
        Path full = device("full", 7);
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> write(full));
        assertThat(x.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(x.isUserError()).isTrue();
        assertThat(x.getMessage()).isEqualTo("--trace = " + full + ": expected a file LSDT can write (writing to the "
                + "character device " + full.toAbsolutePath() + " failed: No space left on device)");
        assertThat(type(full)).isEqualTo("char");
    }

    @Test
    void aParentThatIsAFileIsNamedAsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0");
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> write(file.resolve("x.json")));
        assertThat(x.getMessage()).isEqualTo("--trace = " + file.resolve("x.json") + ": expected a file LSDT can "
                + "write (" + file + " is a regular file, not a directory); nothing was written");
        LsdtException deeper = catchThrowableOfType(LsdtException.class, () -> write(file.resolve("a/x.json")));
        assertThat(deeper.getMessage()).contains("(" + file + " is a regular file, not a directory, so "
                + file.resolve("a") + " cannot exist)");
        assertThat(Files.readString(file)).isEqualTo("root:x:0:0");
        // the same when checked before any work
        LsdtException early = catchThrowableOfType(LsdtException.class,
                () -> AtomicFile.check(file.resolve("x.json"), "--svg"));
        assertThat(early.getMessage()).startsWith("--svg = " + file.resolve("x.json")).contains("is a regular file, "
                + "not a directory");
        assertThat(names()).containsExactly("passwd");
    }

    @Test
    void aMissingParentIsNamedAndNotCreated() throws IOException {
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> write(dir.resolve("a/b/x.json")));
        assertThat(x.getMessage()).isEqualTo("--trace = " + dir.resolve("a/b/x.json") + ": expected a file LSDT can "
                + "write (the directory " + dir.resolve("a/b") + " does not exist, nor does " + dir.resolve("a")
                + "); nothing was written\nMaybe create the directory first; LSDT does not create directories");
        assertThat(names()).isEmpty();
    }

    @Test
    void aFolderIsNotAFile() throws IOException {
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> write(dir));
        assertThat(x.getMessage()).startsWith("--trace = " + dir + ": expected a file path, but it is a folder");
        assertThat(names()).isEmpty();
    }

    @Test
    void aReadOnlyDirectoryIsNamed() throws IOException {
        assumeFalse(ROOT, "root writes to read-only directories");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            LsdtException early = catchThrowableOfType(LsdtException.class,
                    () -> AtomicFile.check(ro.resolve("x.json"), "--report"));
            assertThat(early.getMessage()).startsWith("--report = " + ro.resolve("x.json") + ": expected a file LSDT "
                    + "can write (the directory " + ro + " is not writable (permission denied)); nothing was written");
            LsdtException x = catchThrowableOfType(LsdtException.class, () -> write(ro.resolve("x.json")));
            assertThat(x.getMessage()).contains("(cannot create a file in " + ro + ": permission denied)");
            try (Stream<Path> s = Files.list(ro)) {
                assertThat(s).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFailingWriterLeavesNoTemporaryFileAndTheOldFileUntouched() throws IOException {
        Path p = Files.writeString(dir.resolve("step.json"), "old");
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> AtomicFile.write(p, "--svg", out -> {
            out.write(new byte[200_000]);
            throw new IOException("disk on fire");
        }));
        assertThat(x.getMessage()).startsWith("--svg = " + p + ": expected a file LSDT can write (cannot write "
                + dir.resolve(".step.json.")).endsWith(": disk on fire); nothing was written");
        Throwable bug = catchThrowable(() -> AtomicFile.write(p, "--svg", out -> {
            out.write(new byte[200_000]);
            throw new IllegalStateException("a defect");
        }));
        assertThat(bug).isInstanceOf(IllegalStateException.class).hasMessage("a defect");
        assertThat(names()).containsExactly("step.json");
        assertThat(Files.readString(p)).isEqualTo("old");
        assertThat(AtomicFile.inFlight()).isEmpty();
    }

    @Test
    void theShutdownHookRemovesTheTemporaryFileOfAWriteInFlight() throws IOException {
        Path p = dir.resolve("big.json");
        List<Path> seen = new java.util.ArrayList<>();
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> AtomicFile.write(p, "--trace", out -> {
            out.write(CONTENT);
            out.flush();
            seen.addAll(AtomicFile.inFlight());
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).getFileName().toString()).startsWith(".big.json.").endsWith(".tmp");
            assertThat(seen.get(0)).exists();
            AtomicFile.removeInFlight(); // what the hook does when the JVM is told to exit now
            assertThat(seen.get(0)).doesNotExist();
            throw new IOException("interrupted");
        }));
        assertThat(x.getMessage()).endsWith(": interrupted); nothing was written");
        assertThat(names()).isEmpty();
        assertThat(AtomicFile.inFlight()).isEmpty();
    }

    @Test
    void anInterruptedProcessLeavesNoTemporaryFile() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(),
                dir.resolve("big.json").toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (names().stream().noneMatch(n -> n.startsWith(".big.json.")) && System.nanoTime() < deadline) {
                assertThat(p.isAlive()).as("the writer runs").isTrue();
                Thread.sleep(20);
            }
            assertThat(names()).as("a temporary file is being written").hasSize(1);
            p.destroy(); // SIGTERM, as a Ctrl-C or a kill would
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(names()).isEmpty();
    }

    /** Writes a file very slowly until it is killed (for {@link #anInterruptedProcessLeavesNoTemporaryFile}). */
    public static final class SlowWriter {
        public static void main(String[] args) {
            AtomicFile.write(Path.of(args[0]), "--trace", (OutputStream out) -> {
                for (int i = 0; i < 600; i++) {
                    out.write(new byte[1 << 17]);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
            });
        }
    }

    @Test
    void pathsAreComparedAfterFollowingLinks() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "a");
        Path link = Files.createSymbolicLink(dir.resolve("l.json"), Path.of("a.json"));
        Path hard = Files.createLink(dir.resolve("h.json"), a);
        assertThat(AtomicFile.sameFile(a, link)).isTrue();
        assertThat(AtomicFile.sameFile(a, hard)).isTrue();
        assertThat(AtomicFile.sameFile(dir.resolve("x/../new.json"), dir.resolve("new.json"))).isTrue();
        assertThat(AtomicFile.sameFile(dir.resolve("new.json"), dir.resolve("other.json"))).isFalse();
        assertThat(AtomicFile.sameFile(a, dir.resolve("new.json"))).isFalse();
        assertThat(AtomicFile.resolved(link)).isEqualTo(a.toRealPath());
    }
}
