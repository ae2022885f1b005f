package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The macro layer on the command line: presets, plan's macro section, evaluate's scorecards, bad input. */
class MacroCommandsTest {
    private static final ObjectMapper M = new ObjectMapper();

    /** Writes a copy of an example brief with one text replaced; fails if the text is not there. */
    static String variant(Path dir, String example, String from, String to) throws java.io.IOException {
        String text = Files.readString(Path.of(CliRun.repo(example)));
        assertThat(text).contains(from);
        Path out = dir.resolve(from.strip().replaceAll("[^a-z0-9]+", "_") + ".yaml");
        Files.writeString(out, text.replace(from, to));
        return out.toString();
    }

    @Test
    void scenarioReportJsonContract() throws Exception {
        // gpu_stack's dense_training_cost_fixture (shared/data/gpu_stack): 4 of 4 targets ok, exact values
        CliRun r = CliRun.of("graph", "scenario-report", "dense_training_cost_fixture", "--json");
        assertThat(r.code()).isZero();
        JsonNode j = M.readTree(r.out());
        assertThat(j.get("preset").asText()).isEqualTo("dense_training_cost_fixture");
        assertThat(j.get("status").asText()).isEqualTo("ok");
        assertThat(j.get("assignment_count").asInt()).isEqualTo(30);
        assertThat(j.get("target_count").asInt()).isEqualTo(4);
        assertThat(j.get("ok_count").asInt()).isEqualTo(4);
        JsonNode t = j.get("targets");
        assertThat(t.get(0).get("name").asText()).isEqualTo("training.tokens_per_sec");
        assertThat(t.get(0).get("value").asDouble()).isCloseTo(1e6 / 0.15, within(1e-6));
        assertThat(t.get(1).get("value").asDouble()).isEqualTo(5200.0);
        assertThat(t.get(2).get("value").asDouble()).isCloseTo(0.00078, within(1e-15));
        assertThat(t.get(3).get("value").asDouble()).isCloseTo(3.000078e-06, within(3.000078e-18));
        assertThat(t.get(3).get("unit").asText()).isEqualTo("USD/token");
        assertThat(t.get(3).get("trace_equations").asInt()).isEqualTo(24);
        assertThat(t.get(3).get("missing")).isEmpty();
    }

    @Test
    void resolveWithPresetJsonContract() throws Exception {
        CliRun r = CliRun.of("graph", "resolve", "econ.cost.per_token", "--preset", "dense_training_cost_fixture",
                "--json");
        assertThat(r.code()).isZero();
        JsonNode j = M.readTree(r.out());
        assertThat(j.get("value").asDouble()).isCloseTo(3.000078e-06, within(3.000078e-18));
        assertThat(j.get("unit").asText()).isEqualTo("USD/token");
        assertThat(j.get("missing")).isEmpty();
        assertThat(j.get("trace")).hasSize(24);
        java.util.List<String> eqs = new java.util.ArrayList<>();
        j.get("trace").forEach(s -> {
            eqs.add(s.get("equation").asText());
            assertThat(s.has("value")).isTrue();
            assertThat(s.get("reference").asText()).isNotBlank();
        });
        assertThat(eqs).contains("training.eq.t_step.components", "thermal.eq.dc.total_power",
                "econ.eq.job.dc_power", "econ.eq.run.power_cost", "econ.eq.cost.per_token");
    }

