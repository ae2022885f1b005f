package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lsdt.api.DesignPoint;
import io.lsdt.api.Explanation;
import io.lsdt.api.Lsdt;
import io.lsdt.api.Plan;
import io.lsdt.api.PlanRequest;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.macro.MacroPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9's guard of the one evaluation path: every number {@code lsdt plan --json} prints for an example brief is
 * one graph value. The test walks the JSON, names each number's variable (the design objects and the headline carry
 * a {@code variables} map; fundamentals and macro values are keyed by their variable), explains it through the
 * library API and checks that the explanation reproduces the printed value and that every input its chain starts
 * from has a recorded origin, and a catalog input its source. A number added to the JSON without a variable fails
 * here: the numeric leaves checked must be all the numeric leaves. The one exception is a design's
 * {@code evidence} — the development runs nearest to it and the best MFU measured on its hardware — which is data of
 * the validation set, checked number by number against the library's {@link DesignPoint#nearestRuns()} and
 * {@link DesignPoint#bestMeasured()}.
 */
class PlanExplainsEveryNumberTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"examples/llama3.1-405b.yaml", "examples/gpt3-175b.yaml",
        "examples/scenarios/frontier-8k-training.yaml"})
    void everyNumberOfThePlanIsAnExplainedGraphValue(String brief) throws Exception {
        CliRun r = CliRun.of("plan", CliRun.repo(brief), "--json");
        assertThat(r.code()).as(r.err()).isIn(0, 3);
        JsonNode j = JSON.readTree(r.out());
        Plan plan = Lsdt.builtIn().plan(PlanRequest.of(Path.of(CliRun.repo(brief))));
        TreeSet<String> checked = new TreeSet<>();
        DesignPoint chosen = plan.chosen();
        // fundamentals: section → key, each a fundamentals.* variable
        for (Iterator<Map.Entry<String, JsonNode>> s = j.get("fundamentals").fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> section = s.next();
            for (Iterator<Map.Entry<String, JsonNode>> e = section.getValue().fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> f = e.next();
                check(chosen, "fundamentals." + f.getKey(), j, "/fundamentals/" + section.getKey() + "/" + f.getKey(),
                        1, checked);
            }
        }
        check(chosen, "design.devices", j, "/devices", 1, checked);
        check(chosen, "fundamentals.T", j, "/deadline_s", 1, checked);
        check(chosen, DesignPoint.TIME_TO_TRAIN, j, "/time_to_train_s", 1, checked);
        check(chosen, DesignPoint.MFU, j, "/mfu", 1, checked);
        for (int i = 0; i < plan.designs().size(); i++) {
            walkVariables(j, "/designs/" + i, plan.designs().get(i), checked);
        }
        walkVariables(j, "/chosen", chosen, checked);
        walkVariables(j, "/time_to_train", chosen, checked);
        if (!j.at("/deadline_first/devices").isNull()) {
            DesignPoint d = plan.deadlineFirst().design();
            check(d, "design.devices", j, "/deadline_first/devices", 1, checked);
            check(d, DesignPoint.TIME_TO_TRAIN, j, "/deadline_first/time_to_train_s", 1, checked);
            walkVariables(j, "/deadline_first/design", d, checked);
            walkVariables(j, "/deadline_first/time_to_train", d, checked);
        }
        // the macro section is keyed by variable; its inputs name theirs
        for (Iterator<String> e = j.at("/macro/values").fieldNames(); e.hasNext(); ) {
            String v = e.next();
            check(chosen, v, j, "/macro/values/" + v.replace("/", "~1") + "/value", 1, checked);
        }
        // the brief's requirements: the plan's value is a graph value, the limit the brief's as written (SI)
        JsonNode reqs = j.get("requirements");
        assertThat(reqs.size()).isEqualTo(plan.requirements().size());
        for (int i = 0; i < reqs.size(); i++) {
            check(chosen, reqs.get(i).get("variable").asText(), j, "/requirements/" + i + "/value", 1, checked);
            assertThat(reqs.get(i).get("limit").asDouble()).isEqualTo(plan.requirements().get(i).limit().si());
            checked.add("/requirements/" + i + "/limit");
        }
        JsonNode inputs = j.at("/macro/inputs");
        for (int i = 0; i < inputs.size(); i++) {
            check(chosen, inputs.get(i).get("variable").asText(), j, "/macro/inputs/" + i + "/value", 1, checked);
        }
        // what-ifs at other scales: the graph's tail.step.efficiency resolved at 1K, 16K and 100K ranks
        double cv = chosen.value("tail.step.cv");
        for (String n : new String[] {"1024", "16384", "100000"}) {
            assertThat(j.at("/macro/straggler_efficiency/" + n).asDouble())
                    .isEqualTo(MacroPlan.stragglerEfficiency(io.lsdt.physics.Physics.registry(), cv, Long.parseLong(n)));
            checked.add("/macro/straggler_efficiency/" + n);
        }
        // nothing numeric was left unnamed (searches is a count of the searches made, not a quantity of the run)
        TreeSet<String> leaves = new TreeSet<>();
        numericLeaves(j, "", leaves);
        leaves.removeIf(p -> p.endsWith("/searches"));
        assertThat(checked).containsAll(leaves);
        assertThat(checked.size()).as("numbers explained").isGreaterThan(200);
    }

    /** Checks every number of an object that carries a {@code variables} map (JSON path → graph variable). */
    private static void walkVariables(JsonNode root, String at, DesignPoint point, TreeSet<String> checked) {
        JsonNode object = root.at(at);
        JsonNode vars = object.get("variables");
        assertThat(vars).as("%s has a variables map", at).isNotNull();
        TreeSet<String> numbers = new TreeSet<>();
        numericLeaves(object, "", numbers);
        // the evidence behind a design's interval is development runs, not graph values: checked against the API
        if (object.has("evidence")) {
            evidence(root, at + "/evidence", point, checked);
            numbers.removeIf(p -> p.startsWith("/evidence/"));
        }
        for (String path : numbers) {
            String key = path.substring(1).replace('/', '.');
            assertThat(vars.has(key)).as("%s%s has a graph variable", at, path).isTrue();
            double scale = key.equals("tflops_per_gpu") ? 1e12 : 1;
            check(point, vars.get(key).asText(), root, at + path, scale, checked);
        }
    }

    /**
     * The nearest validated runs and the best measured MFU of a design: each number is the development run's, as
     * {@link DesignPoint#nearestRuns()} and {@link DesignPoint#bestMeasured()} give it.
     */
    private static void evidence(JsonNode root, String at, DesignPoint point, TreeSet<String> checked) {
        JsonNode e = root.at(at);
        assertThat(e.get("regime").asText()).isEqualTo(point.interval().regime().key());
        JsonNode near = e.get("nearest_runs");
        List<io.lsdt.physics.uncertainty.NearestRun> runs = point.nearestRuns();
        assertThat(near).hasSize(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            io.lsdt.physics.uncertainty.NearestRun n = runs.get(i);
            io.lsdt.physics.uncertainty.Configuration c = n.run().configuration();
            JsonNode j = near.get(i);
            assertThat(j.get("run_id").asText()).isEqualTo(n.run().runId());
            String p = at + "/nearest_runs/" + i + "/";
            same(root, p + "distance", n.distance(), checked);
            same(root, p + "devices", c.devices(), checked);
            same(root, p + "active_params", c.activeParams(), checked);
            same(root, p + "tp", c.tp(), checked);
            same(root, p + "pp", c.pp(), checked);
            same(root, p + "cp", c.cp(), checked);
            same(root, p + "ep", c.ep(), checked);
            same(root, p + "log_residual", n.run().logResidual(), checked);
        }
        io.lsdt.physics.uncertainty.BestMeasured b = point.bestMeasured();
        if (b == null) {
            assertThat(e.get("best_measured_mfu").isNull()).isTrue();
        } else {
            same(root, at + "/best_measured_mfu/mfu", b.mfu(), checked);
            same(root, at + "/best_measured_mfu/devices", b.devices(), checked);
        }
        // the nearest run's distance is the graph's input uncertainty.distance
        assertThat(point.value("uncertainty.distance")).isEqualTo(runs.get(0).distance());
    }

    private static void same(JsonNode root, String path, double value, TreeSet<String> checked) {
        assertThat(root.at(path).isNumber()).as(path).isTrue();
        assertThat(root.at(path).asDouble()).as(path).isEqualTo(value);
        checked.add(path);
    }

    private static void check(DesignPoint point, String variable, JsonNode root, String path, double scale,
            TreeSet<String> checked) {
        double printed = root.at(path).asDouble() * scale;
        assertThat(root.at(path).isNumber()).as(path).isTrue();
        Explanation e = point.explain(variable);
        assertThat(e.resolved()).as("%s (%s) resolves", path, variable).isTrue();
        assertThat(e.value()).as("%s (%s)", path, variable).isCloseTo(printed,
                org.assertj.core.api.Assertions.within(Math.abs(printed) * 1e-9 + 1e-300));
        assertThat(e.inputsWithoutOrigin()).as("inputs of %s without an origin", variable).isEmpty();
        for (String in : e.inputs()) {
            BriefInput o = e.origin(in);
            if (o.origin().startsWith("catalog")) {
                assertThat(o.source()).as("%s ← %s (%s) has its source", variable, in, o.origin()).isNotNull();
            }
        }
        checked.add(path);
    }

    private static void numericLeaves(JsonNode n, String path, java.util.Collection<String> out) {
        if (n.isNumber()) {
            out.add(path);
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> numericLeaves(e.getValue(), path + "/" + e.getKey().replace("/", "~1"),
                    out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                numericLeaves(n.get(i), path + "/" + i, out);
            }
        }
    }
}
