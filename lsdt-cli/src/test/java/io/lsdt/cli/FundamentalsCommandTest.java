package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FundamentalsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void seedBriefJsonHasTheSeedBundle() throws Exception {
        // examples/13b-seed.yaml is the seed's 13b brief; values from shared/data/briefs/13b.expected.json
        // (the seed implementation's output) and peers.md §3.7.
        CliRun r = CliRun.of("fundamentals", CliRun.repo("examples/13b-seed.yaml"), "--json");
        assertThat(r.code()).isZero();
        JsonNode b = JSON.readTree(r.out());
        assertThat(b.fieldNames()).toIterable().containsExactly("req", "device_bounds", "instant", "movement",
                "stepfacts", "timecmp", "comm", "budget", "ckpt", "meta");
        assertThat(b.at("/req/F_total_flop").asDouble()).isEqualTo(2.34e23); // 6 × 13e9 × 3e12
        assertThat(b.at("/req/F_req_flop_s").asDouble()).isCloseTo(9.027777777777778e16, within(1e2));
        assertThat(b.at("/device_bounds/N_compute_lower_bound").asDouble()).isEqualTo(91.0);
        assertThat(b.at("/instant/N_instant_device_lower_bound").asDouble()).isEqualTo(4.0);
        assertThat(b.at("/timecmp/t_step_compute_min_s").asDouble()).isCloseTo(34.285714285714285, within(1e-12));
        assertThat(b.at("/ckpt/ckpt_fraction_of_run").asDouble()).isCloseTo(0.0014444444444444444, within(1e-18));
        // comm: 2.6e10 B update over 1e11 B/s node bandwidth = 0.26 s; budget: 34.56 − 34.2857… − 0.26
        assertThat(b.at("/comm/t_comm_min_s").asDouble()).isCloseTo(0.26, within(1e-15));
        assertThat(b.at("/budget/t_residual_s").asDouble())
                .isCloseTo(34.56 - 34.285714285714285 - 0.26, within(1e-12));
    }

    @Test
    void humanOutputHasSectionsUnitsChecksAndAssumptions() {
        CliRun r = CliRun.of("fundamentals", CliRun.repo("examples/llama3.1-405b.yaml"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("req", "device_bounds", "budget", "checks", "assumptions")
                // 0.40 × 989.4 TFLOP/s = 395.76 TFLOP/s
                .contains("395.8 TFLOP/s")
                // 8 NICs × 400 Gb/s (5e10 B/s) × 0.8 = 3.2e11 B/s
                .contains("320 GB/s")
                .contains("eta_fabric = 0.8");
    }

    @Test
    void debugTellsTheStoryThenTheBundle() {
        CliRun r = CliRun.of("fundamentals", CliRun.repo("examples/13b-seed.yaml"), "--debug");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("I want to train a model of 13 billion parameters on 3 trillion tokens within 30 d.");
        assertThat(r.out().indexOf("Fundamentals:")).isGreaterThan(r.out().indexOf("I start sizing at 91 devices"));
    }

    @Test
    void explainShowsEquationsSourcesAndInputs() {
        CliRun r = CliRun.of("fundamentals", CliRun.repo("examples/13b-seed.yaml"), "--explain", "N_guess_devices");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fundamentals.N_guess_devices = 91")
                .contains("ceil(F_req_flop_s / F_dev_sust_flop_s)")
                .contains("max(N_min_lower_bound, N_instant_device_lower_bound)")
                .contains("arXiv:2001.08361")
                .contains("fundamentals.P = 13 billion parameters   ← workload.P");
    }

    @Test
    void explainOfCatalogBriefTracesParameterCountToTheArchitecture() {
        CliRun r = CliRun.of("fundamentals", CliRun.repo("examples/llama3.1-405b.yaml"), "--explain", "P");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("arch.params_total", "arch.attn_params_per_layer", "[variant 'mha']",
                "catalog model llama3.1-405b");
    }

    @Test
    void seedTemplateIsRefusedWithEveryWrongKeyAtOnce() {
        CliRun r = CliRun.of("fundamentals", "src/test/resources/briefs/seed-template.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lsdt: error: src/test/resources/briefs/seed-template.yaml: 2 problems, all of "
                + "them:\n"
                + "  capabilities.fabric.BW_node_sust_Bps is missing: expected a finite number > 0 (B/s)\n"
                + "    Maybe you meant 'BW_node_sust_Bps': 'capabilities.fabric.BW_sust_Bps' beside it is not a key of "
                + "the seed's format\n"
                + "  capabilities.storage.BW_ckpt_sust_Bps is missing: expected a finite number > 0 (B/s)\n"
                + "    Maybe you meant 'BW_ckpt_sust_Bps': 'capabilities.storage.BW_sust_Bps' beside it is not a key of "
                + "the seed's format\n");
    }

    @Test
    void aKeyTheSeedIgnoresIsAWarningOnStandardError(@TempDir Path dir) throws Exception {
        // the right key and the outdated one side by side: the seed reads the one and ignores the other; so does LSDT
        Path brief = dir.resolve("b.yaml");
        Files.writeString(brief, Files.readString(Path.of(CliRun.repo("examples/13b-seed.yaml")))
                .replace("    BW_node_sust_Bps: 1e11", "    BW_sust_Bps: 1e11\n    BW_node_sust_Bps: 1e11"));
        CliRun r = CliRun.of("fundamentals", brief.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("lsdt: warning: " + brief + ": capabilities.fabric.BW_sust_Bps is ignored: not a "
                + "key LSDT reads in the seed's format\n");
        assertThat(r.out()).isEqualTo(CliRun.of("fundamentals", CliRun.repo("examples/13b-seed.yaml"), "--json").out());
    }

    @Test
    void anInferenceBriefPointsToEvaluate() {
        for (String command : new String[] {"fundamentals", "plan"}) {
            CliRun r = CliRun.of(command, CliRun.repo("examples/scenarios/smart-doorbell.yaml"));
            assertThat(r.code()).isEqualTo(2);
            String file = CliRun.repo("examples/scenarios/smart-doorbell.yaml");
            assertThat(r.err()).isEqualTo("lsdt: error: " + file + ": this is an inference brief (kind: inference), "
                    + "which this command does not read; use `lsdt evaluate " + file + "` to score it\n");
        }
    }

    @Test
    void aBriefThatIsNotUtf8NamesTheFileLineAndByte(@TempDir Path dir) throws Exception {
        // "# caf\xe9" on line 2: a Latin-1 é where UTF-8 was expected
        Path brief = dir.resolve("latin1.yaml");
        byte[] text = Files.readAllBytes(Path.of(CliRun.repo("examples/13b-seed.yaml")));
        int second = 0;
        while (text[second] != '\n') {
            second++;
        }
        byte[] bad = new byte[text.length + 6];
        System.arraycopy(text, 0, bad, 0, second + 1);
        byte[] insert = {'#', ' ', 'c', 'a', 'f', (byte) 0xE9};
        System.arraycopy(insert, 0, bad, second + 1, insert.length);
        System.arraycopy(text, second + 1, bad, second + 1 + insert.length, text.length - second - 1);
        Files.write(brief, bad);
        for (String command : new String[] {"fundamentals", "plan", "evaluate"}) {
            CliRun r = CliRun.of(command, brief.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("lsdt: error: " + brief + " is not valid UTF-8: line 2, byte 6 of the line "
                    + "(byte offset " + (second + 6) + " in the file): 0xE9\nMaybe save the file as UTF-8 (an "
                    + "editor's 'Save with encoding', or iconv -f latin1 -t utf-8)\n");
        }
    }

    @Test
    void wrongDimensionIsAUserError(@TempDir Path dir) throws Exception {
        Path brief = dir.resolve("b.yaml");
        Files.writeString(brief, Files.readString(Path.of(CliRun.repo("examples/13b-seed.yaml")))
                .replace("B_dev_mem_bytes: 8e10", "B_dev_mem_bytes: 80 GB/s"));
        CliRun r = CliRun.of("fundamentals", brief.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("device.B_dev_mem_bytes", "80 GB/s", "dimension mismatch").doesNotContain("\tat ");
    }

    @Test
    void missingFileIsAUserError() {
        CliRun r = CliRun.of("fundamentals", "no/such/brief.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read no/such/brief.yaml").contains("no such file");
    }

    @Test
    void unknownCatalogIdOffersTheClosest(@TempDir Path dir) throws Exception {
        Path brief = dir.resolve("b.yaml");
        Files.writeString(brief, Files.readString(Path.of(CliRun.repo("examples/llama3.1-405b.yaml")))
                .replace("device: h100-sxm ", "device: h100-sxm5 "));
        CliRun r = CliRun.of("fundamentals", brief.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown device 'h100-sxm5'").contains("'h100-sxm'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("fundamentals", CliRun.repo("examples/13b-seed.yaml"), "--jsn");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--jsn'");
    }
}
