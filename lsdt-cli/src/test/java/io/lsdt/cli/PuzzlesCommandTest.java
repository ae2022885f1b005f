package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PuzzlesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** PR #7's exact targets of srush/LLM-Training-Puzzles (shared/reference/lab-simulator.md §10.1). */
    private static final double[] TIME = {16.5, 16.5, 5.1, 19.9, 19.9, 66.9, 33.3, 15.5};
    private static final long[] MEMORY = {2_621_440, 1_966_080, 1_835_008, 2_752_512, 2_359_296, 3_145_728, 4_194_304,
        966_656};

    @Test
    void jsonListsEveryPuzzleAgainstItsTarget() throws IOException {
        CliRun r = CliRun.of("puzzles", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode list = JSON.readTree(r.out());
        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            JsonNode p = list.get(i);
            List<String> keys = new ArrayList<>();
            p.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("puzzle", "name", "time", "memory", "target_time", "target_memory", "ok");
            assertThat(p.get("puzzle").asInt()).isEqualTo(i);
            assertThat(p.get("time").asDouble()).isEqualTo(TIME[i]);
            assertThat(p.get("target_time").asDouble()).isEqualTo(TIME[i]);
            assertThat(p.get("memory").asLong()).isEqualTo(MEMORY[i]);
            assertThat(p.get("target_memory").asLong()).isEqualTo(MEMORY[i]);
            assertThat(p.get("ok").asBoolean()).isTrue();
        }
        assertThat(list.get(6).get("name").asText()).isEqualTo("GPipe schedule");
    }

    @Test
    void theTableShowsTimeAndMemoryBesideTheTargets() {
        CliRun r = CliRun.of("puzzles");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("7  Pipeline + FSDP               pp-fsdp-global  15.5    15.5    966,656    "
                + "966,656  yes", "All eight puzzles reach their targets exactly.");
        assertThat(r.out().lines().filter(l -> l.endsWith("yes"))).hasSize(8);
    }

    @Test
    void theHelpExplainsTheSetups() {
        CliRun r = CliRun.of("puzzles", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("PR #7", "262,144", "pp-fsdp-global", "Exit code 3");
    }
}
