package io.lsdt.graph.error;

import java.util.Objects;

/**
 * The one unchecked exception family of LSDT.
 *
 * <p>Every instance carries a {@link Problem} (the message template and whether it is the user's input that is wrong)
 * and the formatted message, which names the input, its value, what was expected and, where possible, a
 * "Maybe …" hint on its own line. Front ends map {@link #isUserError() user errors} to exit code 2 without a stack
 * trace.
 */
public final class LsdtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The template this exception was made from. */
    private final Problem problem;

    private LsdtException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * Creates an exception from a template.
     *
     * @param problem the template
     * @param args the template arguments, in order
     * @return the exception (not thrown)
     */
    public static LsdtException of(Problem problem, Object... args) {
        return new LsdtException(problem, problem.format(args), null);
    }

    /**
     * Creates an exception from a template with a cause.
     *
     * @param cause the underlying cause
     * @param problem the template
     * @param args the template arguments, in order
     * @return the exception (not thrown)
     */
    public static LsdtException wrap(Throwable cause, Problem problem, Object... args) {
        return new LsdtException(problem, problem.format(args), cause);
    }

    /**
     * Returns a copy of this exception whose message has a "Maybe …" hint appended on a new line.
     *
     * @param hint the hint text, without the leading "Maybe"
     * @return a new exception with the same problem and cause
     */
    public LsdtException withHint(String hint) {
        if (hint == null || hint.isBlank()) {
            return this;
        }
        return new LsdtException(problem, getMessage() + System.lineSeparator() + "Maybe " + hint, getCause());
    }

    /**
     * Returns a copy whose "Maybe …" hints are replaced by one that knows more of the situation.
     *
     * @param hint the hint text, without the leading "Maybe"
     * @return a new exception with the same problem and cause
     */
    public LsdtException replaceHint(String hint) {
        String m = getMessage();
        int at = m.indexOf(System.lineSeparator() + "Maybe ");
        LsdtException bare = new LsdtException(problem, at < 0 ? m : m.substring(0, at), getCause());
        return bare.withHint(hint);
    }

    /**
     * Returns a copy whose message is prefixed with a context such as a file name or a field path.
     *
     * @param context the context, e.g. {@code "13b.yaml"}
     * @return a new exception
     */
    public LsdtException inContext(String context) {
        return new LsdtException(problem, context + ": " + getMessage(), getCause());
    }

    /**
     * The problem, for callers that handle one kind of error.
     *
     * @return the template this exception was made from
     */
    public Problem problem() {
        return problem;
    }

    /**
     * Whether the user's input is at fault rather than LSDT.
     *
     * @return true when the input given by the user is at fault (CLI exit code 2)
     */
    public boolean isUserError() {
        return problem.userError();
    }
}
