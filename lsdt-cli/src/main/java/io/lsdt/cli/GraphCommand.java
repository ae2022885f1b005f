package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Relation.Equation;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.query.Cones;
import io.lsdt.graph.query.DotExporter;
import io.lsdt.graph.query.GraphStats;
import io.lsdt.graph.query.RootDebt;
import io.lsdt.graph.query.Verifier;
import io.lsdt.graph.registry.GraphIssue;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Assignments;
import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.graph.resolve.TraceStep;
import io.lsdt.graph.resolve.UnresolvedInput;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.Physics;
import io.lsdt.physics.brief.Brief;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt graph …}: inspect and query the equation graph. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {
            "Inspect the units-checked equation graph behind every number LSDT prints.",
            "Variables are named scope.name (e.g. fundamentals.F_total_flop); a unique short name also works.",
            ""},
        subcommands = {GraphCommand.Stats.class, GraphCommand.Verify.class, GraphCommand.Roots.class,
            GraphCommand.RootDebtCmd.class, GraphCommand.Cone.class, GraphCommand.Dot.class,
            GraphCommand.Resolve.class, PresetCommands.ListPresets.class, PresetCommands.ScenarioReportCmd.class,
            PresetCommands.ScenarioAudit.class, PresetCommands.NextWork.class, GraphCommand.AssumptionsCmd.class})
