package io.lsdt.graph.registry;

import static io.lsdt.graph.GraphFixtures.REF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.lsdt.graph.GraphFixtures;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.model.Relation;
import io.lsdt.graph.registry.GraphIssue.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryBuilderTest {
    private static Scope numbers(String name) {
        return Scope.named(name, "test").variable("a", "1", "a", REF, Range.ANY)
                .variable("b", "1", "b", REF, Range.ANY)
                .variable("x", "1", "x", REF, Range.ANY);
    }

    private static LsdtException buildFails(Scope... scopes) {
        RegistryBuilder b = Registry.builder();
        for (Scope s : scopes) {
            b.add(s);
        }
        LsdtException e = catchThrowableOfType(LsdtException.class, b::build);
        assertThat(e).as("build() should fail").isNotNull();
        assertThat(e.problem()).isEqualTo(Problem.REGISTRY_INVALID);
        assertThat(e.isUserError()).isFalse();
        assertThat(e.getMessage()).startsWith("the equation registry did not load:\n");
        return e;
    }

    @Test
    void smallScopeLoads() {
        Registry r = GraphFixtures.training();
        assertThat(r.scopes()).containsExactly("fund");
        assertThat(r.variables()).hasSize(11);
        assertThat(r.variables().keySet()).startsWith("fund.P", "fund.Tok", "fund.c_flop");
        assertThat(r.relations().keySet()).containsExactly("fund.eq.c_flop", "fund.eq.F", "fund.eq.R", "fund.eq.T",
                "fund.eq.gpu_hours", "fund.ck.deadline");
        assertThat(r.equations()).hasSize(5);
        assertThat(r.constraints()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("fund.ck.deadline");
            // names inside expressions are qualified on load
            assertThat(c.inputs()).containsExactly("fund.T", "fund.T_max");
        });
        assertThat(r.headlines()).containsExactly("fund.T");
        assertThat(r.definitions("fund.F")).singleElement().satisfies(e -> {
            assertThat(e.role()).isEqualTo(Relation.Role.IDENTITY);
            assertThat(e.inputs()).containsExactly("fund.c_flop", "fund.P", "fund.Tok");
            assertThat(e.text()).isEqualTo("c_flop * P * Tok");
        });
        assertThat(r.isRoot("fund.P")).isTrue();
        assertThat(r.isRoot("fund.c_flop")).isFalse();
        assertThat(r.users("fund.T")).extracting(Relation::name)
                .containsExactly("fund.eq.gpu_hours", "fund.ck.deadline");
        assertThat(r.users("fund.gpu_hours")).isEmpty();
        // every variable and relation has a reference: no warnings
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void plantedDimensionErrorFailsNamingEquationAndBothDimensions() {
        Scope s = Scope.named("s", "planted")
                .variable("P", "param", "parameters", REF, Range.POSITIVE)
                .variable("Tok", "token", "tokens", REF, Range.POSITIVE)
                .variable("F", "FLOP", "training FLOP", REF, Range.POSITIVE)
                // planted: forgot the 6 FLOP/(param·token) factor, so the right side is param·token
                .equation("F", "P * Tok", REF);
        LsdtException e = buildFails(s);
        assertThat(e.getMessage()).contains("error [dimension] s.eq.F: left side s.F is FLOP (FLOP) but the right "
                + "side 'P * Tok' is token·param");
    }

    @Test
    void plantedSumOfBytesAndFlopFailsNamingBothTerms() {
        Scope s = Scope.named("s", "planted")
                .variable("bytes", "GB", "bytes moved", REF, Range.ANY)
                .variable("work", "FLOP", "work", REF, Range.ANY)
                .variable("total", "B", "total", REF, Range.ANY)
                .equation("total", "bytes + work", REF);
        LsdtException e = buildFails(s);
        assertThat(e.getMessage()).contains("[dimension] s.eq.total: 's.bytes' is B but 's.work' is FLOP");
    }

    @Test
    void plantedDimensionErrorInAConstraint() {
        Scope s = Scope.named("s", "planted")
                .variable("t", "s", "time", REF, Range.ANY)
                .variable("m", "GiB", "memory", REF, Range.ANY)
                .constraint("fits", "t <= m", "nonsense", REF);
        assertThat(buildFails(s).getMessage())
                .contains("[dimension] s.ck.fits: 't <= m': left side is s but right side is B");
    }

    @Test
    void plantedCycleFailsNamingTheCycle() {
        Scope s = numbers("s").equation("a", "b + 1", REF).equation("b", "a * 2", REF);
        LsdtException e = buildFails(s);
        assertThat(e.getMessage()).contains("error [cycle] s.a: cycle of definitions: s.a → s.b → s.a");
        // one cycle is reported once, not once per member
        assertThat(e.getMessage().lines().filter(l -> l.contains("[cycle]"))).hasSize(1);
    }

    @Test
    void selfReferenceIsACycle() {
        assertThat(buildFails(numbers("s").equation("a", "a + 1", REF)).getMessage())
                .contains("cycle of definitions: s.a → s.a");
    }

    @Test
    void duplicateVariable() {
        Scope s = numbers("s").variable("a", "1", "again", REF, Range.ANY);
        assertThat(buildFails(s).getMessage()).contains("error [duplicate] s.a: variable declared twice");
        // the same scope name loaded twice duplicates every variable
        assertThat(buildFails(numbers("s"), numbers("s")).getMessage().lines()
                .filter(l -> l.contains("variable declared twice"))).hasSize(3);
    }

    @Test
    void unknownVariableInAnExpressionHasASuggestion() {
        Scope s = GraphFixtures.trainingScope().variable("F2", "FLOP", "typo", REF, Range.ANY)
                .equation("F2", "c_flop * P * Tokk", REF);
        LsdtException e = buildFails(s);
        assertThat(e.getMessage()).contains("error [unknown-variable] fund.eq.F2: unknown variable 'Tokk'; maybe you "
                + "meant 'Tok'");
    }

    @Test
    void equationForAnUndeclaredVariable() {
        assertThat(buildFails(numbers("s").equation("ghost", "a + 1", REF)).getMessage())
                .contains("[unknown-variable] s.eq.ghost: defines 's.ghost', which is not declared");
    }

    @Test
    void undeclaredHeadline() {
        assertThat(buildFails(numbers("s").headline("nope")).getMessage())
                .contains("[unknown-variable] s.nope: headline target is not declared");
    }

    @Test
    void twoIdentitiesForOneVariable() {
        // within one scope both identities are named s.eq.x, so the second is a duplicate relation
        assertThat(buildFails(numbers("s").equation("x", "a", REF).equation("x", "b", REF)).getMessage())
                .contains("error [duplicate] s.eq.x: relation declared twice");
        // a dotted short name reaches the same variable under a different relation name: the definition rule
        Scope outer = Scope.named("s", "outer").equation("t.x", "t.a", REF);
        Scope inner = Scope.named("s.t", "inner").variable("x", "1", "x", REF, Range.ANY)
                .variable("a", "1", "a", REF, Range.ANY).equation("x", "2 * a", REF);
        LsdtException e = buildFails(inner, outer);
        assertThat(e.getMessage()).contains("error [definition] s.t.x: 2 identities define it; keep one and make the "
                + "others variants");
    }

    @Test
    void identityMixedWithVariants() {
        Scope s = numbers("s").equation("x", "a", REF).variant("x", "alt", "b", REF, null);
        assertThat(buildFails(s).getMessage())
                .contains("error [definition] s.x: has both an identity and variants; make the identity a variant too");
    }

    @Test
    void duplicateVariantKey() {
        Scope s = numbers("s").variant("x", "k", "a", REF, null).variant("x", "k", "b", REF, null);
        assertThat(buildFails(s).getMessage()).contains("[duplicate] s.eq.x.k: relation declared twice");
    }

    @Test
    void everyErrorIsListed() {
        Scope s = numbers("s").equation("a", "b + 1", REF).equation("b", "a * 2", REF)
                .variable("a", "1", "again", REF, Range.ANY)
                .equation("x", "nope", REF);
        String message = buildFails(s).getMessage();
        assertThat(message).contains("[duplicate] s.a", "[cycle]", "unknown variable 'nope'");
    }

    @Test
    void issuesListWithoutThrowing() {
        Scope s = Scope.named("s", "issues")
                .variable("a", "1", "a", null, Range.ANY)
                .variable("b", "1", "b", REF, Range.ANY)
                .equation("b", "a + [s]", null);
        List<GraphIssue> issues = Registry.builder().add(s).issues();
        assertThat(issues).extracting(GraphIssue::severity, GraphIssue::kind, GraphIssue::subject).containsExactly(
                tuple(Severity.WARNING, "no-reference", "s.a"),
                tuple(Severity.WARNING, "no-reference", "s.eq.b"),
                tuple(Severity.ERROR, "dimension", "s.eq.b"));
        assertThat(issues.get(2).message()).isEqualTo("'s.a' is 1 but '[s]' is s");
        assertThat(issues.get(0)).hasToString("warning [no-reference] s.a: variable has no reference");
    }

    @Test
    void missingReferencesAreWarningsThatDoNotStopTheLoad() {
        Scope s = Scope.named("s", "warnings")
                .variable("a", "1", "a", null, Range.ANY)
                .variable("b", "1", "b", REF, Range.ANY)
                .equation("b", "2 * a", null)
                .constraint("pos", "b >= 0", "b is negative", null);
        Registry r = Registry.builder().add(s).build();
        assertThat(r.warnings()).extracting(GraphIssue::subject).containsExactly("s.a", "s.eq.b", "s.ck.pos");
        assertThat(r.warnings()).allSatisfy(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.kind()).isEqualTo("no-reference");
        });
    }

    @Test
    void malformedExpressionFailsWhenDeclared() {
        LsdtException e = catchThrowableOfType(LsdtException.class,
                () -> numbers("s").equation("x", "a +", REF));
        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_EXPRESSION);
        assertThat(e.getMessage())
                .isEqualTo("equation s.eq.x: cannot parse 'a +': expression ends early at position 3");
        assertThatThrownBy(() -> numbers("s").constraint("c", "a + b", "d", REF))
                .isInstanceOfSatisfying(LsdtException.class, x -> assertThat(x.getMessage())
                        .startsWith("equation s.ck.c: cannot parse 'a + b'"));
        assertThatThrownBy(() -> numbers("s").variable("y", "KB", "y", REF, Range.ANY))
                .isInstanceOfSatisfying(LsdtException.class, x -> assertThat(x.problem())
                        .isEqualTo(Problem.AMBIGUOUS_UNIT));
    }

    @Test
    void dottedNamesReachOtherScopes() {
        Scope cost = Scope.named("cost", "cost")
                .variable("price", "USD/h", "price per device-hour", REF, Range.POSITIVE)
                .variable("total", "USD", "total", REF, Range.POSITIVE)
                .equation("total", "price * fund.gpu_hours", REF);
        Registry r = Registry.builder().add(GraphFixtures.trainingScope()).add(cost).build();
        assertThat(r.definitions("cost.total").get(0).inputs()).containsExactly("cost.price", "fund.gpu_hours");
        assertThat(r.scopes()).containsExactly("fund", "cost");
    }

    @Test
    void recheckFindsNothingInALoadedRegistry() {
        assertThat(RegistryBuilder.recheck(GraphFixtures.training())).isEmpty();
    }
}
