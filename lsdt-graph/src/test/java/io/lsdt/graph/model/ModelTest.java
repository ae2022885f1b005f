package io.lsdt.graph.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.unit.Units;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void rangesContainAndDescribe() {
        assertThat(Range.FRACTION.contains(0)).isFalse();
        assertThat(Range.FRACTION.contains(1)).isTrue();
        assertThat(Range.UNIT_INTERVAL.contains(0)).isTrue();
        assertThat(Range.POSITIVE.contains(Double.MIN_VALUE)).isTrue();
        assertThat(Range.NON_NEGATIVE.contains(-0.0)).isTrue();
        assertThat(Range.ANY.contains(Double.NaN)).isFalse();
        assertThat(Range.ANY.contains(Double.NEGATIVE_INFINITY)).isFalse();
        assertThat(Range.AT_LEAST_ONE.contains(0.999)).isFalse();
        assertThat(Range.FRACTION.describe()).isEqualTo("a number in (0, 1]");
        assertThat(Range.POSITIVE.describe()).isEqualTo("a finite number > 0");
        assertThat(Range.AT_LEAST_ONE.describe()).isEqualTo("a finite number ≥ 1");
        assertThat(Range.ANY.describe()).isEqualTo("a finite number");
        assertThat(new Range(Double.NEGATIVE_INFINITY, false, 0.5, false).describe()).isEqualTo("a number < 0.5");
    }

    @Test
    void variableNameParts() {
        Variable v = new Variable("physical.lithography.medium.n", Units.parse("1"), "index", null, Range.ANY);
        assertThat(v.scope()).isEqualTo("physical");
        assertThat(v.shortName()).isEqualTo("lithography.medium.n");
        assertThat(v.family()).isEqualTo("physical.lithography.medium");
        Variable bare = new Variable("x", Units.parse("s"), "x", null, Range.ANY);
        assertThat(bare.scope()).isEmpty();
        assertThat(bare.family()).isEqualTo("x");
    }

    @Test
    void referenceCitation() {
        Reference r = new Reference("Language Models are Few-Shot Learners", "https://arxiv.org/abs/2005.14165",
                "arXiv:2005.14165", Reference.Kind.PAPER, "2020", null).at("Table D.1");
        assertThat(r.cite()).isEqualTo("Language Models are Few-Shot Learners (paper, 2020), Table D.1 — "
                + "arXiv:2005.14165");
        assertThat(Reference.of("A100 datasheet", Reference.Kind.DATASHEET).cite()).isEqualTo("A100 datasheet "
                + "(datasheet)");
        assertThat(new Reference("Docs", "https://example.org", null, Reference.Kind.DOCUMENTATION, null, null).cite())
                .isEqualTo("Docs (documentation) — https://example.org");
    }
}
