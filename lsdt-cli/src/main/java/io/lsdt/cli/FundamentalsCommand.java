package io.lsdt.cli;

import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.Physics;
import io.lsdt.physics.brief.Brief;
import io.lsdt.physics.brief.BriefInput;
import io.lsdt.physics.fundamentals.Fundamentals;
import io.lsdt.physics.fundamentals.FundamentalsResult;
import io.lsdt.physics.fundamentals.FundamentalsScope;
import io.lsdt.physics.fundamentals.Narrative;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt fundamentals BRIEF}: the topology-agnostic lower bounds of a training run. */
@Command(name = "fundamentals", mixinStandardHelpOptions = true,
        description = {
            "What must be true to train the model by the deadline, before any cluster design (seed 000):",
            "total FLOPs and the FLOP/s and token/s they require; bytes of weights, gradients and optimizer state;",
            "dataset and checkpoint bandwidths; device lower bounds from compute, state and the step's working set;",
            "per-step time and exchange; the step-time budget; the checkpoint drain on the run.",
            "",
            "BRIEF is a YAML file in the seed's format (workload / state_bytes / io / device / step / capabilities,",
            "SI numbers) or in LSDT's catalog form (model, device and fabric by catalog id; quantities with units,",
            "e.g. \"15.6e12 token\", \"54 d\"). See examples/ and docs/briefs.md.",
            ""},
        footer = {"",
            "Sections: req, device_bounds, instant, movement, stepfacts, timecmp, comm, budget, ckpt, meta",
            "(the seed implementation's names; --json prints them with values in SI base units).",
            "",
            "Examples:",
            "  lsdt fundamentals examples/13b-seed.yaml --json",
            "  lsdt fundamentals examples/llama3.1-405b.yaml --explain N_instant_device_lower_bound",
            "  lsdt fundamentals examples/gpt3-175b.yaml --debug",
            "", "Exit codes: 0 the bundle is printed, 2 bad input, 1 a defect."})
final class FundamentalsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BRIEF", description = "brief YAML file")
    Path brief;

    @Option(names = "--json", description = "print the bundle as JSON: sections and keys of the seed, SI values")
    boolean json;

    @Option(names = "--debug", description = "print the narrative (the seed's story) first, then the bundle")
    boolean debug;

    @Option(names = "--explain", paramLabel = "VAR", description = "print the equations, values, sources and inputs "
            + "behind one quantity (a bundle key such as F_total_flop, or any graph variable); repeatable")
    List<String> explain = new ArrayList<>();

    @Override
    public Integer call() {
        Brief b = io.lsdt.api.PlanRequest.of(brief).brief(io.lsdt.physics.catalog.Catalog.builtIn());
        Warnings.of(spec.commandLine().getErr(), b);
        FundamentalsResult r = Fundamentals.compute(io.lsdt.physics.Physics.registry(), b);
        Registry registry = Physics.registry();
        StringBuilder out = new StringBuilder();
        if (!explain.isEmpty()) {
            for (String e : explain) {
                String var = e.contains(".") ? registry.variable(e).name() : registry.find(e).name();
                if (!r.resolution().has(var) && !r.resolution().missing().contains(var)) {
                    r = new FundamentalsResult(b, new io.lsdt.graph.resolve.Resolver(registry).resolve(
                            b.assignments(registry), b.variants(), List.of(var)));
                }
                out.append(TracePrinter.explain(registry, r.resolution(), var, b)).append('\n');
            }
            spec.commandLine().getOut().print(out);
            return 0;
        }
        if (json) {
            spec.commandLine().getOut().print(Json.write(r.bundle()));
            return 0;
        }
        if (debug) {
            out.append(Narrative.tell(r)).append('\n');
        }
        out.append(human(r, registry));
        spec.commandLine().getOut().print(out);
        return 0;
    }

    static String human(FundamentalsResult r, Registry registry) {
        StringBuilder sb = new StringBuilder();
        Brief b = r.brief();
        sb.append("Fundamentals: ").append(b.name()).append("  (").append(b.form().name().toLowerCase())
                .append(" brief ").append(b.file()).append(")\n");
        if (b.modelId() != null) {
            sb.append("model ").append(b.modelId()).append(", device ").append(b.deviceId());
            if (b.fabricId() != null) {
                sb.append(", fabric ").append(b.fabricId());
            }
            sb.append('\n');
        }
        for (Map.Entry<String, Map<String, Double>> s : r.bundle().entrySet()) {
            sb.append('\n').append(s.getKey()).append('\n');
            TextTable t = new TextTable(new String[] {"key", "value", "meaning"}, false, true, false);
            for (Map.Entry<String, Double> k : s.getValue().entrySet()) {
                String var = FundamentalsScope.NAME + "." + k.getKey();
                t.row(k.getKey(), UnitFormat.format(k.getValue(), registry.variable(var).unit()),
                        registry.variable(var).description());
            }
            sb.append(t.render("  "));
        }
        List<ConstraintCheck> checks = r.resolution().constraints();
        if (!checks.isEmpty()) {
            sb.append("\nchecks\n");
            for (ConstraintCheck c : checks) {
                String status = switch (c.status()) {
                    case SATISFIED -> "ok  ";
                    case VIOLATED -> "FAIL";
                    case UNKNOWN -> "?   ";
                };
                sb.append("  ").append(status).append("  ").append(c.constraint().comparison().text());
                if (c.status() == ConstraintCheck.Status.VIOLATED) {
                    sb.append("  — ").append(c.constraint().description());
                }
                sb.append('\n');
            }
        }
        List<BriefInput> assumed = b.inputs().stream().filter(BriefInput::assumption).toList();
        if (!assumed.isEmpty()) {
            sb.append("\nassumptions (defaults or estimates; state them in the brief to change them)\n");
            for (BriefInput in : assumed) {
                sb.append("  ").append(in.variable().substring(in.variable().indexOf('.') + 1)).append(" = ")
                        .append(UnitFormat.format(in.value().si(), registry.variable(in.variable()).unit()))
                        .append("  ← ").append(in.origin()).append('\n');
            }
        }
        sb.append("\nExplain any number: lsdt fundamentals ").append(b.file()).append(" --explain KEY\n");
        return sb.toString();
    }
}
