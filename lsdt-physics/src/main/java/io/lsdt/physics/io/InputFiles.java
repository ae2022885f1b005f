package io.lsdt.physics.io;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads input files and bundled classpath resources whole, turning every I/O failure into
 * {@link Problem#UNREADABLE_FILE} with a reason a user can act on ("no such file", "permission denied", or the
 * system's message). The one reader every parser of user input uses, so that all of them fail the same way.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * @param file the file
     * @return its bytes
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when it is missing or cannot be read
     */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw LsdtException.wrap(e, Problem.UNREADABLE_FILE, file, reason(e));
        }
    }

    /**
     * @param anchor a class whose class loader holds the resource
     * @param resource the absolute resource path, e.g. {@code "/lsdt/sim/systems/a100_80g.json"}
     * @return its bytes
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} naming {@code classpath:resource} when it is missing or
     *     cannot be read
     */
    public static byte[] resource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw LsdtException.of(Problem.UNREADABLE_FILE, "classpath:" + resource, "no such resource");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw LsdtException.wrap(e, Problem.UNREADABLE_FILE, "classpath:" + resource, reason(e));
        }
    }

    /** @return a short reason for an I/O failure: "no such file", "permission denied", or the system's message */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
