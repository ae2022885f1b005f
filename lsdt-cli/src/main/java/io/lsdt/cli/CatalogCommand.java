package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.error.Suggestions;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.Resolution;
import io.lsdt.graph.resolve.Resolver;
import io.lsdt.graph.unit.Unit;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.graph.unit.Units;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Fabric;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.catalog.Precision;
import io.lsdt.physics.catalog.Source;
import io.lsdt.physics.catalog.Sourced;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lsdt catalog …}: the devices, fabrics and models LSDT knows, each number with its source. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"Devices, fabrics and models LSDT knows. Every number carries a source (title, URL or DOI,",
            "kind, date); numbers from sources of kind 'estimate' are assumptions and are marked so.", ""},
        subcommands = {CatalogCommand.ListCmd.class, CatalogCommand.Show.class})
final class CatalogCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Kinds of catalog entries. */
    enum Kind { devices, fabrics, models, regions, frameworks }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List catalog entries: devices, fabrics, "
            + "models, regions or frameworks (all when none is named). Regions are the macro layer's grid carbon "
            + "intensities and energy prices (macro: region in a brief); frameworks are the execution profiles "
            + "(ZeRO stage, shard group, gradient-reduction bytes, overlap) the design layer reads, each sourced.")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "devices, fabrics, models, regions or "
                + "frameworks")
        Kind kind;

        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            Catalog c = Catalog.builtIn();
            StringBuilder sb = new StringBuilder();
            Map<String, Object> js = new LinkedHashMap<>();
            if (kind == null || kind == Kind.devices) {
                TextTable t = new TextTable(new String[] {"id", "name", "bf16 dense", "memory", "mem bw", "TDP"},
                        false, false, true, true, true, true);
                for (Device d : c.devices().values()) {
                    t.row(d.id(), d.name(), fmt(d.peakDense().get(Precision.BF16), "FLOP/s"),
                            fmt(d.memoryCapacity(), "B"), fmt(d.memoryBandwidth(), "B/s"), fmt(d.tdp(), "W"));
                }
                sb.append("devices (").append(c.devices().size()).append(")\n").append(t.render("  ")).append('\n');
                js.put("devices", c.devices().keySet());
            }
            if (kind == null || kind == Kind.fabrics) {
                TextTable t = new TextTable(new String[] {"id", "tier", "per direction", "per", "name"},
                        false, false, true);
                for (Fabric f : c.fabrics().values()) {
                    t.row(f.id(), f.tier(), fmt(f.bandwidthPerDirection(), "B/s"), f.endpoint(), f.name());
                }
                sb.append("fabrics (").append(c.fabrics().size()).append(")\n").append(t.render("  ")).append('\n');
                js.put("fabrics", c.fabrics().keySet());
            }
            if (kind == null || kind == Kind.models) {
                Registry r = Physics.registry();
                TextTable t = new TextTable(new String[] {"id", "name", "params (derived)", "published", "layers",
                    "hidden"}, false, false, true, true, true, true);
                for (Model m : c.models().values()) {
                    t.row(m.id(), m.name(), UnitFormat.format(params(r, m).value("arch.params_total"),
                            Units.parse("param")), UnitFormat.format(m.publishedParams().value(), Units.parse("param")),
                            String.valueOf(m.architecture().layers()), String.valueOf(m.architecture().hidden()));
                }
                sb.append("models (").append(c.models().size()).append(")\n").append(t.render("  "));
                js.put("models", c.models().keySet());
            }
            if (kind == null || kind == Kind.regions) {
                io.lsdt.physics.macro.MacroCatalog mc = io.lsdt.physics.macro.MacroCatalog.bundled();
                TextTable t = new TextTable(new String[] {"id", "grid carbon", "energy price", "name", "source"},
                        false, true, true);
                for (io.lsdt.physics.macro.MacroCatalog.Region g : mc.regions().values()) {
                    t.row(g.id(), fmt(g.carbon(), "gCO2/kWh"), g.price() == null ? "-" : fmt(g.price(), "USD/kWh"),
                            g.name(), g.carbon().source().id() + (g.carbon().note() == null ? "" : ": "
                                    + g.carbon().note()));
                }
                sb.append(kind == null ? "\n" : "").append("regions (").append(mc.regions().size()).append(")\n")
                        .append(t.render("  "));
                js.put("regions", mc.regions().keySet());
            }
            if (kind == null || kind == Kind.frameworks) {
                TextTable t = new TextTable(new String[] {"id", "ZeRO", "shard over", "reduce", "overlap DP/TP",
                    "TP/PP", "name"}, false, true, false, true, false, false);
                for (io.lsdt.physics.catalog.FrameworkProfile f : c.frameworks().values()) {
                    t.row(f.id(), String.valueOf((int) f.zeroStage().si()), f.shardOverNode() ? "node" : "DP group",
                            f.reduceBytes().quantity().toString(), (f.overlapDp().si() > 0 ? "yes" : "no") + "/"
                                    + (f.overlapTp().si() > 0 ? "yes" : "no"), f.modelParallel() ? "yes" : "no",
                            f.name());
                }
                sb.append(kind == null ? "\n" : "").append("frameworks (").append(c.frameworks().size()).append(")\n")
                        .append(t.render("  "));
                js.put("frameworks", c.frameworks().keySet());
            }
            spec.commandLine().getOut().print(json ? Json.write(js) : sb.toString());
            return 0;
        }
    }

    static Resolution params(Registry r, Model m) {
        return new Resolver(r).resolve(m.architecture().assignments(), m.architecture().variants(),
                List.of("arch.params_total", "arch.params_active", "arch.params_non_embedding", "arch.embedding_params"));
    }

    static String fmt(Sourced s, String unit) {
        if (s == null) {
            return "—";
        }
        return UnitFormat.format(s.si(), Units.parse(unit)) + (s.source().isEstimate() ? "*" : "");
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one device, fabric or model with "
            + "the source of every number.")
    static final class Show implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "a device, fabric or model id")
        String id;

        @Option(names = "--json", description = "print as JSON")
        boolean json;

        @Override
        public Integer call() {
            Catalog c = Catalog.builtIn();
            Sources used = new Sources();
            StringBuilder sb = new StringBuilder();
            Map<String, Object> js = new LinkedHashMap<>();
            if (c.devices().containsKey(id)) {
                Device d = c.device(id);
                sb.append(d.name()).append("  [device ").append(d.id()).append("]\n");
                sb.append("  vendor ").append(d.vendor()).append(", ").append(d.category())
                        .append(d.year() == null ? "" : ", " + d.year()).append("\n\n");
                sb.append("  dense peak (no sparsity)\n");
                for (Map.Entry<Precision, Sourced> p : d.peakDense().entrySet()) {
                    line(sb, js, "    " + p.getKey().key(), p.getValue(), "FLOP/s", used);
                }
                line(sb, js, "  memory capacity", d.memoryCapacity(), "B", used);
                line(sb, js, "  memory bandwidth", d.memoryBandwidth(), "B/s", used);
                line(sb, js, "  TDP", d.tdp(), "W", used);
                link(sb, js, "scale-up", d.scaleUp(), used);
                link(sb, js, "scale-out", d.scaleOut(), used);
                line(sb, js, "  list price", d.listPrice(), "USD", used);
                notes(sb, d.notes());
            } else if (c.fabrics().containsKey(id)) {
                Fabric f = c.fabric(id);
                sb.append(f.name()).append("  [fabric ").append(f.id()).append("]\n");
                sb.append("  ").append(f.tier()).append(", ").append(f.technology()).append(", bandwidth per ")
                        .append(f.endpoint()).append("\n\n");
                line(sb, js, "  bandwidth per direction", f.bandwidthPerDirection(), "B/s", used);
                line(sb, js, "  domain size", f.domainSize(), "1", used);
                line(sb, js, "  latency", f.latency(), "s", used);
                notes(sb, f.notes());
            } else if (c.models().containsKey(id)) {
                Model m = c.model(id);
                Model.Architecture a = m.architecture();
                sb.append(m.name()).append("  [model ").append(m.id()).append("]\n");
                sb.append("  layers ").append(a.layers()).append(", hidden ").append(a.hidden()).append(", heads ")
                        .append(a.heads()).append(" (kv ").append(a.kvHeads()).append(", head dim ")
                        .append(a.headDim()).append("), ffn ").append(a.ffnHidden()).append(" ").append(a.ffnType())
                        .append("\n  vocab ").append(a.vocab()).append(", seq ").append(a.seqLen()).append(", ")
                        .append(a.positionEmbedding()).append(" positions, ").append(a.norm()).append(", bias ")
                        .append(a.linearBias()).append(", tied embeddings ").append(a.tiedEmbeddings()).append('\n');
                if (a.moe() != null) {
                    sb.append("  MoE: ").append(a.moe().experts()).append(" experts, top-").append(a.moe().topK())
                            .append(", shared ").append(a.moe().sharedExperts()).append(", expert ffn ")
                            .append(a.moe().expertFfnHidden()).append(", first dense layers ")
                            .append(a.moe().firstDenseLayers()).append('\n');
                }
                if (a.mla() != null) {
                    sb.append("  MLA: q rank ").append(a.mla().qLoraRank()).append(", kv rank ")
                            .append(a.mla().kvLoraRank()).append(", rope dim ").append(a.mla().qkRopeHeadDim())
                            .append('\n');
                }
                sb.append("  architecture: ").append(m.source().title()).append(" [").append(used.mark(m.source()))
                        .append("]\n");
                if (m.configSource() != null) {
                    sb.append("  configuration: ").append(m.configSource().title()).append(" [")
                            .append(used.mark(m.configSource())).append("]\n");
                }
                Resolution r = params(Physics.registry(), m);
                Unit param = Units.parse("param");
                sb.append("\n  parameters (derived by the arch equations; lsdt graph resolve arch.params_total ...)\n");
                sb.append("    total          ").append(String.format("%,.0f", r.value("arch.params_total")))
                        .append("  (").append(UnitFormat.format(r.value("arch.params_total"), param)).append(")\n");
                sb.append("    active         ").append(String.format("%,.0f", r.value("arch.params_active"))).append('\n');
                sb.append("    non-embedding  ").append(String.format("%,.0f", r.value("arch.params_non_embedding")))
                        .append('\n');
                published(sb, "published total ", m.publishedParams(), r.value("arch.params_total"), used);
                if (m.publishedActiveParams() != null) {
                    published(sb, "published active", m.publishedActiveParams(), r.value("arch.params_active"), used);
                }
                js.put("params_total", r.value("arch.params_total"));
                js.put("params_active", r.value("arch.params_active"));
                js.put("published_params", m.publishedParams().value());
                notes(sb, m.notes());
            } else {
                Set<String> all = new LinkedHashSet<>();
                all.addAll(c.devices().keySet());
                all.addAll(c.fabrics().keySet());
                all.addAll(c.models().keySet());
                String hint = Suggestions.hint(id, all);
                throw LsdtException.of(Problem.UNKNOWN_ID, "catalog entry", id)
                        .withHint(hint.isEmpty() ? "run 'lsdt catalog list' to see every id" : hint);
            }
            sb.append("\nsources\n");
            for (Map.Entry<String, Source> s : used.sources.entrySet()) {
                Source src = s.getValue();
                sb.append("  [").append(s.getKey()).append("] ").append(src.title()).append(" (").append(src.kind().text())
                        .append(src.date() == null ? "" : ", " + src.date()).append(")")
                        .append(src.isEstimate() ? " — ESTIMATE: numbers from it are assumptions" : "").append("\n      ")
                        .append(src.doi() != null ? src.doi() : src.url()).append('\n');
            }
            if (json) {
                js.put("id", id);
                js.put("sources", used.sources.values());
                spec.commandLine().getOut().print(Json.write(js));
            } else {
                spec.commandLine().getOut().print(sb);
            }
            return 0;
        }

        private static void published(StringBuilder sb, String label, Model.PublishedCount p, double derived,
                Sources used) {
            double err = (derived - p.value()) / p.value() * 100;
            sb.append("    ").append(label).append(" ").append(String.format("%,.0f", p.value()))
                    .append(p.exact() ? " (exact)" : " (rounded label)").append(String.format(", derived %+.3f %%", err))
                    .append("  [").append(used.mark(p.source())).append("] ")
                    .append(p.locator() == null ? "" : p.locator()).append('\n');
        }

        private static void link(StringBuilder sb, Map<String, Object> js, String label, Device.Link l, Sources used) {
            if (l == null) {
                return;
            }
            sb.append("  ").append(label).append(l.fabric() == null ? "" : " (" + l.fabric() + ")").append('\n');
            line(sb, js, "    bandwidth per direction", l.bandwidthPerDirection(), "B/s", used);
            line(sb, js, "    domain size", l.domainSize(), "1", used);
        }

        private static void line(StringBuilder sb, Map<String, Object> js, String label, Sourced s, String unit,
                Sources used) {
            if (s == null) {
                return;
            }
            sb.append(String.format("%-28s %s", label, UnitFormat.format(s.si(), Units.parse(unit))));
            sb.append("  (as given: ").append(s.quantity()).append(")  [").append(used.mark(s.source())).append(']');
            if (s.source().isEstimate()) {
                sb.append(" estimate");
            }
            sb.append('\n');
            if (s.note() != null) {
                sb.append(" ".repeat(31)).append(s.note()).append('\n');
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value_si", s.si());
            m.put("as_given", s.quantity().toString());
            m.put("source", s.source().id());
            m.put("note", s.note());
            js.put(label.strip(), m);
        }

        private static void notes(StringBuilder sb, String notes) {
            if (notes != null && !notes.isBlank()) {
                sb.append("\nnotes\n  ").append(notes.strip().replace("\n", "\n  ")).append('\n');
            }
        }
    }

    /** Numbers the sources cited in one listing. */
    static final class Sources {
        final Map<String, Source> sources = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();

        String mark(Source s) {
            for (Map.Entry<String, Source> e : sources.entrySet()) {
                if (e.getValue().id().equals(s.id())) {
                    return e.getKey();
                }
            }
            String key = String.valueOf(sources.size() + 1);
            sources.put(key, s);
            order.add(key);
            return key;
        }
    }
}
