package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GraphCommandTest {
    @Test
    void verifyReportsNoDimensionErrorsAndNoCycles() {
        CliRun r = CliRun.of("graph", "verify");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("dimension errors  0").contains("cycles            0").endsWith("OK\n");
    }

    @Test
    void resolveFromAssignmentsWithUnits() throws Exception {
        // F_total = c · P_active · Tok = 6 × 7e10 × 1.5e13 = 6.3e24 FLOP
        CliRun r = CliRun.of("graph", "resolve", "F_total_flop", "--assign", "P_active=70e9",
                "--assign", "Tok=15e12 token", "--assign", "c=6", "--json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("value").asDouble()).isCloseTo(6.3e24, within(1e10));
        assertThat(j.get("unit").asText()).isEqualTo("FLOP");
        assertThat(j.get("trace")).hasSize(1);
        assertThat(j.at("/trace/0/equation").asText()).isEqualTo("fundamentals.eq.F_total_flop");
        assertThat(j.get("missing")).isEmpty();
    }

    @Test
    void resolveNamesWhatIsMissing() {
        CliRun r = CliRun.of("graph", "resolve", "F_req_flop_s", "--assign", "c=6", "--missing");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("is unresolved").contains("fundamentals.Tok").contains("fundamentals.T ")
                .contains("root input assignment required");
    }

    @Test
    void resolveWithBriefUsesTheCatalog() {
        CliRun r = CliRun.of("graph", "resolve", "fundamentals.BW_fabric_node_sust_Bps", "--brief",
                CliRun.repo("examples/llama3.1-405b.yaml"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("fundamentals.BW_fabric_node_sust_Bps = 320 GB/s\n");
    }

    @Test
    void assignmentOfTheWrongDimensionIsRefused() {
        CliRun r = CliRun.of("graph", "resolve", "F_total_flop", "--assign", "Tok=3 GB");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("fundamentals.Tok", "3 GB", "dimension mismatch");
    }

    @Test
    void unknownVariableOffersTheClosest() {
        CliRun r = CliRun.of("graph", "cone", "F_totl_flop");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown variable 'F_totl_flop'").contains("F_total_flop");
    }

    @Test
    void coneAndDot() {
        CliRun up = CliRun.of("graph", "cone", "fundamentals.F_req_flop_s");
        assertThat(up.out()).contains("fundamentals.F_total_flop", "fundamentals.T ", "root");
        CliRun dot = CliRun.of("graph", "dot", "fundamentals.F_req_flop_s");
        assertThat(dot.out()).startsWith("digraph").contains("\"fundamentals.F_total_flop\" -> \"fundamentals.F_req_flop_s\"");
        CliRun down = CliRun.of("graph", "cone", "fundamentals.T", "--direction", "down");
        assertThat(down.out()).contains("fundamentals.F_req_flop_s", "fundamentals.N_ckpt");
    }

    @Test
    void statsRootsAndRootDebt() {
        assertThat(CliRun.of("graph", "stats").out()).contains("variables", "equations", "root inputs");
        assertThat(CliRun.of("graph", "roots", "--scope", "fundamentals").out()).contains("fundamentals.Tok")
                .doesNotContain("fundamentals.F_total_flop");
        CliRun debt = CliRun.of("graph", "root-debt", "--limit", "3");
        assertThat(debt.out().lines().count()).isEqualTo(5); // header, rule, 3 rows
        assertThat(CliRun.of("graph", "root-debt", "--families").out()).contains("fundamentals", "arch");
        assertThat(CliRun.of("graph", "root-debt", "--limit", "0").code()).isEqualTo(2);
    }

    @Test
    void aResolvedValueThatOverflowsIsNamedWithTheAssignmentsItComesFrom() {
        // 6 FLOP × 4.06e11 parameters × 1e307 tokens overflows a double: refused (exit 2), never printed as Infinity
        for (String json : new String[] {"--trace", "--json"}) {
            CliRun r = CliRun.of("graph", "resolve", "fundamentals.F_total_flop", "--brief",
                    CliRun.repo("examples/llama3.1-405b.yaml"), "--assign", "fundamentals.Tok=1e307 token", json);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("lsdt: error: fundamentals.F_total_flop = Infinity: expected a finite "
                    + "number; it is computed from fundamentals.Tok = 1.000e+307 (--assign), ").contains(
                    "and overflows\nMaybe bring the largest or smallest of these closer to a physical value");
        }
    }
}
