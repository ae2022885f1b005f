package io.lsdt.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Relation;
import io.lsdt.graph.query.Verifier;
import io.lsdt.graph.registry.Registry;
import io.lsdt.physics.architecture.ArchitectureScope;
import io.lsdt.physics.fundamentals.Fundamentals;
import io.lsdt.physics.fundamentals.FundamentalsScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The physics equation graph: it verifies clean, every equation cites a source, and the bundle keys exist. */
class PhysicsRegistryTest {
    private static final Registry REGISTRY = Physics.registry();

    private static List<Relation.Equation> equationsOf(String scope) {
        return REGISTRY.equations().stream().filter(e -> e.defines().startsWith(scope + ".")).toList();
    }

    @Test
    void verifiesWithoutErrors() {
        Verifier.Report report = Verifier.verify(REGISTRY);
        assertThat(report.errors()).isEmpty();
        assertThat(report.dimensionErrors()).isZero();
        assertThat(report.cycles()).isZero();
        assertThat(report.ok()).isTrue();
        // and without warnings: every variable and relation has a reference, every equation reaches a headline
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void isLoadedOnce() {
        assertThat(Physics.registry()).isSameAs(REGISTRY);
        assertThat(REGISTRY.scopes()).containsExactly(ArchitectureScope.NAME, FundamentalsScope.NAME,
                io.lsdt.physics.design.DesignScope.NAME, "design.tp_comm", "design.cp_comm", "design.ep_comm",
                "design.pp_comm", "design.dp_grad_comm", "design.dp_weight_comm", "design.dp_unit_grad_comm",
                "design.dp_unit_weight_comm", "design.dp_unit_rep_comm", "design.dp_rep_comm",
                io.lsdt.physics.comm.CommScope.NAME,
                "gpu", "par",
                "training", "cluster", "thermal", "econ", "sust", "rel", "tail", "serve",
                io.lsdt.physics.uncertainty.UncertaintyScope.NAME, "chip", "hbm", "links", "joules");
    }

    @Test
    void everyEquationOfFundamentalsAndArchHasAReference() {
        for (String scope : List.of(FundamentalsScope.NAME, ArchitectureScope.NAME,
                io.lsdt.physics.design.DesignScope.NAME, io.lsdt.physics.comm.CommScope.NAME)) {
            List<Relation.Equation> eqs = equationsOf(scope);
            assertThat(eqs).as("equations of %s", scope).isNotEmpty();
            for (Relation.Equation e : eqs) {
                Reference r = e.reference();
                assertThat(r).as("reference of %s", e.name()).isNotNull();
                assertThat(r.title()).as("title of the reference of %s", e.name()).isNotBlank();
                // a citation can be followed, unless it is an LSDT definition (which names a quantity)
                if (r.kind() != Reference.Kind.DEFINITION) {
                    assertThat(r.url() != null || r.doi() != null).as("url or doi of %s", e.name()).isTrue();
                }
            }
        }
        // every bundle key has a defining equation, except the four the seed only echoes from the brief
        for (String key : Fundamentals.targets()) {
            if (!List.of("fundamentals.Tok_per_step", "fundamentals.B_dev_mem_bytes", "fundamentals.BW_ckpt_sust_Bps",
                    "fundamentals.seconds_per_ckpt").contains(key)) {
                assertThat(REGISTRY.isRoot(key)).as("%s has an equation", key).isFalse();
            }
        }
    }

    @Test
    void everyBundleKeyIsADeclaredVariable() {
        int keys = 0;
        for (Map.Entry<String, List<String>> s : Fundamentals.SECTIONS.entrySet()) {
            for (String k : s.getValue()) {
                assertThat(REGISTRY.variables()).as("section %s", s.getKey())
                        .containsKey(FundamentalsScope.NAME + "." + k);
                keys++;
            }
        }
        assertThat(keys).isEqualTo(42);
        // 39 distinct keys (t_step_max_s, F_step_flop and S_ckpt_bytes appear in two sections each)
        assertThat(Fundamentals.targets()).hasSize(39).doesNotHaveDuplicates();
    }

    @Test
    void bStepHasTheThreeKorthikantiVariants() {
        assertThat(REGISTRY.variantKeys("fundamentals.B_step_bytes")).containsExactly("none", "selective", "full");
        assertThat(REGISTRY.variantKeys("arch.attn_params_per_layer")).containsExactly("mha", "mla");
        // the seed's inputs are roots a seed brief assigns
        assertThat(REGISTRY.isRoot("fundamentals.Tok")).isTrue();
        assertThat(REGISTRY.isRoot("fundamentals.seconds_per_ckpt")).isTrue();
    }
}
