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
        // examples/llama3.1-405b.yaml: 15.6e12 tokens, 78 d, 16,384 H100s, 2,048 sequences of 8,192 tokens per step
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
        // one time to train: the headline is the graph's training.wallclock = n_steps × expected step / goodput
        JsonNode t = j.get("time_to_train");
        assertThat(j.get("time_to_train_s").asDouble()).isEqualTo(t.get("time_to_train_s").asDouble());
        assertThat(t.get("steps").asDouble()).isCloseTo(steps, within(1e-6));
        assertThat(t.get("time_to_train_s").asDouble()).isCloseTo(steps * t.get("expected_step_s").asDouble()
                / t.get("goodput").asDouble(), within(1e-6 * t.get("time_to_train_s").asDouble()));
        assertThat(t.get("design_step_s").asDouble()).isEqualTo(chosen.get("step_time_s").asDouble());
        // stragglers: the slowest of 16,384 ranks at cv 0.02 (Blom) is 7.9 % slower than the mean step
        assertThat(t.get("expected_step_s").asDouble() / t.get("design_step_s").asDouble())
                .isCloseTo(1 / 0.9267, within(1e-3));
        // Llama 3 Table 5 failure rate on 16,384 GPUs leaves 92.63 % goodput with 2 TB/s checkpoints (MacroPlanTest)
        assertThat(t.get("goodput").asDouble()).isCloseTo(0.9263, within(1e-4));
        // one MFU, at the expected step: the design step's MFU × mean / expected step
        assertThat(j.get("mfu").asDouble()).isCloseTo(chosen.get("mfu").asDouble() * t.get("design_step_s")
                .asDouble() / t.get("expected_step_s").asDouble(), within(1e-12));
        // the ledger is the step: its ten parts add up to the step time; the memory parts to the memory per GPU
        double ledger = 0;
        for (JsonNode part : chosen.get("ledger_s")) {
            ledger += part.asDouble();
        }
        assertThat(ledger).isCloseTo(chosen.get("step_time_s").asDouble(), within(1e-12));
        JsonNode mem = chosen.get("memory_bytes");
        assertThat(mem.get("weights").asDouble() + mem.get("gradients").asDouble() + mem.get("optimizer").asDouble()
                + mem.get("activations").asDouble() + mem.get("reserve").asDouble())
                .isCloseTo(chosen.get("memory_per_gpu_bytes").asDouble(), within(1.0));
        // the brief's FP32 gradients (Llama 3 §3.3.4) reach the design: 4 B per parameter held, against 2 B weights
        assertThat(mem.get("gradients").asDouble() / mem.get("weights").asDouble()).isEqualTo(2.0);
        JsonNode c = chosen.get("configuration");
        assertThat((long) c.get("tp").asInt() * c.get("pp").asInt() * c.get("dp").asInt() * c.get("cp").asInt())
                .isEqualTo(16384);
        assertThat(c.get("devices").asLong()).isEqualTo(16384);
        assertThat(c.get("global_batch").asInt()).isEqualTo(2048);
        assertThat(chosen.get("fits").asBoolean()).isTrue();
        assertThat(j.get("devices").asLong()).isEqualTo(16384);
        // 78 d = 6,739,200 s (the model card's 30.84M H100-hours on 16,384 GPUs); LSDT's 405B design on 16,384 H100
        // takes about 66 days with stragglers and failures (57 days at the design step alone): it meets the deadline
        assertThat(j.get("deadline_s").asDouble()).isEqualTo(78 * 86400.0);
        assertThat(j.get("time_to_train_s").asDouble() / 86400).isBetween(60.0, 72.0);
        assertThat(j.get("meets_deadline").asBoolean()).isTrue();
        assertThat(j.get("requirements")).isEmpty();
        assertThat(j.get("succeeds").asBoolean()).isTrue();
        // deadline-first sizes on the same headline: the device count it reports meets the deadline as printed, and
        // with 12 days to spare on 16,384 devices it is fewer
        JsonNode df = j.get("deadline_first");
        assertThat(df.fieldNames()).toIterable().contains("devices", "design", "time_to_train_s", "searches");
        assertThat(df.get("devices").asLong()).isLessThan(16384);
        assertThat(df.get("searches").asInt()).isPositive();
        assertThat(df.at("/design/configuration/devices").asLong()).isEqualTo(df.get("devices").asLong());
        assertThat(df.get("time_to_train_s").asDouble()).isEqualTo(df.at("/time_to_train/time_to_train_s").asDouble())
                .isLessThanOrEqualTo(78 * 86400.0);
        assertThat(j.get("no_solution_reason").isNull()).isTrue();
    }

    @Test
    void textPlanNamesTheChosenDesignAndTheTimeToTrain() {
        CliRun r = CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml"), "--top", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Plan: Llama 3.1 405B pre-training (Llama 3 paper setting)")
                .contains("Best designs on 16,384 devices", "Chosen design: TP ", "on 16,384 devices",
                        "Time to train: ", "929,832 steps", "expected step", "goodput", "MFU ",
                        "Deadline-first: ", "stragglers and failures included");
    }

    @Test
    void thePlanCarriesItsIntervalNearestRunsAndBestMeasuredMfu() {
        io.lsdt.api.Plan plan = io.lsdt.api.Lsdt.builtIn().plan(io.lsdt.api.PlanRequest.of(
                java.nio.file.Path.of(CliRun.repo("examples/llama3.1-405b.yaml"))));
        io.lsdt.api.DesignPoint d = plan.chosen();
        // TP/PP/CP on 16,384 H100s, 405 B: Megatron family, more than 1024 devices, more than 30 B
        assertThat(d.interval().regime().key()).isEqualTo("megatron/1025+/30B+");
        io.lsdt.physics.uncertainty.Credibility c = d.credibility();
        // widened about its centre: log-width × (1 + the nearest validated run's distance)
        assertThat(d.value("uncertainty.distance")).isEqualTo(d.nearestRuns().get(0).distance());
        assertThat(c.logHigh() - c.logLow()).isCloseTo((d.interval().p90() - d.interval().p10())
                * (1 + c.distance()), org.assertj.core.api.Assertions.within(1e-12));
        // a time's bounds are the rate's turned over
        double[] t = d.intervalOf("wallclock");
        assertThat(t[0]).isCloseTo(d.timeToTrain() * Math.exp(-c.logHigh()),
                org.assertj.core.api.Assertions.within(1e-9 * t[0]));
        assertThat(t[1]).isCloseTo(d.timeToTrain() * Math.exp(-c.logLow()),
                org.assertj.core.api.Assertions.within(1e-9 * t[1]));
        double[] m = d.intervalOf("mfu");
        assertThat(m[0]).isCloseTo(d.mfu() * Math.exp(c.logLow()), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(d.bestMeasured().device()).isEqualTo("h100-sxm");
        assertThat(d.bestMeasured().precision()).isEqualTo("16-bit");
        assertThat(d.bestMeasured().scale()).isEqualTo(io.lsdt.physics.uncertainty.Regime.Scale.ABOVE_1024);
        CliRun r = CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml"), "--top", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Time to train: " + Fmt.days(d.timeToTrain()) + " (P10-P90 " + Fmt.days(t[0])
                + " to " + Fmt.days(t[1]) + ")", "MFU " + Fmt.pct(d.mfu()) + " (P10-P90 " + Fmt.pct(m[0]) + " to "
                + Fmt.pct(m[1]) + ")", "best measured on h100-sxm 16-bit at 1025+ devices: "
                + Fmt.pct(d.bestMeasured().mfu()) + " (" + d.bestMeasured().runId(), "regime megatron/1025+/30B+",
                "nearest validated runs: " + d.nearestRuns().get(0).run().runId(), "step P10-P90", "dist");
        // and --explain follows the bound to the residuals table
        CliRun e = CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml"), "--explain", "time_to_train_p90");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).startsWith("uncertainty.wallclock_p90 = ").contains("uncertainty.resid_p10 = ",
                "regime megatron/1025+/30B+", "uncertainty.distance = ", "nearest validated run "
                        + d.nearestRuns().get(0).run().runId());
    }

    @Test
    void frameworkAnyPrintsTheFrameworksComparedAndPlansWithTheFastest() throws Exception {
        CliRun r = CliRun.of("plan", CliRun.repo("examples/llama3.1-8b-frameworks.yaml"), "--top", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Frameworks compared (framework: any;",
                "  pytorch-ddp           none fits (below)",
                "  pytorch-ddp: no design fits in memory: the closest needs 143.7 GiB per GPU");
        CliRun j = CliRun.of("plan", CliRun.repo("examples/llama3.1-8b-frameworks.yaml"), "--json");
        assertThat(j.code()).as(j.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode fw = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(j.out()).get("frameworks");
        assertThat(fw).hasSize(9);
        assertThat(fw.get(0).get("framework").asText()).isEqualTo("default");
        assertThat(fw.get(7).get("step_time_s").isNull()).isTrue();
        // the chosen design is the fastest framework's
        double fastest = Double.POSITIVE_INFINITY;
        for (com.fasterxml.jackson.databind.JsonNode f : fw) {
            if (!f.get("step_time_s").isNull()) {
                fastest = Math.min(fastest, f.get("step_time_s").asDouble());
            }
        }
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(j.out()).at("/chosen/step_time_s")
                .asDouble()).isEqualTo(fastest);
    }

    @Test
    void seedFormBriefIsRefusedWithAHint() {
        CliRun r = CliRun.of("plan", CliRun.repo("examples/13b-seed.yaml"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("brief form = seed", "a catalog-form brief naming the model and device",
                "Maybe write the brief in the catalog form", "'lsdt fundamentals' reads both");
    }

    @Test
    void nothingFitsOnTheBriefsDevicesIsNoDesignAndExitThree(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Llama 3.1 405B on 8 H100s: 18 B/param of state alone is 6.8 TiB; offloaded, the closest design still needs
        // 850.5 GiB of host memory per GPU against the DGX H100's 2 TB / 8 = 238.4 GiB
        java.nio.file.Path brief = dir.resolve("405b-on-8.yaml");
        java.nio.file.Files.writeString(brief, java.nio.file.Files.readString(java.nio.file.Path.of(CliRun.repo(
                "examples/llama3.1-405b.yaml"))).replace("devices: 16384 ", "devices: 8 "));
        CliRun r = CliRun.of("plan", brief.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).contains("Best designs on 8 devices", "no design fits in memory: the closest offloads its "
                + "state to host memory and needs 850.5 GiB of it per GPU, the host has 238.4 GiB per GPU", "No design: none fits on the brief's 8 devices, so "
                + "there is nothing to choose", "Deadline-first: the smallest device count found whose best design "
                + "meets the deadline").doesNotContain("Chosen design", "meets the deadline of");
        JsonNode j = JSON.readTree(CliRun.of("plan", brief.toString(), "--json").out());
        assertThat(j.get("devices").asLong()).isEqualTo(8);
        assertThat(j.get("chosen").isNull()).isTrue();
        assertThat(j.get("time_to_train_s").isNull()).isTrue();
        assertThat(j.get("meets_deadline").asBoolean()).isFalse();
        assertThat(j.get("succeeds").asBoolean()).isFalse();
        assertThat(j.get("no_solution_reason").asText()).startsWith("no design fits in memory");
        // the sizing still answers how many devices would do, as a suggestion
        assertThat(j.at("/deadline_first/devices").asLong()).isGreaterThan(8);
        assertThat(CliRun.of("plan", brief.toString(), "--json").code()).isEqualTo(3);
    }

    @Test
    void aMissedDeadlineOrRequirementExitsThree(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of(CliRun.repo("examples/llama3.1-405b.yaml")));
        // the Llama 3 paper's 54-day snapshot as the deadline: about 66 days with stragglers and failures miss it
        java.nio.file.Path snapshot = dir.resolve("54d.yaml");
        java.nio.file.Files.writeString(snapshot, text.replace("deadline: 78 d ", "deadline: 54 d "));
        CliRun miss = CliRun.of("plan", snapshot.toString());
        assertThat(miss.code()).as(miss.err()).isEqualTo(3);
        assertThat(miss.out()).contains("MISSES the deadline of 54 d");
        // a requirement not met: the deadline is, but the run costs about $121 M against $100 M
        java.nio.file.Path cost = dir.resolve("cost.yaml");
        java.nio.file.Files.writeString(cost, text + "requirements:\n  max_cost: 100e6 USD\n  min_goodput: 0.9\n");
        CliRun r = CliRun.of("plan", cost.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).contains("meets the deadline of 78 d", "Requirements (the brief's requirements: section)")
                .containsPattern("max_cost +≤ \\$100 M +\\$121 M +NOT MET")
                .containsPattern("min_goodput +≥ 90 % +92\\.63 % +met");
        JsonNode j = JSON.readTree(CliRun.of("plan", cost.toString(), "--json").out());
        assertThat(j.get("meets_deadline").asBoolean()).isTrue();
        assertThat(j.at("/requirements/0/key").asText()).isEqualTo("max_cost");
        assertThat(j.at("/requirements/0/limit").asDouble()).isEqualTo(100e6);
        assertThat(j.at("/requirements/0/value").asDouble()).isEqualTo(j.at("/macro/values/econ.run.total_cost/value")
                .asDouble()).isBetween(120e6, 135e6);
        assertThat(j.at("/requirements/0/met").asBoolean()).isFalse();
        assertThat(j.at("/requirements/1/met").asBoolean()).isTrue();
        assertThat(j.get("succeeds").asBoolean()).isFalse();
    }

    @Test
    void aDeadlineThatNeedsMoreDevicesThanLsdtPlansIsRefusedAtOnce(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        // 1e25 tokens in one day on H100s at 40 %: 6 × 4.06e11 × 1e25 / 86,400 / 3.9576e14 = 7.1e17 devices, beyond
        // the 2^24 LSDT sizes; without a device count in the brief there is nothing to plan
        String text = java.nio.file.Files.readString(java.nio.file.Path.of(CliRun.repo("examples/llama3.1-405b.yaml")))
                .replace("tokens: 15.6e12 token ", "tokens: 1e25 token ").replace("deadline: 78 d ", "deadline: 1 d ")
                .replace("devices: 16384 ", "");
        java.nio.file.Path brief = dir.resolve("huge.yaml");
        java.nio.file.Files.writeString(brief, text);
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("plan", brief.toString());
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10.0);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lsdt: error: " + brief + ": devices the deadline needs = 7.122e+17 (the "
                + "fundamentals' lower bound N_min_lower_bound, from the tokens, the deadline and the sustained rate): "
                + "expected at most 16,777,216 devices, the most LSDT sizes\nMaybe extend the deadline, train on fewer "
                + "tokens, or give a faster device or a higher sustained_fraction\n");
        // the reproducer of the issue: 1e300 tokens, a 1e-300 d deadline, a 1e-300 sustained fraction (which ran
        // out of memory sizing deadline-first) is refused at its first field
        java.nio.file.Path extreme = dir.resolve("extreme.yaml");
        java.nio.file.Files.writeString(extreme, text.replace("tokens: 1e25 token ", "tokens: 1e300 token ")
                .replace("deadline: 1 d ", "deadline: 1e-300 d ").replace("sustained_fraction: 0.40 ",
                        "sustained_fraction: 1e-300 "));
        CliRun e = CliRun.of("plan", extreme.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err()).isEqualTo("lsdt: error: " + extreme + ": tokens = 1.0E300 token: expected a finite number "
                + "> 0 (token) whose SI value (here 1.00e+300 token) lies between 1e-30 and 1e30 in magnitude: beyond "
                + "that the equations that combine it overflow\n");
        // with the device count named, the plan runs there and sizing says why it has no answer (exit 3)
        java.nio.file.Path named = dir.resolve("named.yaml");
        java.nio.file.Files.writeString(named, text + "devices: 16384\n");
        CliRun n = CliRun.of("plan", named.toString());
        assertThat(n.code()).as(n.err()).isEqualTo(3);
        assertThat(n.out()).contains("Deadline-first: the deadline needs at least 7.122e+17 devices (the fundamentals' "
                + "lower bound N_min_lower_bound), more than the 16,777,216 LSDT sizes.");
    }
}
