package io.lsdt.cli;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.query.RootDebt;
import io.lsdt.graph.query.Verifier;
import io.lsdt.graph.registry.GraphIssue;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.Physics;
import io.lsdt.physics.preset.Preset;
import io.lsdt.physics.preset.Presets;
import io.lsdt.physics.preset.ScenarioReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt graph list-presets | scenario-report | scenario-audit | next-work}: presets and graph evidence. */
final class PresetCommands {
    private PresetCommands() {}

    @Command(name = "list-presets", mixinStandardHelpOptions = true,
            description = "The presets LSDT ships: named scenarios of the graph (assignments, variants, targets).")
    static final class ListPresets implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TextTable t = new TextTable(new String[] {"preset", "assignments", "targets", "source"});
            for (Preset p : io.lsdt.physics.Physics.presets().values()) {
                t.row(p.name(), String.valueOf(p.assignments().size()), String.join(", ", p.targets()),
                        p.source().title());
            }
            spec.commandLine().getOut().print(t.render(""));
            return 0;
        }
    }

    @Command(name = "scenario-report", mixinStandardHelpOptions = true, description = {
        "Resolve a preset's targets: each value with its unit, the equations its trace ran, what is missing, and",
        "whether the preset's expected values are reproduced. Status ok when every target resolved with no",
        "violated constraint and every expected value matched (relative 1e-12); issues otherwise.",
        "--json prints preset, status, assignment_count, target_count, ok_count and targets [{name, status, value,",
        "unit, trace_equations, missing}]."},
            footer = {"", "Examples:", "  lsdt graph scenario-report dense_training_cost_fixture",
                "  lsdt graph scenario-report dense_training_cost_fixture --target training.t_step --json"})
    static final class ScenarioReportCmd implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PRESET", description = "a preset (lsdt graph list-presets)")
        String preset;

        @Option(names = "--target", paramLabel = "VAR", description = "report this variable instead of the "
                + "preset's targets; repeatable")
        List<String> targets = new ArrayList<>();

        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Option(names = "--fail-on-issues", description = "exit 3 unless the status is ok")
        boolean failOnIssues;

        @Override
        public Integer call() {
            ScenarioReport r = ScenarioReport.of(io.lsdt.physics.Physics.preset(preset), Physics.registry(), targets);
            if (json) {
                spec.commandLine().getOut().print(Json.write(r.toMap()));
            } else {
                spec.commandLine().getOut().print(human(r));
            }
            return failOnIssues && !r.status().equals("ok") ? 3 : 0;
        }
    }

    static String human(ScenarioReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("preset ").append(r.preset()).append(": ").append(r.status()).append(" (")
                .append(r.assignmentCount()).append(" assignments, ").append(r.okCount()).append(" of ")
                .append(r.targetCount()).append(" targets ok)\n");
        TextTable t = new TextTable(new String[] {"target", "value", "unit", "equations", "status", "missing"},
                false, true, false, true, false, false);
        for (ScenarioReport.Target x : r.targets()) {
            t.row(x.name(), x.value() == null ? "-" : UnitFormat.significant(x.value()), x.unit(),
                    String.valueOf(x.traceEquations()), x.status(), String.join(", ", x.missing()));
        }
        sb.append(t.render("  "));
        for (String m : r.mismatches()) {
            sb.append("  expected value not reproduced: ").append(m).append('\n');
        }
        return sb.toString();
    }

    @Command(name = "scenario-audit", mixinStandardHelpOptions = true, description = {
        "Run every shipped preset through its targets and expected values; one line each, then the count of issues."})
    static final class ScenarioAudit implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "print the reports as JSON")
        boolean json;

        @Option(names = "--fail-on-issues", description = "exit 3 when any preset has issues")
        boolean failOnIssues;

        @Override
        public Integer call() {
            List<ScenarioReport> reports = new ArrayList<>();
            for (Preset p : io.lsdt.physics.Physics.presets().values()) {
                reports.add(ScenarioReport.of(p, Physics.registry(), List.of()));
            }
            long issues = reports.stream().filter(r -> !r.status().equals("ok")).count();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("presets", reports.stream().map(ScenarioReport::toMap).toList());
                m.put("issue_count", issues);
                spec.commandLine().getOut().print(Json.write(m));
            } else {
                StringBuilder sb = new StringBuilder();
                reports.forEach(r -> sb.append(human(r)));
                sb.append(reports.size()).append(" presets, ").append(issues).append(" with issues\n");
                spec.commandLine().getOut().print(sb);
            }
            return failOnIssues && issues > 0 ? 3 : 0;
        }
    }

    @Command(name = "next-work", mixinStandardHelpOptions = true, description = {
        "What would most improve the graph, from its own evidence: the root inputs with the largest blast radius",
        "that no shipped preset or brief supplies (modelling debt), equations that reach no headline quantity",
        "(unconnected work), and headline inputs whose only source is an LSDT assumption. Each item names its",
        "evidence and the command that shows it."})
    static final class NextWork implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "5", description = "items per section "
                + "(default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "print as JSON: highest_impact, unconnected, assumptions")
        boolean json;

        @Override
        public Integer call() {
            OptionChecks.atLeastOne("--limit", limit);
            Registry r = Physics.registry();
            Set<String> supplied = new HashSet<>();
            io.lsdt.physics.Physics.presets().values().forEach(p -> supplied.addAll(p.assignments().keySet()));
            List<Map<String, String>> impact = new ArrayList<>();
            for (RootDebt.Row row : RootDebt.rows(r)) {
                if (supplied.contains(row.name()) || row.dependents() == 0) {
                    continue;
                }
                impact.add(item("give " + row.name() + " a value or an equation", row.dependents()
                        + " variables depend on it; no shipped preset assigns it (" + row.description() + ")",
                        "lsdt graph cone " + row.name() + " --direction down", source(r.variable(row.name()))));
                if (impact.size() == limit) {
                    break;
                }
            }
            List<Map<String, String>> unconnected = new ArrayList<>();
            for (GraphIssue w : Verifier.verify(r).warnings()) {
                if (unconnected.size() == limit) {
                    break;
                }
                unconnected.add(item("connect or remove " + w.subject(), w.message(), "lsdt graph verify",
                        w.subject()));
            }
            List<Map<String, String>> assumptions = new ArrayList<>();
            Set<String> headlineCone = new HashSet<>();
            for (String h : r.headlines()) {
                headlineCone.addAll(io.lsdt.graph.query.Cones.cone(r, h, io.lsdt.graph.query.Cones.Direction.UP));
            }
            for (Variable v : r.variables().values()) {
                if (assumptions.size() == limit) {
                    break;
                }
                Reference ref = v.reference();
                if (r.isRoot(v.name()) && headlineCone.contains(v.name()) && ref != null
                        && ref.kind() == Reference.Kind.ESTIMATE) {
                    assumptions.add(item("source " + v.name(), "a headline input whose reference is an "
                            + "estimate: " + ref.title(), "lsdt graph cone " + v.name() + " --direction down",
                            ref.title()));
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("highest_impact", impact);
            m.put("unconnected", unconnected);
            m.put("assumptions", assumptions);
            if (json) {
                spec.commandLine().getOut().print(Json.write(m));
                return 0;
            }
            StringBuilder sb = new StringBuilder();
            section(sb, "Highest impact (roots with the largest blast radius that no preset supplies)", impact);
            section(sb, "Unconnected (equations that reach no headline quantity)", unconnected);
            section(sb, "Assumptions on headline paths (to source)", assumptions);
            spec.commandLine().getOut().print(sb);
            return 0;
        }

        private static Map<String, String> item(String title, String evidence, String command, String path) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("title", title);
            m.put("evidence", evidence);
            m.put("command", command);
            m.put("path", path);
            return m;
        }

        private static String source(Variable v) {
            return "scope " + v.scope();
        }

        private static void section(StringBuilder sb, String heading, List<Map<String, String>> items) {
            sb.append(heading).append('\n');
            if (items.isEmpty()) {
                sb.append("  (none)\n");
            }
            for (int i = 0; i < items.size(); i++) {
                Map<String, String> it = items.get(i);
                sb.append(String.format(java.util.Locale.ROOT, "  %d. %s%n     %s%n     $ %s%n", i + 1,
                        it.get("title"), it.get("evidence"), it.get("command")));
            }
            sb.append('\n');
        }
    }
}
