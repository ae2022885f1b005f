package io.lsdt.physics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures: classpath resources, the repository's example briefs, and briefs written to a temporary folder. */
public final class TestFiles {
    private TestFiles() {}

    /**
     * @param name a test resource, e.g. {@code "seed/13b.yaml"}
     * @return its path (resources are plain files under target/test-classes)
     */
    /**
     * @param name a path under the repository's {@code data/} folder, e.g. {@code validation/dev_runs.csv}
     * @return the file (tests run in the module's folder, one below the repository's root)
     */
    public static Path data(String name) {
        Path p = Path.of("..", "data", name);
        assertThat(p).as("repository data %s", name).isRegularFile();
        return p;
    }

    public static Path resource(String name) {
        URL url = TestFiles.class.getResource("/" + name);
        assertThat(url).as("test resource %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The repository's {@code examples/} folder: a sibling of the module folder (Maven runs tests in the module
     * folder), or a child of the working folder when tests run from the repository root.
     *
     * @param name a file name, e.g. {@code "llama3.1-405b.yaml"}
     * @return its path
     */
    public static Path example(String name) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir : new Path[] {cwd.resolveSibling("examples"), cwd.resolve("examples")}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new AssertionError("examples/" + name + " not found from " + cwd);
    }

    /** @return the file's text (UTF-8) */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code dir/name} and returns the path. */
    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the one occurrence of {@code from}; fails when it occurs zero or several times, so that a mutated
     * fixture can never silently equal the original.
     */
    public static String replaceOnce(String text, String from, String to) {
        int i = text.indexOf(from);
        assertThat(i).as("'%s' occurs in the fixture", from).isNotNegative();
        assertThat(text.indexOf(from, i + 1)).as("'%s' occurs only once in the fixture", from).isNegative();
        return text.substring(0, i) + to + text.substring(i + from.length());
    }
}
