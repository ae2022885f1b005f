package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lsdt graph assumptions}: every unsourced constant is listed, and a plan's own ones with their origins. */
class AssumptionsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsTheFittedConstantsTheAssumptionsAndTheEstimates() throws Exception {
        CliRun r = CliRun.of("graph", "assumptions", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = JSON.readTree(r.out());
        List<String> names = new ArrayList<>();
        rows.forEach(n -> names.add(n.get("name").asText()));
        // the six fitted constants of docs/calibration.md, the reserve and both link efficiencies
        assertThat(names).contains("design.eff_gemm_max", "design.gemm_half", "design.k_mem", "design.tp_hidden",
                "design.eff_attn", "effGemmMaxFp8", "design.reserve", "design.eff_link_up", "design.eff_link_out");
        // press-estimate prices, and the macro defaults nobody published (the straggler jitter)
        assertThat(names).contains("device h100-sxm list price", "macro.step_time_cv");
        // NCCL's per-step latencies have a primary source (tuning.cc): they are not assumptions
        assertThat(names).noneMatch(n -> n.startsWith("ring step latency"));
        for (JsonNode n : rows) {
            if (n.get("name").asText().equals("design.reserve")) {
                assertThat(n.get("value").asText()).isEqualTo("3 GiB");
                assertThat(n.get("basis").asText()).startsWith("assumption");
            }
        }
        // the same text every time
        assertThat(CliRun.of("graph", "assumptions").out()).isEqualTo(CliRun.of("graph", "assumptions").out());
    }

    @Test
    void aPlansAssumptionsAreTheInputsItsNumbersRestOn() throws Exception {
        CliRun r = CliRun.of("graph", "assumptions", "--brief", CliRun.repo("examples/llama3.1-405b.yaml"), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> names = new ArrayList<>();
        JSON.readTree(r.out()).forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).contains("tail.step.cv", "design.reserve", "design.eff_link_up", "design.eff_gemm_max",
                "fundamentals.eta_dev_sust", "sust.water.grid_intensity");
        // sourced inputs are not listed: the H100's peak (whitepaper) and NCCL's latency (tuning.cc)
        assertThat(names).doesNotContain("design.peak", "design.lat_up", "gpu.tdp");
        CliRun bad = CliRun.of("graph", "assumptions", "--brief", CliRun.repo("examples/13b-seed.yaml"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("brief form = seed");
    }
}