final class GraphCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Registry registry() {
        return Physics.registry();
    }

    static List<String> outsideValidity(Resolution res) {
        return res.approximations().stream().filter(v -> v.status() == ConstraintCheck.Status.VIOLATED)
                .map(v -> v.equation().name() + " (valid where " + v.equation().validity().text() + ")").toList();
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Counts of variables, equations, "
            + "constraints, roots and leaves, with unit and reference coverage.")
    static final class Stats implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            GraphStats s = GraphStats.of(registry());
            if (json) {
                spec.commandLine().getOut().print(Json.write(s));
                return 0;
            }
            StringBuilder sb = new StringBuilder();
            sb.append("scopes        ").append(s.scopes()).append("  ").append(s.byScope()).append('\n');
            sb.append("variables     ").append(s.variables()).append('\n');
            sb.append("equations     ").append(s.equations()).append("  (identities ").append(s.identities())
                    .append(", variants ").append(s.variants()).append(", approximations ").append(s.approximations())
                    .append(", constants ").append(s.constants()).append(")\n");
            sb.append("constraints   ").append(s.constraints()).append('\n');
            sb.append("root inputs   ").append(s.roots()).append('\n');
            sb.append("leaves        ").append(s.leaves()).append('\n');
            sb.append("with unit     ").append(s.variablesWithUnit()).append(" of ").append(s.variables())
                    .append(" variables (every variable declares one; dimensionless ones declare '1')\n");
            sb.append("with source   ").append(s.variablesWithReference()).append(" of ").append(s.variables())
                    .append(" variables, ").append(s.relationsWithReference()).append(" of ").append(s.relations())
                    .append(" relations\n");
            spec.commandLine().getOut().print(sb);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Re-check every relation: dimensions, definitions (one identity per variable, variants not mixed with it),",
        "cycles; then list warnings: relations and variables without a reference, equations that reach no",
        "headline target. Exit 1 when an error is found."})
    static final class Verify implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            Registry r = registry();
            Verifier.Report rep = Verifier.verify(r);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ok", rep.ok());
                m.put("dimension_errors", rep.dimensionErrors());
                m.put("cycles", rep.cycles());
                m.put("errors", rep.errors().stream().map(GraphIssue::toString).toList());
                m.put("warnings", rep.warnings().stream().map(GraphIssue::toString).toList());
                spec.commandLine().getOut().print(Json.write(m));
                return rep.ok() ? 0 : 1;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(r.relations().size()).append(" relations and ").append(r.variables().size())
                    .append(" variables checked\n");
            sb.append("dimension errors  ").append(rep.dimensionErrors()).append('\n');
            sb.append("cycles            ").append(rep.cycles()).append('\n');
            sb.append("other errors      ").append(rep.errors().size() - rep.dimensionErrors() - rep.cycles())
                    .append('\n');
            sb.append("warnings          ").append(rep.warnings().size()).append('\n');
            for (GraphIssue i : rep.errors()) {
                sb.append("  ").append(i).append('\n');
            }
            for (GraphIssue i : rep.warnings()) {
                sb.append("  ").append(i).append('\n');
            }
            sb.append(rep.ok() ? "OK\n" : "FAILED\n");
            spec.commandLine().getOut().print(sb);
            return rep.ok() ? 0 : 1;
        }
    }

    @Command(name = "roots", mixinStandardHelpOptions = true,
            description = "List the root inputs: variables no equation defines, which a brief or --assign must give.")
    static final class Roots implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--scope", description = "only this scope (e.g. fundamentals, arch)")
        String scope;

        @Override
        public Integer call() {
            Registry r = registry();
            TextTable t = new TextTable(new String[] {"variable", "unit", "meaning"});
            for (Variable v : r.variables().values()) {
                if (r.isRoot(v.name()) && (scope == null || v.scope().equals(scope))) {
                    t.row(v.name(), v.unit().symbol(), v.description());
                }
            }
            spec.commandLine().getOut().print(t.render(""));
            return 0;
        }
    }

    @Command(name = "assumptions", mixinStandardHelpOptions = true, description = {
        "Every number LSDT uses that no primary source gives: constants fitted on the development set, stated",
        "assumptions (the framework reserve, collective link efficiencies), catalog numbers from estimates (press",
        "prices, unconfirmed figures), macro defaults nobody published, and graph variables whose reference is an",
        "assumption. With --brief, the assumptions and fitted constants one plan's numbers rest on, with where each",
        "enters (every other input of the plan has a published source or comes from the brief).", ""},
        footer = {"", "Examples:", "  lsdt graph assumptions", "  lsdt graph assumptions --brief examples/llama3.1-405b.yaml",
            "  lsdt graph assumptions --json"})
    static final class AssumptionsCmd implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--brief", paramLabel = "BRIEF", description = "a catalog-form brief: list what its plan's "
                + "chosen design rests on")
        java.nio.file.Path brief;

        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            io.lsdt.api.Lsdt lsdt = io.lsdt.api.Lsdt.builtIn();
            List<io.lsdt.api.Assumptions.Row> rows;
            if (brief != null) {
                io.lsdt.api.Plan plan = lsdt.plan(io.lsdt.api.PlanRequest.of(brief).withTop(1)
                        .withDeadlineFirst(false));
                if (plan.chosen() == null) {
                    throw io.lsdt.graph.error.LsdtException.of(io.lsdt.graph.error.Problem.INVALID_VALUE, "--brief",
                            brief, "a brief whose plan finds a design").withHint("run lsdt plan " + brief);
                }
                rows = io.lsdt.api.Assumptions.of(plan.chosen());
            } else {
                rows = io.lsdt.api.Assumptions.of(lsdt);
            }
            if (json) {
                spec.commandLine().getOut().print(Json.write(rows));
                return 0;
            }
            TextTable t = new TextTable(new String[] {"kind", "name", "value", "basis"}, false, false, true, false);
            rows.forEach(r -> t.row(r.kind(), r.name(), r.value(), r.basis()));
            spec.commandLine().getOut().print(t.render(""));
            spec.commandLine().getOut().printf("%d numbers without a primary source (fitted or assumed)%n", rows.size());
            return 0;
        }
    }

    @Command(name = "root-debt", mixinStandardHelpOptions = true, description = {
        "Root inputs ranked by blast radius: how many variables depend on each. A root is modelling debt:",
        "someone must supply it. --families groups roots by their dotted prefix and counts each dependent once."})
    static final class RootDebtCmd implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--families", description = "group by family")
        boolean families;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "rows to print "
                + "(default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            OptionChecks.atLeastOne("--limit", limit);
            Registry r = registry();
            if (families) {
                List<RootDebt.Family> fam = RootDebt.families(r).stream().limit(limit).toList();
                if (json) {
                    spec.commandLine().getOut().print(Json.write(fam));
                    return 0;
                }
                TextTable t = new TextTable(new String[] {"weight", "roots", "family", "heaviest roots"}, true, true);
                fam.forEach(f -> t.row(String.valueOf(f.weight()), String.valueOf(f.roots()), f.family(),
                        String.join(", ", f.top())));
                spec.commandLine().getOut().print(t.render(""));
                return 0;
            }
            List<RootDebt.Row> rows = RootDebt.rows(r).stream().limit(limit).toList();
            if (json) {
                spec.commandLine().getOut().print(Json.write(rows));
                return 0;
            }
            TextTable t = new TextTable(new String[] {"dependents", "root", "unit", "meaning"}, true);
            rows.forEach(x -> t.row(String.valueOf(x.dependents()), x.name(), x.unit(), x.description()));
            spec.commandLine().getOut().print(t.render(""));
            return 0;
        }
    }

    @Command(name = "cone", mixinStandardHelpOptions = true, description = {
        "The dependency cone of a variable: up = everything it depends on, down = everything that depends on it."})
    static final class Cone implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "VAR", description = "variable name")
        String variable;

        @Option(names = "--direction", defaultValue = "up", description = "up or down (default: ${DEFAULT-VALUE})")
        Cones.Direction direction;

        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            Registry r = registry();
            String v = r.find(variable).name();
            Set<String> cone = Cones.cone(r, v, direction);
            if (json) {
                List<Map<String, Object>> nodes = new ArrayList<>();
                for (String n : cone) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", n);
                    m.put("unit", r.variable(n).unit().symbol());
                    m.put("root", r.isRoot(n));
                    m.put("defined_by", r.definitions(n).stream().map(Equation::name).toList());
                    nodes.add(m);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("variable", v);
                result.put("direction", direction.name().toLowerCase(Locale.ROOT));
                result.put("nodes", nodes);
                spec.commandLine().getOut().print(Json.write(result));
                return 0;
            }
            TextTable t = new TextTable(new String[] {"variable", "unit", "kind", "defined by"});
            for (String n : cone) {
                List<Equation> defs = r.definitions(n);
                String kind = r.isRoot(n) ? "root" : defs.stream().allMatch(Equation::isConstant) ? "constant"
                        : "derived";
                t.row(n, r.variable(n).unit().symbol(), kind, defs.stream().map(e -> e.variantKey() == null
                        ? e.text() : e.variantKey() + ": " + e.text()).reduce((a, b) -> a + " | " + b).orElse(""));
            }
            spec.commandLine().getOut().print(cone.size() + " variables in the " + direction.name().toLowerCase()
                    + " cone of " + v + "\n" + t.render(""));
            return 0;
        }
    }

    @Command(name = "dot", mixinStandardHelpOptions = true, description = {
        "Graphviz DOT of a cone (roots red, constants yellow, the variable green).",
        "Render with: lsdt graph dot VAR | dot -Tsvg > cone.svg"})
    static final class Dot implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "VAR", description = "variable name")
        String variable;

        @Option(names = "--direction", defaultValue = "up", description = "up or down (default: ${DEFAULT-VALUE})")
        Cones.Direction direction;

        @Override
        public Integer call() {
            Registry r = registry();
            spec.commandLine().getOut().print(DotExporter.cone(r, r.find(variable).name(), direction));
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = {
        "Resolve one variable from a brief and/or assignments, with its trace, missing inputs and checks.",
        "Assignments override equations; a plain number is read in the variable's unit."},
        footer = {"", "Examples:",
            "  lsdt graph resolve F_total_flop --assign P=13e9 --assign P_active=13e9 --assign Tok=3e12 --assign c=6",
            "  lsdt graph resolve fundamentals.t_comm_min_s --brief examples/llama3.1-405b.yaml --trace",
            "  lsdt graph resolve arch.params_total --assign arch.layers=32 --missing",
            "  lsdt graph resolve econ.cost.per_token --preset dense_training_cost_fixture --trace"})
    static final class Resolve implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "VAR", description = "variable name")
        String variable;

        @Option(names = "--brief", paramLabel = "BRIEF", description = "take assignments and variants from a brief")
        Path brief;

        @Option(names = "--preset", paramLabel = "PRESET", description = "take assignments and variants from a "
                + "preset (lsdt graph list-presets); repeatable, later ones win")
        List<String> presets = new ArrayList<>();

        @Option(names = "--assign", paramLabel = "NAME=VALUE[ UNIT]", description = "assign a variable; repeatable")
        List<String> assign = new ArrayList<>();

        @Option(names = "--variant", paramLabel = "NAME=KEY", description = "choose a variant; repeatable")
        List<String> variant = new ArrayList<>();

        @Option(names = "--trace", description = "print the equations that fired")
        boolean trace;

        @Option(names = "--missing", description = "print the inputs still missing")
        boolean missing;

        @Option(names = "--json", description = "print value, unit, trace and missing as JSON")
        boolean json;

        @Override
        public Integer call() {
            Registry r = registry();
            String target = r.find(variable).name();
            Assignments a = new Assignments(r);
            Map<String, String> variants = new LinkedHashMap<>();
            Brief b = null;
            if (brief != null) {
                b = io.lsdt.api.PlanRequest.of(brief).brief(io.lsdt.physics.catalog.Catalog.builtIn());
                Warnings.of(spec.commandLine().getErr(), b);
                for (Map.Entry<String, Double> e : b.assignments(r).entrySet()) {
                    a.setSi(e.getKey(), e.getValue());
                }
                variants.putAll(b.variants());
            }
            for (String name : presets) {
                io.lsdt.physics.preset.Preset p = io.lsdt.physics.Physics.preset(name);
                p.assignments().forEach((k, v) -> a.parse(k + "=" + v));
                variants.putAll(p.variants());
            }
            for (String s : assign) {
                a.parse(s);
            }
            for (String s : variant) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw LsdtException.of(Problem.INVALID_VALUE, "--variant", s, "NAME=KEY");
                }
                variants.put(r.find(s.substring(0, eq).strip()).name(), s.substring(eq + 1).strip());
            }
            Resolution res = new Resolver(r).resolve(a.values(), variants, List.of(target));
            // every input here is the user's (a brief, a preset, --assign): a value that overflows is named with them
            java.util.Set<String> given = new java.util.HashSet<>(assign.stream()
                    .map(x -> x.substring(0, Math.max(0, x.indexOf('='))).strip()).toList());
            String rest = b != null ? "brief " + brief : "preset " + String.join(", ", presets);
            res.requireFinite(List.of(target), v -> given.contains(v) || given.contains(v.substring(v.indexOf('.')
                    + 1)) ? "--assign" : rest);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                var unit = r.variable(target).unit();
                m.put("variable", target);
                m.put("value", res.has(target) ? unit.fromSi(res.value(target)) : null);
                m.put("unit", unit.symbol());
                m.put("si_value", res.has(target) ? res.value(target) : null);
                m.put("dimension", unit.dimension().toString());
                List<Map<String, Object>> steps = new ArrayList<>();
                for (TraceStep s : res.traceFor(target)) {
                    Map<String, Object> st = new LinkedHashMap<>();
                    st.put("equation", s.equation().name());
                    st.put("variable", s.variable());
                    st.put("expression", s.equation().text());
                    var su = r.variable(s.variable()).unit();
                    st.put("value", su.fromSi(s.value()));
                    st.put("unit", su.symbol());
                    st.put("reference", s.equation().reference() == null ? null : s.equation().reference().cite());
                    steps.add(st);
                }
                m.put("trace", steps);
                m.put("missing", List.copyOf(res.missingFor(target)));
                m.put("violated_constraints", res.violated().stream().map(c -> c.constraint().name()).toList());
                m.put("approximations_outside_validity", outsideValidity(res));
                spec.commandLine().getOut().print(Json.write(m));
                return 0;
            }
            StringBuilder sb = new StringBuilder();
            if (trace) {
                sb.append(TracePrinter.explain(r, res, target, b));
            } else if (res.has(target)) {
                sb.append(target).append(" = ").append(UnitFormat.format(res.value(target), r.variable(target).unit()))
                        .append('\n');
            } else {
                sb.append(target).append(" is unresolved (").append(res.missingFor(target).size())
                        .append(" inputs missing; add --missing to list them)\n");
            }
            if (missing || (!res.has(target) && trace)) {
                List<UnresolvedInput> miss = res.unresolved().stream()
                        .filter(u -> res.missingFor(target).contains(u.name())).toList();
                if (!trace) {
                    sb.append("missing:\n");
                    for (UnresolvedInput u : miss) {
                        sb.append("  ").append(u.name()).append(" (").append(r.variable(u.name()).unit())
                                .append("): ").append(u.reason()).append('\n');
                    }
                }
                if (miss.isEmpty() && !trace) {
                    sb.append("  (none)\n");
                }
            }
            for (ConstraintCheck c : res.violated()) {
                sb.append("violated: ").append(c.constraint().comparison().text()).append(" — ")
                        .append(c.constraint().description()).append('\n');
            }
            for (String approx : outsideValidity(res)) {
                sb.append("approximation used outside its validity: ").append(approx).append('\n');
            }
            spec.commandLine().getOut().print(sb);
            return 0;
        }
    }
}
