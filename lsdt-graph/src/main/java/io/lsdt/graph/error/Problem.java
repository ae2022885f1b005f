package io.lsdt.graph.error;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * Message templates of {@link LsdtException}. Placeholders follow {@link MessageFormat} ({@code {0}}, {@code {1}}, …);
 * arguments are formatted with {@link String#valueOf(Object)} so that numbers keep full precision.
 */
public enum Problem {
    // units
    UNKNOWN_UNIT(true, "unknown unit ''{0}'' in ''{1}''"),
    AMBIGUOUS_UNIT(true, "ambiguous unit ''{0}'': {1}"),
    MALFORMED_UNIT(true, "cannot read unit ''{0}'': {1}"),
    MALFORMED_QUANTITY(true, "cannot read quantity ''{0}'': {1}"),
    DIMENSION_MISMATCH(true, "{0}: dimension mismatch, {1} is {2} but {3} is {4}"),
    // expressions and registry
    MALFORMED_EXPRESSION(false, "equation {0}: cannot parse ''{1}'': {2}"),
    DUPLICATE_NAME(false, "duplicate {0} ''{1}''"),
    UNKNOWN_VARIABLE(true, "unknown variable ''{0}''{1}"),
    CYCLE(false, "cycle in the equation graph: {0}"),
    INVALID_RELATION(false, "relation {0}: {1}"),
    REGISTRY_INVALID(false, "the equation registry did not load:\n{0}"),
    // resolver
    UNKNOWN_VARIANT(true, "variable ''{0}'' has no variant ''{1}''; its variants are {2}"),
    NOT_A_VARIANT_FAMILY(true, "variable ''{0}'' has no variants; got a variant choice ''{1}''"),
    UNRESOLVED(true, "cannot resolve ''{0}'': missing {1}"),
    // user input
    INVALID_VALUE(true, "{0} = {1}: expected {2}"),
    MISSING_FIELD(true, "{0} is missing: expected {1}"),
    UNKNOWN_FIELD(true, "unknown key ''{0}''{1}"),
    UNKNOWN_ID(true, "unknown {0} ''{1}''"),
    UNREADABLE_FILE(true, "cannot read {0}: {1}"),
    MALFORMED_FILE(true, "{0} is not valid {1}: {2}"),
    WRONG_COMMAND(true, "this is {0}; use {1}"),
    SEVERAL(true, "{0}, all of them:{1}"),
    NON_FINITE(true, "{0} = {1}: expected a finite number; it is computed from {2}, and overflows"),
    // simulator
    STRATEGY_ERROR(true, "rank {0}, {1} at {2}: {3}"),
    DEADLOCK(true, "deadlock: no rank can proceed:\n{0}"),
    OUT_OF_MEMORY(true, "rank {0} is out of memory at {1}, {2}: {3} resident after {5}, capacity {4}; resident:{6}"),
    // catalog data shipped with LSDT
    CATALOG_INVALID(false, "catalog {0}: {1}"),
    INTERNAL(false, "internal error: {0}");

    private final boolean userError;
    private final String template;

    Problem(boolean userError, String template) {
        this.userError = userError;
        this.template = template;
    }

    /** @return true when this problem is caused by the user's input */
    public boolean userError() {
        return userError;
    }

    /** @return the raw template */
    public String template() {
        return template;
    }

    String format(Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(template, Locale.ROOT).format(texts);
    }
}
