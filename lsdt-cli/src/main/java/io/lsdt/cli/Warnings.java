package io.lsdt.cli;

import io.lsdt.physics.brief.Brief;
import java.io.PrintWriter;

/** The library's warnings about an input, on standard error, one a line, before the command's output. */
final class Warnings {
    private Warnings() {}

    /**
     * Prints a brief's warnings to standard error.
     *
     * @param err standard error
     * @param brief a loaded brief
     */
    static void of(PrintWriter err, Brief brief) {
        for (String w : brief.warnings()) {
            err.println("lsdt: warning: " + brief.file() + ": " + w);
        }
        err.flush();
    }
}
