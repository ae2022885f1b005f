package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void llamaPlanJsonChoosesTheBestDesignOnTheBriefsDevices() throws Exception {
        // examples/llama3.1-405b.yaml: 15.6e12 tokens, 54 d, 16,384 H100s, 2,048 sequences of 8,192 tokens per step
        CliRun r = CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml"), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.fieldNames()).toIterable().contains("fundamentals", "designs", "chosen", "time_to_train_s",
                "deadline_first");
        // N_steps = 15.6e12 / (2048 × 8192) = 929,832.458… (the fundamentals' stepfacts)
        double steps = j.at("/fundamentals/stepfacts/N_steps").asDouble();
        assertThat(steps).isCloseTo(15.6e12 / (2048.0 * 8192), within(1e-6));
        JsonNode chosen = j.get("chosen");
        assertThat(chosen).isEqualTo(j.get("designs").get(0));
        assertThat(j.get("time_to_train_s").asDouble()).isEqualTo(steps * chosen.get("step_time_s").asDouble());
        JsonNode c = chosen.get("configuration");
        assertThat((long) c.get("tp").asInt() * c.get("pp").asInt() * c.get("dp").asInt() * c.get("cp").asInt())
                .isEqualTo(16384);
        assertThat(c.get("devices").asLong()).isEqualTo(16384);
        assertThat(c.get("global_batch").asInt()).isEqualTo(2048);
        assertThat(chosen.get("fits").asBoolean()).isTrue();
        assertThat(j.get("devices").asLong()).isEqualTo(16384);
        // 54 d = 4,665,600 s; the verdict is the comparison of the two
        assertThat(j.get("deadline_s").asDouble()).isEqualTo(54 * 86400.0);
        assertThat(j.get("meets_deadline").asBoolean())
                .isEqualTo(j.get("time_to_train_s").asDouble() <= j.get("deadline_s").asDouble());
        // deadline-first: a device count whose best design trains within the deadline, in the same units
        JsonNode df = j.get("deadline_first");
        assertThat(df.fieldNames()).toIterable().contains("devices", "design", "time_to_train_s", "searches");
        assertThat(df.get("devices").asLong()).isPositive();
        assertThat(df.get("searches").asInt()).isPositive();
        assertThat(df.at("/design/configuration/devices").asLong()).isEqualTo(df.get("devices").asLong());
        assertThat(df.get("time_to_train_s").asDouble())
                .isEqualTo(steps * df.at("/design/step_time_s").asDouble())
                .isLessThanOrEqualTo(54 * 86400.0);
        assertThat(j.get("no_solution_reason").isNull()).isTrue();
    }

    @Test
    void textPlanNamesTheChosenDesignAndTheTimeToTrain() {
        CliRun r = CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml"), "--top", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Plan: Llama 3.1 405B pre-training (Llama 3 paper setting)")
                .contains("Best designs on 16,384 devices", "Chosen design: TP ", "on 16,384 devices",
                        "Time to train: ", "929,832 steps", "Deadline-first: ");
    }

    @Test
    void seedFormBriefIsRefusedWithAHint() {
        CliRun r = CliRun.of("plan", CliRun.repo("examples/13b-seed.yaml"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("brief form = seed", "a catalog-form brief naming the model and device",
                "Maybe write the brief in the catalog form", "'lsdt fundamentals' reads both");
    }
}
