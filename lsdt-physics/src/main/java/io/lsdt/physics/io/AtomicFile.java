package io.lsdt.physics.io;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the target's own folder (so that the
 * final rename stays on one file system), is forced to disk, and is then moved over the target atomically. On any
 * failure — the folder missing or not writable, a regular file where the folder should be, a folder where the file
 * should be, or the content writer throwing midway — the temporary file is removed and the target is untouched.
 *
 * <p>Missing folders are not created: a failed write must leave nothing behind, not even a folder. Every file LSDT
 * writes (traces, timelines, reports) goes through here.
 */
public final class AtomicFile {
    /** Permissions of a new file (the temporary file is created owner-only; outputs are for sharing). */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

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

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code target} whole or not at all.
     *
     * @param target the file to create or replace
     * @param what what the file is, for the error message (e.g. {@code "Chrome trace file"})
     * @param content the content writer
     * @throws LsdtException {@link Problem#INVALID_VALUE} naming the file and the reason when the file cannot be
     *     written; any unchecked exception of {@code content} is rethrown unchanged after the clean-up
     */
    public static void write(Path target, String what, Content content) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw LsdtException.of(Problem.INVALID_VALUE, what, target, "a file path, not a file-system root");
        }
        Path tmp = null;
        String step = "cannot create a file in " + dir;
        try {
            if (Files.isDirectory(abs)) {
                throw LsdtException.of(Problem.INVALID_VALUE, what, target,
                        "a file path, but it is a folder; nothing was written");
            }
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            step = "cannot write " + tmp;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
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
            tmp = null;
        } catch (IOException e) {
            throw LsdtException.wrap(e, Problem.INVALID_VALUE, what, target,
                    "a file LSDT can write (" + step + ": " + reason(e) + "); nothing was written");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what the caller needs to see
                }
            }
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
            case NoSuchFileException x -> "no such file or folder";
            case NotDirectoryException x -> "not a folder";
            case DirectoryNotEmptyException x -> "it is a folder";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
