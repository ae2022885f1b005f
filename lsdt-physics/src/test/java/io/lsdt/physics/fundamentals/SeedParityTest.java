package io.lsdt.physics.fundamentals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.physics.Close;
import io.lsdt.physics.TestFiles;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parity with the seed implementation (CausalCompute step0 fundamentals): its worked example {@code 13b.yaml} and its
 * published validation brief.
 */
class SeedParityTest {
    private static final double REL = 1e-9;

    private static FundamentalsResult compute(String resource) {
        return Fundamentals.compute(io.lsdt.physics.Physics.registry(), BriefLoader.load(TestFiles.resource(resource)));
    }

    private static ConstraintCheck.Status status(FundamentalsResult r, String constraint) {
        return r.resolution().constraints().stream().filter(c -> c.constraint().name().endsWith("." + constraint))
                .findFirst().orElseThrow(() -> new AssertionError("constraint " + constraint + " not checked"))
                .status();
    }

    @Test
    void thirteenBMatchesTheSeedImplementationOnEveryKeyOfEverySection() throws IOException {
        // 13b.expected.json: the bundle the seed's own fundamentals.py produces for 13b.yaml (copied from
        // /work/shared/data/briefs). It has the sections req … meta; the seed leaves comm and budget to its design step.
        JsonNode expected = new ObjectMapper().readTree(Files.readAllBytes(TestFiles.resource("seed/13b.expected.json")));
        Map<String, Map<String, Double>> bundle = compute("seed/13b.yaml").bundle();

        List<String> sections = new ArrayList<>();
        expected.fieldNames().forEachRemaining(sections::add);
        assertThat(sections).containsExactly("req", "device_bounds", "instant", "movement", "stepfacts", "timecmp",
                "ckpt", "meta");
        int compared = 0;
        for (String section : sections) {
            JsonNode exp = expected.get(section);
            List<String> keys = new ArrayList<>();
            exp.fieldNames().forEachRemaining(keys::add);
            assertThat(bundle).containsKey(section);
            // the same keys, in the seed's order
            assertThat(bundle.get(section).keySet()).as("keys of section %s", section).containsExactlyElementsOf(keys);
            for (Map.Entry<String, JsonNode> e : exp.properties()) {
                Close.relative(bundle.get(section).get(e.getKey()), e.getValue().asDouble(), REL,
                        section + "." + e.getKey());
                compared++;
            }
        }
        // 11 req + 3 device_bounds + 3 instant + 4 movement + 2 stepfacts + 5 timecmp + 7 ckpt + 3 meta
        assertThat(compared).isEqualTo(38);
    }

    @Test
    void thirteenBHeadlineNumbersByHand() {
        FundamentalsResult r = compute("seed/13b.yaml");
        // F_total = c·P·Tok = 6 × 13e9 × 3e12 = 2.34e23 FLOP; F_req = 2.34e23 / 2,592,000 s = 9.0277…e16 FLOP/s
        Close.relative(r.value("F_total_flop"), 2.34e23, REL, "F_total_flop");
        Close.relative(r.value("F_req_flop_s"), 2.34e23 / 2_592_000, REL, "F_req_flop_s");
        // N_compute = ⌈9.0277e16 / 1e15⌉ = ⌈90.28⌉ = 91; N_state = ⌈(2+2+8)·13e9 / 8e10⌉ = ⌈1.95⌉ = 2
        assertThat(r.value("N_compute_lower_bound")).isEqualTo(91.0);
        assertThat(r.value("N_state_memory_lower_bound")).isEqualTo(2.0);
        // N_instant = ⌈(1.56e11 + 1.5e11) / 8e10⌉ = ⌈3.825⌉ = 4; N_guess = max(91, 4) = 91 (peers.md §3.7)
        assertThat(r.value("N_instant_device_lower_bound")).isEqualTo(4.0);
        assertThat(r.value("N_guess_devices")).isEqualTo(91.0);
        // t_step_max = Tok_per_step / (Tok/T) = 4e7 / 1,157,407.407… = 34.56 s
        Close.relative(r.value("t_step_max_s"), 34.56, REL, "t_step_max_s");
    }

