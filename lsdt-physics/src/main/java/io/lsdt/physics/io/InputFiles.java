package io.lsdt.physics.io;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads input files and bundled classpath resources whole, turning every I/O failure into
 * {@link Problem#UNREADABLE_FILE} with a reason a user can act on ("no such file", "permission denied", or the
 * system's message). The one reader every parser of user input uses, so that all of them fail the same way.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * Reads a file whole.
     *
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
     * Reads a text file whole, refusing text that is not UTF-8.
     *
     * @param file a text file
     * @return its text, decoded as UTF-8
     * @throws LsdtException {@link Problem#UNREADABLE_FILE} when it is missing or cannot be read;
     *     {@link Problem#MALFORMED_FILE} naming the file, the line and byte offset of the first byte that is not valid
     *     UTF-8
     */
    public static String text(Path file) {
        return utf8(bytes(file), file.toString());
    }

    /**
     * Decodes UTF-8 strictly: a byte sequence that is not UTF-8 (a Latin-1 'é', a truncated character) is refused
     * where it is, not replaced by U+FFFD or reported by a parser's exception.
     *
     * @param bytes the bytes
     * @param name where they came from, for messages
     * @return the text
     * @throws LsdtException {@link Problem#MALFORMED_FILE} naming the line, byte offset and byte
     */
    public static String utf8(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw LsdtException.of(Problem.MALFORMED_FILE, name, "UTF-8", String.format(Locale.ROOT,
                    "line %d, byte %d of the line (byte offset %d in the file): 0x%02X%s", line,
                    offset - lineStart + 1, offset, bytes[offset] & 0xff, r.length() > 1 ? String.format(Locale.ROOT,
                            " and the %d byte%s after it", r.length() - 1, r.length() > 2 ? "s" : "") : ""))
                    .withHint("save the file as UTF-8 (an editor's 'Save with encoding', or iconv -f latin1 -t utf-8)");
        }
        return out.flip().toString();
    }

    /**
     * Reads a resource of the class path whole.
     *
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

    /**
     * Says why a file could not be read, in words for an error message.
     *
     * @param e the failure
     * @return a short reason for an I/O failure: "no such file", "permission denied", or the system's message
     */
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
