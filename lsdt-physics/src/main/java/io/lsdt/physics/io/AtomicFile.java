package io.lsdt.physics.io;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the files LSDT produces (traces, timelines, reports, residuals tables), each as the kind of file it is:
 *
 * <ul>
 *   <li><b>A regular file, or a new one</b>, is written whole or not at all: the content goes to a temporary file in
 *       the target's own directory (so that the final rename stays on one file system), is forced to disk, and is
 *       then renamed over the target atomically. On any failure the temporary file is removed and the target is
 *       untouched; a JVM shutdown hook removes the temporary files of writes still in flight when the process is
 *       interrupted (Ctrl-C, SIGTERM), so no hidden {@code .name.*.tmp} file is left behind.</li>
 *   <li><b>A symbolic link</b> is written through: the link stays, and its target (followed link by link) is written
 *       as above, atomically replaced when it is a regular file.</li>
 *   <li><b>A FIFO or a character device</b> ({@code /dev/null}, a terminal, a pipe behind {@code /dev/stdout}) is
 *       streamed to directly: no temporary file, no rename (renaming over it would replace the device by a regular
 *       file). A path reached through {@code /proc} or {@code /dev/fd} (e.g. {@code /dev/stdout}) is streamed too,
 *       appended when it is a regular file.</li>
 *   <li>A directory, a block device or a socket is refused.</li>
 * </ul>
 *
 * <p>Missing directories are not created: a failed write must leave nothing behind, not even a directory. Every
 * error is a user error ({@link Problem#INVALID_VALUE}) naming what the file is (the option, e.g. {@code --trace}),
 * the path as given, and the real problem: a parent that is a file and not a directory, a directory that does not
 * exist or is not writable, the device full.
 */
public final class AtomicFile {
    /** Permissions of a new file (the temporary file is created owner-only; outputs are for sharing). */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** Symbolic links followed before giving up (Linux's own limit is 40). */
    private static final int MAX_LINKS = 40;
    /** File-type bits of a POSIX mode. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    /** The content of a file, written to a stream the caller owns. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream (do not close it)
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** How a file was written. */
    public enum Mode {
        /** Into a temporary file renamed over the target (a regular file, or a new one). */
        REPLACED,
        /** Streamed straight to the target (a FIFO, a character device, or a path through /proc or /dev/fd). */
        STREAMED
    }

    /**
     * What a write produced.
     *
     * @param path the path as given
     * @param target the file actually written: {@code path} with its symbolic links followed
     * @param bytes bytes written
     * @param mode how
     */
    public record Written(Path path, Path target, long bytes, Mode mode) {
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code target} as its kind of file requires (see the class comment).
     *
     * @param target the file to create, replace or stream to
     * @param what what the file is, for the error message: the option that names it (e.g. {@code "--trace"}) or a
     *     description (e.g. {@code "Chrome trace file"})
     * @param content the content writer
     * @return what was written
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming {@code what}, the path and the reason when the file
     *     cannot be written; any unchecked exception of {@code content} is rethrown unchanged after the clean-up
     */
    public static Written write(Path target, String what, Content content) {
        Target t = target(target, what);
        return t.stream ? stream(target, t, what, content) : replace(target, t, what, content);
    }

    /**
     * Checks, before any work is done, that {@code target} can be written: its directory exists, is a directory and
     * is writable (or the target is a FIFO or character device that is writable); nothing is created.
     *
     * @param target the file
     * @param what what the file is (the option that names it)
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming {@code what}, the path and the real problem
     */
    public static void check(Path target, String what) {
        Target t = target(target, what);
        if (t.stream) {
            if (!Files.isWritable(t.path)) {
                throw refused(what, target, (t.path.equals(abs(target)) ? "" : t.path + ": ") + "permission denied");
            }
            return;
        }
        Path dir = t.path.getParent();
        if (!Files.isWritable(dir)) {
            throw refused(what, target, "the directory " + dir + " is not writable (permission denied)")
                    .withHint("write to a directory you own, e.g. " + Path.of(System.getProperty("java.io.tmpdir"))
                            .resolve(t.path.getFileName()));
        }
    }

    /**
     * The file a path designates once its symbolic links are followed, for telling whether two paths name the same
     * file: the real path of an existing file, else the real path of its directory joined with its name.
     *
     * @param path a path
     * @return the resolved path (absolute)
     */
    public static Path resolved(Path path) {
        Path p = abs(path);
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            // missing, or behind a link that does not resolve to a file system path (/proc/self/fd/1 -> pipe:[…])
        }
        try {
            Path followed = follow(p);
            if (followed == null) {
                return p;
            }
            Path dir = followed.getParent();
            return dir == null ? followed : dir.toRealPath().resolve(followed.getFileName());
        } catch (IOException | SecurityException e) {
            return p;
        }
    }

    /**
     * Whether two paths are one file, so that an output never overwrites its own input.
     *
     * @param a a path
     * @param b another path
     * @return true when both designate the same file (after following links; hard links to one file included)
     */
    public static boolean sameFile(Path a, Path b) {
        if (resolved(a).equals(resolved(b))) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ targets

    /**
     * Where and how to write.
     *
     * @param path the file to write: the given path with its links followed (absolute)
     * @param stream true to stream to it directly; false to write a temporary file and rename it over {@code path}
     * @param append open for appending (a regular file reached through /proc or /dev/fd)
     * @param kind what the file is, e.g. "FIFO", for messages
     * @param fd 1 or 2 when the path is this process's standard output or error, written through the JVM's own file
     *     descriptor so that what it writes and what the process prints share one file offset; else -1
     */
    private record Target(Path path, boolean stream, boolean append, String kind, int fd) {
        Target(Path path, boolean stream, boolean append, String kind) {
            this(path, stream, append, kind, -1);
        }
    }

    /** @return 1 or 2 when {@code p} is this process's standard output or error by a name Linux gives it, else -1 */
    private static int standardStream(Path p) {
        for (int fd = 1; fd <= 2; fd++) {
            for (String name : new String[] {fd == 1 ? "/dev/stdout" : "/dev/stderr", "/dev/fd/" + fd,
                "/proc/self/fd/" + fd, "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd}) {
                if (p.equals(Path.of(name))) {
                    return fd;
                }
            }
        }
        return -1;
    }

    private static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Follows {@code p}'s links to the file to write; returns null at a link into /proc or /dev/fd (kernel magic). */
    private static Path follow(Path p) throws IOException {
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(p.toString(), null, "too many levels of symbolic links");
            }
            if (magic(p)) {
                return null;
            }
            Path link = Files.readSymbolicLink(p);
            Path dir = p.getParent();
            p = dir == null ? link.toAbsolutePath() : dir.resolve(link).normalize();
        }
        return p;
    }

    /** @return the first link into /proc or /dev/fd on {@code p}'s chain of links (or {@code p}) */
    private static Path lastLink(Path p) {
        try {
            for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(p) && !magic(p); hops++) {
                Path dir = p.getParent();
                Path link = Files.readSymbolicLink(p);
                p = dir == null ? link.toAbsolutePath() : dir.resolve(link).normalize();
            }
        } catch (IOException | SecurityException e) {
            // keep the last path reached
        }
        return p;
    }

    /** Links under /proc and /dev/fd name open files of a process, not file-system paths. */
    private static boolean magic(Path p) {
        return p.startsWith("/proc") || p.startsWith("/dev/fd");
    }

    /** Finds what {@code given} designates, or throws the real reason it cannot be written. */
    private static Target target(Path given, String what) {
        Path p = abs(given);
        if (p.getParent() == null || p.getFileName() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, what, given, "a file path, not a file-system root");
        }
        Path followed;
        try {
            followed = follow(p);
        } catch (IOException e) {
            throw refused(what, given, reason(e));
        }
        if (followed == null || magic(followed)) {
            // /dev/stdout, /proc/self/fd/N: stream to whatever the process has open there
            Path q = followed == null ? p : followed;
            BasicFileAttributes a = attributes(q, true);
            if (a == null) {
                throw refused(what, given, "it names no open file");
            }
            if (a.isDirectory()) {
                throw folder(what, given);
            }
            int fd = standardStream(p);
            if (fd < 0 && followed == null) {
                fd = standardStream(lastLink(p));
            }
            return new Target(q, true, a.isRegularFile(), a.isRegularFile() ? "file" : kind(q, a), fd);
        }
        BasicFileAttributes a = attributes(followed, false);
        String through = followed.equals(p) ? "" : "; " + given + " links to " + followed;
        if (a == null) {
            Path dir = followed.getParent();
            String problem = parentProblem(dir);
            if (problem != null) {
                throw refused(what, given, problem + through).withHint(problem.contains("does not exist")
                        ? "create the directory first; LSDT does not create directories" : null);
            }
            return new Target(followed, false, false, "file");
        }
        if (a.isDirectory()) {
            throw folder(what, given);
        }
        if (a.isRegularFile()) {
            return new Target(followed, false, false, "file");
        }
        String kind = kind(followed, a);
        if (kind.equals("FIFO") || kind.equals("character device")) {
            return new Target(followed, true, false, kind);
        }
        throw refused(what, given, "a regular file, a FIFO or a character device, but " + followed + " is a " + kind);
    }

    private static BasicFileAttributes attributes(Path p, boolean follow) {
        try {
            return follow ? Files.readAttributes(p, BasicFileAttributes.class)
                    : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** @return "FIFO", "character device", "block device", "socket" or "special file" */
    private static String kind(Path p, BasicFileAttributes a) {
        if (a.isRegularFile()) {
            return "file";
        }
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & S_IFMT) {
                case S_IFIFO -> "FIFO";
                case S_IFCHR -> "character device";
                case S_IFBLK -> "block device";
                case S_IFSOCK -> "socket";
                default -> "special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException
                | SecurityException e) {
            return "special file";
        }
    }

    /**
     * Why a new file cannot be created in {@code dir}, or null when it can be tried: the nearest existing ancestor
     * decides between "is not a directory" and "does not exist".
     *
     * @param dir the directory a file is to be created in
     * @return the problem in words, or null
     */
    static String parentProblem(Path dir) {
        if (Files.isDirectory(dir)) {
            return null;
        }
        if (Files.exists(dir)) {
            return dir + " is a " + kindOf(dir) + ", not a directory";
        }
        Path missing = dir;
        for (Path a = dir.getParent(); a != null; a = a.getParent()) {
            if (Files.isDirectory(a)) {
                break;
            }
            if (Files.exists(a)) {
                return a + " is a " + kindOf(a) + ", not a directory, so " + dir + " cannot exist";
            }
            missing = a;
        }
        return "the directory " + dir + " does not exist" + (missing.equals(dir) ? "" : ", nor does " + missing);
    }

    private static String kindOf(Path p) {
        BasicFileAttributes a = attributes(p, true);
        return a == null ? "special file" : a.isRegularFile() ? "regular file" : kind(p, a);
    }

    private static LsdtException folder(String what, Path given) {
        return LsdtException.of(Problem.INVALID_VALUE, what, given, "a file path, but it is a folder; nothing was "
                + "written").withHint("name a file inside it, e.g. " + given.resolve("out"));
    }

    private static LsdtException refused(String what, Path given, String why) {
        return LsdtException.of(Problem.INVALID_VALUE, what, given, "a file LSDT can write (" + why + "); nothing "
                + "was written");
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Temporary files being written, removed by the shutdown hook if the JVM exits before they are renamed. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    /** Registers the shutdown hook once, on the first write. */
    private static final class Hook {
        static {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::removeInFlight, "lsdt-remove-temp-files"));
        }

        static void ensure() {
            // loading the class registered the hook
        }
    }

    /** Removes the temporary files of writes in flight (the shutdown hook; visible for tests). */
    static void removeInFlight() {
        for (Path tmp : IN_FLIGHT) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | SecurityException ignored) {
                // best effort while the JVM exits
            }
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * The writes not yet renamed into place.
     *
     * @return the temporary files of writes in flight (for tests)
     */
    static Set<Path> inFlight() {
        return Set.copyOf(IN_FLIGHT);
    }

    private static Written replace(Path given, Target t, String what, Content content) {
        Path abs = t.path;
        Path dir = abs.getParent();
        Hook.ensure();
        Path tmp = null;
        String step = "cannot create a file in " + dir;
        Counting counting = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            IN_FLIGHT.add(tmp);
            step = "cannot write " + tmp;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new BufferedOutputStream(counting = new Counting(Channels.newOutputStream(ch)),
                            1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            permissions(tmp, abs);
            step = "cannot replace " + abs;
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            IN_FLIGHT.remove(tmp);
            tmp = null;
            return new Written(given, abs, counting.count, Mode.REPLACED);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException && tmp == null ? parentProblem(dir) : null;
            throw LsdtException.wrap(e, Problem.INVALID_VALUE, what, given, "a file LSDT can write ("
                    + (why != null ? why : step + ": " + reason(e)) + "); nothing was written");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what the caller needs to see
                }
                IN_FLIGHT.remove(tmp);
            }
        }
    }

    private static Written stream(Path given, Target t, String what, Content content) {
        Counting counting = null;
        try (OutputStream raw = t.fd > 0 ? new FilterOutputStream(new FileOutputStream(t.fd == 1 ? FileDescriptor.out
                : FileDescriptor.err)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the JVM's own descriptor stays open
                    }
                } : t.append ? Files.newOutputStream(t.path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                        : Files.newOutputStream(t.path, StandardOpenOption.WRITE);
                OutputStream out = new BufferedOutputStream(counting = new Counting(raw), 1 << 16)) {
            content.writeTo(out);
            out.flush();
            return new Written(given, t.path, counting.count, Mode.STREAMED);
        } catch (IOException e) {
            long done = counting == null ? 0 : counting.count;
            throw LsdtException.wrap(e, Problem.INVALID_VALUE, what, given, "a file LSDT can write (writing to the "
                    + t.kind + " " + t.path + " failed: " + reason(e) + (done > 0 ? "; " + done + " bytes were "
                    + "written before the failure" : "") + ")");
        }
    }

    /** Gives the new file the replaced file's permissions, or rw-r--r-- when it is new (POSIX file systems only). */
    private static void permissions(Path tmp, Path target) {
        try {
            Set<PosixFilePermission> p = Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE;
            Files.setPosixFilePermissions(tmp, p);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or the old file vanished: keep the temporary file's permissions
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException x -> "permission denied";
            case NoSuchFileException x -> "no such file or directory";
            case NotDirectoryException x -> "not a directory";
            case DirectoryNotEmptyException x -> "it is a folder";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** Counts the bytes that reach the underlying stream. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
