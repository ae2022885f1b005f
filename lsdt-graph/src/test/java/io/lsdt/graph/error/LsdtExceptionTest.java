package io.lsdt.graph.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LsdtExceptionTest {
    @Test
    void messageFromTemplateKeepsFullPrecision() {
        LsdtException e = LsdtException.of(Problem.INVALID_VALUE, "fund.mfu", 1.0000000000000002, "(0, 1]");
        assertThat(e.getMessage()).isEqualTo("fund.mfu = 1.0000000000000002: expected (0, 1]");
        assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(e.isUserError()).isTrue();
        // 1234567 is not grouped as MessageFormat would do for a number
        assertThat(LsdtException.of(Problem.INTERNAL, 1234567).getMessage()).isEqualTo("internal error: 1234567");
        assertThat(LsdtException.of(Problem.INTERNAL, "x").isUserError()).isFalse();
    }

    @Test
    void hintsAndContext() {
        LsdtException e = LsdtException.of(Problem.UNKNOWN_ID, "device", "H10").withHint("you meant 'H100'?");
        assertThat(e.getMessage())
                .isEqualTo("unknown device 'H10'" + System.lineSeparator() + "Maybe you meant 'H100'?");
        assertThat(e.withHint("")).isSameAs(e);
        assertThat(e.withHint(null)).isSameAs(e);
        LsdtException c = LsdtException.of(Problem.MISSING_FIELD, "deadline", "a duration").inContext("13b.yaml");
        assertThat(c.getMessage()).isEqualTo("13b.yaml: deadline is missing: expected a duration");
        assertThat(c.problem()).isEqualTo(Problem.MISSING_FIELD);
        RuntimeException cause = new IllegalStateException("disk");
        LsdtException w = LsdtException.wrap(cause, Problem.UNREADABLE_FILE, "a.yaml", "disk");
        assertThat(w).hasCause(cause).hasMessage("cannot read a.yaml: disk");
        assertThat(w.inContext("ctx")).hasCause(cause);
    }
}
