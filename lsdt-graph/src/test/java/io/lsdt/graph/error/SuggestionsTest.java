package io.lsdt.graph.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> NAMES = List.of("tokens_per_sec", "tokens", "params", "mfu", "hfu");

    @Test
    void closestByEditDistanceThenName() {
        // "mfuu" -> mfu (distance 1, and contains it), hfu (distance 2)
        assertThat(Suggestions.closest("mfuu", NAMES, 3)).containsExactly("mfu", "hfu");
        // adjacent transposition costs 1: "parmas" -> params
        assertThat(Suggestions.closest("parmas", NAMES, 3)).containsExactly("params");
        assertThat(Suggestions.closest("zzzzzz", NAMES, 3)).isEmpty();
        // case-insensitive
        assertThat(Suggestions.closest("MFU", NAMES, 1)).containsExactly("mfu");
    }

    @Test
    void distance() {
        // kitten -> sitting: k->s, e->i, +g = 3
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void hintText() {
        assertThat(Suggestions.hint("mfuu", NAMES)).isEqualTo("you meant 'mfu' or 'hfu'?");
        assertThat(Suggestions.hint("token", NAMES)).isEqualTo("you meant 'tokens' or 'tokens_per_sec'?");
        assertThat(Suggestions.hint("zzzzzz", NAMES)).isEmpty();
    }
}
