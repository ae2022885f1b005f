package io.lsdt.graph.query;

import static io.lsdt.graph.GraphFixtures.REF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.registry.GraphIssue;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.registry.Scope;
import org.junit.jupiter.api.Test;

class VerifierTest {
    @Test
    void loadedRegistryHasNoErrorsAndWarnsAboutUnreachableEquations() {
        Verifier.Report report = Verifier.verify(GraphFixtures.training());
        assertThat(report.ok()).isTrue();
        assertThat(report.errors()).isEmpty();
        assertThat(report.dimensionErrors()).isZero();
        assertThat(report.cycles()).isZero();
        // gpu_hours = N * T is downstream of the headline T, so it reaches no headline
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(GraphIssue.Severity.WARNING);
            assertThat(w.kind()).isEqualTo("unreachable");
            assertThat(w.subject()).isEqualTo("fund.eq.gpu_hours");
            assertThat(w.message()).isEqualTo("reaches no headline target");
        });
    }

    @Test
    void referenceWarningsComeFirstThenReachability() {
        Verifier.Report report = Verifier.verify(QueryGraphs.families());
        // cal.x has no reference; both variants of Fpt reach no headline (T)
        assertThat(report.warnings()).extracting(GraphIssue::kind, GraphIssue::subject).containsExactly(
                tuple("no-reference", "d.cal.x"),
                tuple("unreachable", "d.eq.Fpt.dense"),
                tuple("unreachable", "d.eq.Fpt.moe"));
        assertThat(report.ok()).isTrue();
    }

    @Test
    void withoutHeadlinesThereIsNoReachabilityWarning() {
        Scope s = Scope.named("s", "no headline").variable("a", "1", "a", REF, Range.ANY)
                .variable("b", "1", "b", REF, Range.ANY).equation("b", "a + 1", REF);
        Registry r = Registry.builder().add(s).build();
        assertThat(Verifier.verify(r).warnings()).isEmpty();
        // with b as the headline, its equation reaches it
        Registry h = Registry.builder().add(Scope.named("s", "headline").variable("a", "1", "a", REF, Range.ANY)
                .variable("b", "1", "b", REF, Range.ANY).equation("b", "a + 1", REF).headline("b")).build();
        assertThat(Verifier.verify(h).warnings()).isEmpty();
    }
}
