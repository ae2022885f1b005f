package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lsdt simulate --plan} and {@code --predictor physical}: the plan's design, simulated and compared. */
class SimulatePlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GPT3 = CliRun.repo("examples/gpt3-175b.yaml");

    @TempDir
    Path dir;

    private static List<String> names(JsonNode j) {
        List<String> out = new ArrayList<>();
        j.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void simulatesThePlansDesignBesideItsPrediction() throws Exception {
        JsonNode plan = JSON.readTree(CliRun.of("plan", GPT3, "--json").out()).get("chosen");
        CliRun r = CliRun.of("simulate", "--plan", GPT3, "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        // the contract's keys first, then the plan's
        assertThat(names(j)).startsWith("execution_time_s", "end_time_s", "max_memory", "events", "mfu", "checked")
                .contains("analytical_step_s", "gap", "design", "devices", "ranks_simulated", "replicas", "wall_s",
                        "events_per_s");
        assertThat(j.get("checked").asBoolean()).isTrue();
        assertThat(j.at("/max_memory/unit").asText()).isEqualTo("bytes");
        // the analytical figure is the plan's own for the same design
        assertThat(j.get("analytical_step_s").asDouble()).isEqualTo(plan.get("step_time_s").asDouble());
        JsonNode c = plan.get("configuration");
        for (String k : List.of("tp", "pp", "dp", "cp")) {
            assertThat(j.at("/design/" + k).asInt()).as(k).isEqualTo(c.get(k).asInt());
        }
        assertThat(j.get("devices").asLong()).isEqualTo(1024);
        // the gap is simulated / analytical − 1, and the two models agree within 10 % on this design
        assertThat(j.get("gap").asDouble()).isCloseTo(j.get("end_time_s").asDouble()
                / j.get("analytical_step_s").asDouble() - 1, within(1e-12));
        assertThat(Math.abs(j.get("gap").asDouble())).isLessThan(0.10);
        assertThat(j.get("mfu").asDouble()).isBetween(0.3, 0.8);
    }

    @Test
    void oneReplicaForAllGivesTheWholeJobsStep() throws Exception {
        JsonNode whole = JSON.readTree(CliRun.of("simulate", "--plan", GPT3, "--no-fold-dp", "--json").out());
        JsonNode one = JSON.readTree(CliRun.of("simulate", "--plan", GPT3, "--fold-dp", "--json").out());
        assertThat(whole.get("replicas").asInt()).isEqualTo(1);
        assertThat(one.get("replicas").asInt()).isEqualTo(whole.at("/design/dp").asInt());
        assertThat(one.get("end_time_s").asDouble()).isEqualTo(whole.get("end_time_s").asDouble());
        assertThat(one.at("/max_memory/value").asLong()).isEqualTo(whole.at("/max_memory/value").asLong());
        assertThat(one.get("events").asLong() * one.get("replicas").asInt()).isEqualTo(whole.get("events").asLong());
    }

    @Test
    void overriddenDegreesAreSimulatedAndATooLargeDesignNamesWhatWasResident() {
        // GPT-3 without pipeline parallelism, gradients unsharded (ZeRO-1), does not fit an 80 GB A100: 175B / 8 ×
        // (2 B weights + 2 B gradients) = 87.5 GB before any activation. The run stops at the first overflow
        CliRun r = CliRun.of("simulate", "--plan", GPT3, "--tp", "8", "--pp", "1", "--cp", "1",
                "--virtual-stages", "1", "--zero", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("lsdt: error: rank ").contains("is out of memory at ", "resident:",
                "weights:", "Maybe the design does not fit a100-sxm-80gb", "--no-memory-check")
                .doesNotContain("\tat ");
    }

    @Test
    void theHumanReportComparesTheTwoModels() throws Exception {
        Path trace = dir.resolve("step.json");
        CliRun r = CliRun.of("simulate", "--plan", GPT3, "--trace", trace.toString(), "--trace-ranks", "0-7");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("analytical", "simulated", "step time", "gap ", "memory per GPU", "MFU",
                "time to train", "events, checked", "simulated in ");
        JsonNode t = JSON.readTree(Files.readString(trace));
        assertThat(t.at("/otherData/ranks").asInt()).isPositive();
        // eight processes, each with its streams named
        long processes = 0;
        boolean streams = false;
        for (Iterator<JsonNode> it = t.get("traceEvents").elements(); it.hasNext();) {
            JsonNode e = it.next();
            if (e.get("name").asText().equals("process_name")) {
                processes++;
            }
            if (e.get("name").asText().equals("thread_name") && e.at("/args/name").asText().startsWith("collectives")) {
                streams = true;
            }
        }
        assertThat(processes).isEqualTo(8);
        assertThat(streams).isTrue();
    }

    @Test
    void aBuiltInStrategyRunsOnARealModel() throws Exception {
        // FSDP: DDP would hold 8 B × (2 + 4 + 12) B = 144 GB of states per GPU, more than an H100 has
        String[] ddp = {"simulate", "--strategy", "fsdp", "--ranks", "8", "--global-batch", "16", "--micro-batch",
            "1", "--predictor", "physical", "--model", "llama3.1-8b", "--device", "h100-sxm", "--json"};
        CliRun r = CliRun.of(ddp);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.at("/max_memory/unit").asText()).isEqualTo("bytes");
        assertThat(j.get("mfu").isNull()).isFalse();
        assertThat(j.get("checked").asBoolean()).isTrue();
        List<String> serial = new ArrayList<>(List.of(ddp));
        serial.add("--no-overlap");
        JsonNode one = JSON.readTree(CliRun.of(serial.toArray(String[]::new)).out());
        // one stream per rank can only be slower: the next layer's all-gather no longer runs during this one's
        // compute, nor the reduce-scatters during the backward
        assertThat(one.get("end_time_s").asDouble()).isGreaterThan(j.get("end_time_s").asDouble());
    }

    @Test
    void badInputNamesTheOption() {
        String[][] cases = {
            {"simulate"},
            {"simulate", "--plan", GPT3, "--strategy", "ddp"},
            {"simulate", "--plan", GPT3, "--ranks", "8"},
            {"simulate", "--plan", GPT3, "--trace", dir.resolve("t.json").toString(), "--trace-ranks", "5-2"},
            {"simulate", "--plan", GPT3, "--fold-dp", "--no-fold-dp"},
            {"simulate", "--plan", GPT3, "--recompute", "some"},
            {"simulate", "--strategy", "ddp", "--ranks", "8", "--global-batch", "16", "--micro-batch", "1",
                "--predictor", "physical"},
            {"simulate", "--strategy", "ddp", "--ranks", "8", "--global-batch", "16", "--micro-batch", "1",
                "--predictor", "physical", "--model", "llama3.1-8b", "--device", "h100-sxm"},
            {"simulate", "--strategy", "ddp", "--ranks", "8", "--layers", "4", "--global-batch", "16",
                "--micro-batch", "1", "--model", "llama3.1-8b"},
        };
        String[] expected = {"--strategy / --plan = neither", "--strategy / --plan = both", "--ranks = 8",
            "--trace-ranks = 5-2", "--fold-dp / --no-fold-dp = both", "recompute = some", "--model = missing",
            "is out of memory at 0 s, load_weights(layer 23)", "--model = llama3.1-8b"};
        for (int i = 0; i < cases.length; i++) {
            CliRun r = CliRun.of(cases[i]);
            assertThat(r.code()).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(r.err()).as(r.err()).startsWith("lsdt: error: ").contains(expected[i])
                    .doesNotContain("\tat ");
        }
    }
}