    @Test
    void thirteenBCommAndBudgetSectionsWhichTheSeedLeavesToItsDesignStep() {
        FundamentalsResult r = compute("seed/13b.yaml");
        // t_comm_min = B_update / BW_node_sust = (1.0 × 13e9 × 2.0 B) / 1e11 B/s = 2.6e10 / 1e11 = 0.26 s
        Close.relative(r.value("t_comm_min_s"), 2.6e10 / 1e11, REL, "t_comm_min_s");
        Close.relative(r.value("t_comm_min_s"), 0.26, REL, "t_comm_min_s");
        // seed step_time_budget(t_step_max, t_step_compute_min, t_comm): residual = 34.56 − 34.285714285714285 − 0.26
        // ≈ 0.0142857 s: a difference of ~35 s terms, so the tolerance is relative to t_step_max.
        double residual = 34.56 - 34.285714285714285 - 0.26;
        Close.scaled(r.value("t_residual_s"), residual, REL, 34.56, "t_residual_s");
        assertThat(r.value("t_residual_s")).isPositive();
        Close.scaled(r.value("residual_fraction_of_step"), residual / 34.56, REL, 1, "residual_fraction_of_step");
        Close.relative(r.value("accounted_fraction_of_step"), (34.285714285714285 + 0.26) / 34.56, REL,
                "accounted_fraction_of_step");
        // the two fractions partition the step
        Close.relative(r.value("residual_fraction_of_step") + r.value("accounted_fraction_of_step"), 1.0, 1e-12,
                "residual + accounted");
        assertThat(r.bundle().get("comm")).containsOnlyKeys("t_comm_min_s");
        assertThat(r.bundle().get("budget")).containsOnlyKeys("t_residual_s", "residual_fraction_of_step",
                "accounted_fraction_of_step");
        assertThat(status(r, "step_budget_closes")).isEqualTo(ConstraintCheck.Status.SATISFIED);
    }

    @Test
    void thirteenBLoadsAsSeedFormWithItsDesignAndPowerSections() {
        Brief b = BriefLoader.load(TestFiles.resource("seed/13b.yaml"));
        assertThat(b.form()).isEqualTo(Brief.Form.SEED);
        assertThat(b.modelId()).isNull();
        // design.G: null → auto-size; the rest as written in 13b.yaml (peers.md §3.7)
        assertThat(b.devices()).isNull();
        assertThat(b.design().gpusPerNode()).isEqualTo(8);
        assertThat(b.design().etaCompute()).isEqualTo(0.35);
        assertThat(b.design().commExposedFraction()).isEqualTo(1.0); // loader default (peers.md §3.2)
        assertThat(b.powerThermals().coolingMode()).isEqualTo("liquid");
        assertThat(b.powerThermals().deltaTLiquid()).isEqualTo(12.0);
        assertThat(b.powerThermals().racks()).isNull();
        // dense model: the parameters that do arithmetic are P
        assertThat(b.input("fundamentals.P_active").value().si()).isEqualTo(13e9);
    }

    @Test
    void publishedValidationBriefCountsOneCheckpointAndSpendsMoreThanTheRunOnIt() {
        // peers.md §3.8 and §3.9 quirk #4; fields not published were filled in (see the fixture's comments).
        FundamentalsResult r = compute("seed/validation-dp8.yaml");
        // N_ckpt = ⌈T / seconds_per_ckpt⌉ = ⌈0.0405 / 1e12⌉ = 1: a period longer than the run still counts one
        assertThat(r.value("N_ckpt")).isEqualTo(1.0);
        // ckpt_fraction = 1 × (P·b_ckpt / BW_ckpt_sust) / T = (603,979,776 × 2 / 5e9) / 0.0405
        //               = 0.2415919104 / 0.0405 = 5.965232355555555 (published, quirk #4)
        Close.relative(r.value("t_ckpt_min_s"), 0.2415919104, REL, "t_ckpt_min_s");
        Close.relative(r.value("ckpt_fraction_of_run"), 5.965232355555555, REL, "ckpt_fraction_of_run");
        assertThat(status(r, "ckpt_drain_fits_run")).isEqualTo(ConstraintCheck.Status.VIOLATED);
        // one step per brief: N_steps = Tok / Tok_per_step = 1 and t_step_max = T = 0.0405 s
        assertThat(r.value("N_steps")).isEqualTo(1.0);
        Close.relative(r.value("t_step_max_s"), 0.0405, REL, "t_step_max_s");
        // F_step = 6 × 603,979,776 × 29,256 = 106,020,193,959,936 FLOP; the seed's published 8-GPU prediction is
        // F_step / (8 × 1e15 × 0.3505) = 0.037810340213957204 s (§3.8 table, η_compute = 0.3505)
        assertThat(r.value("F_step_flop")).isEqualTo(106_020_193_959_936.0);
        Close.relative(r.value("F_step_flop") / (8 * 1e15 * 0.3505), 0.037810340213957204, 1e-12,
                "published 8-GPU t_step");
        // N_compute = ⌈(F_total/T)/F_dev⌉ = ⌈1.0602e14 / 0.0405 / 1e15⌉ = ⌈2.6178⌉ = 3
        assertThat(r.value("N_compute_lower_bound")).isEqualTo(3.0);
        // P = 9·8192² (ToyNet: 8 layers + output of 8192 × 8192)
        assertThat(r.value("P")).isEqualTo(9.0 * 8192 * 8192);
    }
}
