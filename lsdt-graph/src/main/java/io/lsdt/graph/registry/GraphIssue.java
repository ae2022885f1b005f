package io.lsdt.graph.registry;

/**
 * A finding about the graph: an error stops the registry from loading; a warning is reported by verify.
 *
 * @param severity error or warning
 * @param kind a short stable tag: {@code dimension}, {@code cycle}, {@code duplicate}, {@code unknown-variable},
 *     {@code definition}, {@code unreachable}, {@code no-reference}
 * @param subject the variable or relation concerned
 * @param message what is wrong, with names and values
 */
public record GraphIssue(Severity severity, String kind, String subject, String message) {
    /** Severity of an issue. */
    public enum Severity { /** The registry does not load. */ ERROR, /** Reported; the registry loads. */ WARNING }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " [" + kind + "] " + subject + ": " + message;
    }
}