    @Test
    void auditAndNextWork() {
        CliRun a = CliRun.of("graph", "scenario-audit");
        assertThat(a.code()).isZero();
        assertThat(a.out()).contains("dense_training_cost_fixture").contains("0 with issues");
        CliRun n = CliRun.of("graph", "next-work");
        assertThat(n.code()).isZero();
        assertThat(n.out()).contains("variables depend on it").contains("lsdt graph cone");
        CliRun u = CliRun.of("graph", "scenario-report", "dense_training_cost_fixtur");
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err()).contains("unknown preset").contains("dense_training_cost_fixture");
    }

    @Test
    void planHasTheMacroSectionAndExplainsIt() throws Exception {
        String brief = CliRun.repo("examples/llama3.1-405b.yaml");
        CliRun r = CliRun.of("plan", brief);
        assertThat(r.code()).isIn(0, 3);
        assertThat(r.out()).contains("Macro: cost, energy, carbon, reliability").contains("goodput")
                .contains("checkpoint every").contains("P99").contains("Time to train: ")
                .contains("stretched by stragglers").contains("goodput (failures, restarts and checkpoints");
        CliRun j = CliRun.of("plan", brief, "--json");
        JsonNode m = M.readTree(j.out()).get("macro");
        double wall = m.at("/values/training.wallclock/value").asDouble();
        double nominal = m.at("/values/training.wallclock_nominal/value").asDouble();
        double goodput = m.at("/values/rel.goodput/value").asDouble();
        assertThat(wall).isCloseTo(nominal / goodput, within(wall * 1e-12));
        // every headline number explains down to its equations and inputs
        for (String name : new String[] {"cost", "energy", "carbon", "time_to_train", "checkpoint_interval"}) {
            CliRun e = CliRun.of("plan", brief, "--explain", name);
            assertThat(e.code()).as(name).isZero();
            assertThat(e.out()).contains("Equations, in evaluation order").contains("Inputs:").contains("Sources:");
        }
        CliRun e = CliRun.of("plan", brief, "--explain", "cost");
        assertThat(e.out()).contains("econ.run.total_cost").contains("rel.goodput = 1 / (1 + waste_fraction)")
                .contains("tail.step.expected").contains("Amazon EC2 Capacity Blocks");
        CliRun bad = CliRun.of("plan", brief, "--explain", "cots");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("cost");
    }

    @Test
    void fourArchetypesScore() throws Exception {
        CliRun door = CliRun.of("evaluate", CliRun.repo("examples/scenarios/smart-doorbell.yaml"), "--json");
        assertThat(door.code()).isZero();
        JsonNode d = M.readTree(door.out());
        assertThat(d.get("passed").asBoolean()).isTrue();
        // roofline: 15.06 MFLOP / (15.36 GOP/s · 0.018) = 54.47 ms — the fitted ESP-NN measurement (54 ms)
        assertThat(d.get("checks").get(2).get("value").asText()).isEqualTo("54.47 ms");
        assertThat(d.get("checks").get(2).get("equation").asText()).startsWith("serve.request.latency = max(");

        CliRun car = CliRun.of("evaluate", CliRun.repo("examples/scenarios/driving-perception.yaml"));
        assertThat(car.code()).isZero();
        // 8.7 GFLOP / (137.5 TOP/s · 0.074) = 855 µs; 180 frames/s → 15.4 % busy
        assertThat(car.out()).contains("855 µs").contains("utilisation 15.4 %");

        CliRun ws = CliRun.of("evaluate", CliRun.repo("examples/scenarios/local-workstation.yaml"));
        assertThat(ws.code()).isZero();
        // weights 8.03e9 · 2 B + KV 4 · 1,280 · 128 KiB = 16.73 GB; decode (16.06 + 0.67) GB / 1,008 GB/s = 16.6 ms
        assertThat(ws.out()).contains("16.73 GB").contains("16.6 ms").contains("largest batch 38");

        CliRun fr = CliRun.of("evaluate", CliRun.repo("examples/scenarios/frontier-8k-training.yaml"), "--json");
        JsonNode f = M.readTree(fr.out());
        assertThat(f.get("kind").asText()).isEqualTo("training");
        assertThat(fr.code()).isEqualTo(f.get("passed").asBoolean() ? 0 : 3);
        java.util.List<String> names = new java.util.ArrayList<>();
        f.get("checks").forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).contains("a parallel design fits in memory", "time to train with stragglers and failures",
                "goodput (Daly)", "cost", "carbon");
    }

    @Test
    void aFailedRequirementExitsThree(@TempDir Path dir) throws Exception {
        String strict = variant(dir, "examples/scenarios/smart-doorbell.yaml", "max_latency: 200 ms",
                "max_latency: 20 ms");
        CliRun r = CliRun.of("evaluate", strict);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL").contains("≤ 20 ms");
    }

    @Test
    void badMacroInputExitsTwoNamingFieldValueAndHint(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("evaluate", variant(dir, "examples/scenarios/local-workstation.yaml", "batch: 4 ",
                "batch: 64 "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("serving.batch = 64").contains("26.8 GB of 22.5 GB").contains("batch ≤ 38")
                .doesNotContain("Exception");
        String frontier = "examples/scenarios/frontier-8k-training.yaml";
        CliRun p = CliRun.of("evaluate", variant(dir, frontier, "pue: 1.08 ", "pue: 0.95 "));
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("macro.pue = 0.95").contains("at least 1");
        CliRun g = CliRun.of("plan", variant(dir, frontier, "region: us-pjm ", "region: us-pjn "));
        assertThat(g.code()).isEqualTo(2);
        assertThat(g.err()).contains("unknown region 'us-pjn'").contains("us-pjm");
    }

    @Test
    void everyCommandThatReadsABriefRefusesTheSameBadRequirementOrMacroValue(@TempDir Path dir) throws Exception {
        // one validation of a brief: plan and fundamentals used to accept these with exit 0 while evaluate refused them
        String frontier = "examples/scenarios/frontier-8k-training.yaml";
        String watts = variant(dir, frontier, "max_cost: 150e6 USD", "max_cost: 150e6 W");
        String negative = variant(dir, frontier, "pue: 1.08 ", "pue: -1.08 ");
        for (String command : new String[] {"plan", "fundamentals", "evaluate"}) {
            CliRun w = CliRun.of(command, watts);
            assertThat(w.code()).as(command).isEqualTo(2);
            assertThat(w.out()).isEmpty();
            assertThat(w.err()).as(command).isEqualTo("lsdt: error: " + watts + ": requirements.max_cost: dimension "
                    + "mismatch, '150e6 W' is m^2·kg/s^3 but the field (expects USD) is USD\n");
            CliRun n = CliRun.of(command, negative);
            assertThat(n.code()).as(command).isEqualTo(2);
            assertThat(n.err()).as(command).isEqualTo("lsdt: error: " + negative + ": macro.pue = -1.08: expected a "
                    + "finite number ≥ 1 (1)\nMaybe give a value of at least 1 (PUE = facility power / IT power): "
                    + "hyperscale sites run at 1.08-1.12, the industry average is 1.58\n");
        }
    }

    @Test
    void anExtremeMacroValueIsRefusedBeforeItPrintsInfinity(@TempDir Path dir) throws Exception {
        // a finite but extreme input (a PUE of 1e31) overflows the power and energy: refused where it is read
        String frontier = "examples/scenarios/frontier-8k-training.yaml";
        String huge = variant(dir, frontier, "pue: 1.08 ", "pue: 1e31 ");
        for (String command : new String[] {"plan", "evaluate"}) {
            CliRun r = CliRun.of(command, huge);
            assertThat(r.code()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).startsWith("lsdt: error: ").contains("macro.pue = 1.0E31: expected a "
                    + "finite number ≥ 1 (1) whose SI value (here 1.00e+31 1) lies between 1e-30 and 1e30 in "
                    + "magnitude").doesNotContain("Infinity", "Exception");
            assertThat(r.out()).doesNotContain("Infinity", "NaN");
        }
    }

    @Test
    void aValueThatOverflowsInTheGraphIsNamedWithTheInputsItComesFrom(@TempDir Path dir) throws Exception {
        // a restart of 1e20 minutes is inside the bounds of a quantity but makes Daly's waste infinite: refused by
        // the name of the value that overflowed and the brief's input below it, never printed as Infinity
        String frontier = "examples/scenarios/frontier-8k-training.yaml";
        String restart = variant(dir, frontier, "pue: 1.08 ", "pue: 1.08\n  restart_time: 1e20 min ");
        for (String command : new String[] {"plan", "evaluate"}) {
            CliRun r = CliRun.of(command, restart);
            assertThat(r.code()).as(command).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).as(command).isEqualTo("lsdt: error: " + restart + ": rel.waste_fraction = Infinity: "
                    + "expected a finite number; it is computed from rel.restart_time = 6.000e+21 (brief "
                    + "macro.restart_time), and overflows\nMaybe bring the largest or smallest of these closer to a "
                    + "physical value\n");
        }
    }
}
