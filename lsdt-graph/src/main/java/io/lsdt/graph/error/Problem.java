package io.lsdt.graph.error;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * Message templates of {@link LsdtException}. Placeholders follow {@link MessageFormat} ({@code {0}}, {@code {1}}, …);
 * arguments are formatted with {@link String#valueOf(Object)} so that numbers keep full precision.
 */
public enum Problem {
    // units
    /** A unit symbol LSDT does not know; placeholders: the symbol, the text it is in. */
    UNKNOWN_UNIT(true, "unknown unit ''{0}'' in ''{1}''"),
    /** A unit symbol that reads two ways; placeholders: the symbol, the readings. */
    AMBIGUOUS_UNIT(true, "ambiguous unit ''{0}'': {1}"),
    /** A unit that does not parse; placeholders: the text, what is wrong. */
    MALFORMED_UNIT(true, "cannot read unit ''{0}'': {1}"),
    /** A quantity (number and unit) that does not parse; placeholders: the text, what is wrong. */
    MALFORMED_QUANTITY(true, "cannot read quantity ''{0}'': {1}"),
    /**
     * Two sides of different dimensions; placeholders: where, the first side and its dimension, the second side and its
     * dimension.
     */
    DIMENSION_MISMATCH(true, "{0}: dimension mismatch, {1} is {2} but {3} is {4}"),
    // expressions and registry
    /** An equation whose text does not parse; placeholders: the equation, its text, what is wrong. */
    MALFORMED_EXPRESSION(false, "equation {0}: cannot parse ''{1}'': {2}"),
    /** Two registry items of one name; placeholders: what kind of item, the name. */
    DUPLICATE_NAME(false, "duplicate {0} ''{1}''"),
    /** A variable name the graph does not have; placeholders: the name, the closest names (a hint, or empty). */
    UNKNOWN_VARIABLE(true, "unknown variable ''{0}''{1}"),
    /** Equations that depend on each other in a loop; placeholder: the cycle. */
    CYCLE(false, "cycle in the equation graph: {0}"),
    /** An equation or constraint that is wrong as written; placeholders: its name, what is wrong. */
    INVALID_RELATION(false, "relation {0}: {1}"),
    /** The equation registry failed its checks; placeholder: the errors, one a line. */
    REGISTRY_INVALID(false, "the equation registry did not load:\n{0}"),
    // resolver
    /** A variant choice the variable does not have; placeholders: the variable, the choice, its variants. */
    UNKNOWN_VARIANT(true, "variable ''{0}'' has no variant ''{1}''; its variants are {2}"),
    /** A variant choice for a variable without variants; placeholders: the variable, the choice. */
    NOT_A_VARIANT_FAMILY(true, "variable ''{0}'' has no variants; got a variant choice ''{1}''"),
    /** A variable the given inputs do not determine; placeholders: the variable, the missing inputs. */
    UNRESOLVED(true, "cannot resolve ''{0}'': missing {1}"),
    // user input
    /** A value out of its allowed range or form; placeholders: the field, the value, what was expected. */
    INVALID_VALUE(true, "{0} = {1}: expected {2}"),
    /** A required field not given; placeholders: the field, what was expected. */
    MISSING_FIELD(true, "{0} is missing: expected {1}"),
    /** A key that a file's section does not have; placeholders: the key, the closest keys (a hint, or empty). */
    UNKNOWN_FIELD(true, "unknown key ''{0}''{1}"),
    /** An id the catalog does not have; placeholders: what kind of id, the id. */
    UNKNOWN_ID(true, "unknown {0} ''{1}''"),
    /** A file that cannot be read; placeholders: the file, the reason. */
    UNREADABLE_FILE(true, "cannot read {0}: {1}"),
    /** A file that is not in its format; placeholders: the file, the format, what is wrong and where. */
    MALFORMED_FILE(true, "{0} is not valid {1}: {2}"),
    /**
     * A file given to the wrong command (a sweep to {@code plan}, say); placeholders: what the file is, the command to
     * use.
     */
    WRONG_COMMAND(true, "this is {0}; use {1}"),
    /** Several errors reported together; placeholders: a summary, the errors. */
    SEVERAL(true, "{0}, all of them:{1}"),
    /**
     * A computed value that overflows to infinity or NaN; placeholders: the variable, its value, the inputs it comes
     * from.
     */
    NON_FINITE(true, "{0} = {1}: expected a finite number; it is computed from {2}, and overflows"),
    // simulator
    /**
     * A parallel strategy that is inconsistent in the simulator; placeholders: the rank, the operation, the time, what
     * is wrong.
     */
    STRATEGY_ERROR(true, "rank {0}, {1} at {2}: {3}"),
    /** Simulated ranks that all wait on each other; placeholder: each rank's state. */
    DEADLOCK(true, "deadlock: no rank can proceed:\n{0}"),
    /**
     * A simulated rank past its memory; placeholders: the rank, the time, the operation, the bytes resident, the
     * capacity, what it was storing, what is resident.
     */
    OUT_OF_MEMORY(true, "rank {0} is out of memory at {1}, {2}: {3} resident after {5}, capacity {4}; resident:{6}"),
    // catalog data shipped with LSDT
    /**
     * Catalog data shipped with LSDT that is wrong (a bug of LSDT, not of the input); placeholders: the entry, what is
     * wrong.
     */
    CATALOG_INVALID(false, "catalog {0}: {1}"),
    /** A bug of LSDT; placeholder: what went wrong. */
    INTERNAL(false, "internal error: {0}");

    private final boolean userError;
    private final String template;

    Problem(boolean userError, String template) {
        this.userError = userError;
        this.template = template;
    }

    /**
     * Whether the user's input causes this problem rather than LSDT.
     *
     * @return true when this problem is caused by the user's input
     */
    public boolean userError() {
        return userError;
    }

    /**
     * The message template, with its placeholders.
     *
     * @return the raw template
     */
    public String template() {
        return template;
    }

    /**
     * The message of this problem with its placeholders filled.
     *
     * @param args the placeholders' values, each formatted with {@link String#valueOf(Object)}
     * @return the message
     */
    String format(Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(template, Locale.ROOT).format(texts);
    }
}
