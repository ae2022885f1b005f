package io.lsdt.cli;

import io.lsdt.graph.model.Reference;
import io.lsdt.graph.model.Relation;
import io.lsdt.graph.model.Variable;
import io.lsdt.graph.registry.Registry;
import io.lsdt.graph.resolve.ConstraintCheck;
import io.lsdt.graph.unit.UnitFormat;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Fabric;
import io.lsdt.physics.catalog.Model;
import io.lsdt.physics.catalog.Source;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.floor.Floor;
import io.lsdt.physics.floor.Silicon;
import io.lsdt.physics.macro.MacroCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documentation site, generated from the library: a page per graph scope (variables with units and references,
 * equations as readable text, constraints), a page per catalog device, model, fabric and region (each number with a
 * source badge: datasheet, paper, measured, estimate or assumption, and its link), each silicon device's floor, and
 * the validation report. Plain HTML and one style sheet: no script, no CDN, readable offline.
 */
final class SiteWriter {
    /** The badge classes, in the order the index explains them. */
    static final List<String> BADGES = List.of("datasheet", "documentation", "paper", "measured", "estimate",
            "assumption", "software", "definition");

    private final Path out;
    private final Registry registry = Physics.registry();
    private final Catalog catalog = Catalog.builtIn();
    private final MacroCatalog macro = MacroCatalog.bundled();

    SiteWriter(Path out) {
        this.out = out;
    }

    /**
     * Writes the site.
     *
     * @param validationMarkdown the validation report ({@code lsdt validate --report}), or null to leave it out
     * @return the pages written (relative paths)
     * @throws UncheckedIOException when a page cannot be written
     */
    List<String> write(String validationMarkdown) {
        List<String> pages = new ArrayList<>();
        write("style.css", CSS, pages);
        Map<String, List<Variable>> byScope = new LinkedHashMap<>();
        for (Variable v : registry.variables().values()) {
            byScope.computeIfAbsent(v.scope(), k -> new ArrayList<>()).add(v);
        }
        for (var e : byScope.entrySet()) {
            write("scope-" + e.getKey() + ".html", scopePage(e.getKey(), e.getValue()), pages);
        }
        for (Device d : catalog.devices().values()) {
            write("device-" + d.id() + ".html", devicePage(d), pages);
        }
        for (Model m : catalog.models().values()) {
            write("model-" + m.id() + ".html", modelPage(m), pages);
        }
        for (Fabric f : catalog.fabrics().values()) {
            write("fabric-" + f.id() + ".html", fabricPage(f), pages);
        }
        for (MacroCatalog.Region r : macro.regions().values()) {
            write("region-" + r.id() + ".html", regionPage(r), pages);
        }
        if (validationMarkdown != null) {
            write("validation.html", page("Validation report", markdown(validationMarkdown)), pages);
        }
        write("index.html", index(byScope.keySet(), validationMarkdown != null), pages);
        return pages;
    }

    // ------------------------------------------------------------------ pages

    private String index(Iterable<String> scopes, boolean validation) {
        StringBuilder b = new StringBuilder();
        b.append("<p>LSDT plans large-scale LLM training; every number is an equation of a units-checked graph with a "
                + "cited source. This site is generated from the library (<code>scripts/site</code>).</p>\n");
        StringBuilder api = new StringBuilder();
        for (String module : List.of("lsdt-api", "lsdt-graph", "lsdt-physics", "lsdt-sim")) {
            if (Files.exists(out.resolve("api/" + module + "/index.html"))) {
                api.append(api.isEmpty() ? "" : " · ").append("<a href=\"api/").append(module)
                        .append("/index.html\">").append(module).append("</a>");
            }
        }
        if (!api.isEmpty()) {
            b.append("<p>Javadoc: ").append(api).append("</p>\n");
        }
        if (validation) {
            b.append("<p><a href=\"validation.html\">Validation report</a> (<code>lsdt validate --runs "
                    + "data/validation/dev_runs.csv --runs data/validation/dev_runs_wave2.csv --report</code>: "
                    + "the 208 development runs)</p>\n");
        }
        b.append("<p>Source badges: ");
        for (String k : BADGES) {
            b.append(badge(k)).append(' ');
        }
        b.append("— an <em>estimate</em> is derived by someone other than the vendor; an <em>assumption</em> has no "
                + "source at all.</p>\n");
        b.append("<h2>Scopes of equations</h2>\n<ul class=\"cols\">\n");
        for (String s : scopes) {
            b.append("<li><a href=\"scope-").append(s).append(".html\">").append(esc(s)).append("</a></li>\n");
        }
        b.append("</ul>\n");
        list(b, "Devices", "device-", catalog.devices().keySet());
        list(b, "Models", "model-", catalog.models().keySet());
        list(b, "Fabrics", "fabric-", catalog.fabrics().keySet());
        list(b, "Regions", "region-", macro.regions().keySet());
        return page("LSDT documentation", b.toString());
    }

    private static void list(StringBuilder b, String title, String prefix, Iterable<String> ids) {
        b.append("<h2>").append(title).append("</h2>\n<ul class=\"cols\">\n");
        for (String id : ids) {
            b.append("<li><a href=\"").append(prefix).append(id).append(".html\">").append(esc(id))
                    .append("</a></li>\n");
        }
        b.append("</ul>\n");
    }

    private String scopePage(String scope, List<Variable> vars) {
        StringBuilder b = new StringBuilder("<p><a href=\"index.html\">index</a></p>\n");
        b.append("<h2>Variables</h2>\n<table>\n<tr><th>variable</th><th>unit</th><th>meaning</th><th>defined by</th>"
                + "<th>reference</th></tr>\n");
        for (Variable v : vars) {
            StringBuilder defs = new StringBuilder();
            for (Relation.Equation e : registry.definitions(v.name())) {
                if (!defs.isEmpty()) {
                    defs.append("<br>");
                }
                if (e.variantKey() != null) {
                    defs.append("<i>").append(esc(e.variantKey())).append(":</i> ");
                }
                defs.append("<code>").append(esc(e.text())).append("</code>");
            }
            b.append("<tr id=\"").append(esc(v.shortName())).append("\"><td><code>").append(esc(v.name()))
                    .append("</code></td><td>").append(esc(v.unit().symbol())).append("</td><td>")
                    .append(esc(v.description())).append("</td><td>")
                    .append(defs.isEmpty() ? "<i>root input</i>" : defs).append("</td><td>")
                    .append(ref(v.reference())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        StringBuilder eqs = new StringBuilder();
        for (Relation r : registry.relations().values()) {
            if (!r.name().startsWith(scope + ".")) {
                continue;
            }
            if (r instanceof Relation.Equation e) {
                eqs.append("<tr><td><code>").append(esc(e.defines())).append("</code></td><td><code>")
                        .append(esc(e.text())).append("</code>").append(e.note() == null ? "" : "<br><small>"
                                + esc(e.note()) + "</small>").append("</td><td>").append(ref(e.reference()))
                        .append("</td></tr>\n");
            } else if (r instanceof Relation.Constraint c) {
                eqs.append("<tr class=\"ck\"><td><code>").append(esc(c.name())).append("</code></td><td><code>")
                        .append(esc(c.comparison().text())).append("</code><br><small>fails when: ")
                        .append(esc(c.description())).append("</small></td><td>").append(ref(c.reference()))
                        .append("</td></tr>\n");
            }
        }
        if (!eqs.isEmpty()) {
            b.append("<h2>Equations and constraints</h2>\n<table>\n<tr><th>defines</th><th>expression</th>"
                    + "<th>reference</th></tr>\n").append(eqs).append("</table>\n");
        }
        return page("Scope " + scope, b.toString());
    }

    /**
     * Every sourced number of a device page, in page order: the datasheet figures, then its silicon.
     *
     * @param d a device
     * @return label to number
     */
    static Map<String, Sourced> numbers(Device d) {
        Map<String, Sourced> m = new LinkedHashMap<>();
        d.peakDense().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> m.put("dense peak " + e.getKey().key(), e.getValue()));
        put(m, "memory capacity", d.memoryCapacity());
        put(m, "visible memory", d.visibleMemory());
        put(m, "memory bandwidth", d.memoryBandwidth());
        put(m, "TDP", d.tdp());
        if (d.scaleUp() != null) {
            put(m, "scale-up per direction (" + d.scaleUp().fabric() + ")", d.scaleUp().bandwidthPerDirection());
            put(m, "scale-up domain", d.scaleUp().domainSize());
        }
        if (d.scaleOut() != null) {
            put(m, "scale-out per direction (" + d.scaleOut().fabric() + ")", d.scaleOut().bandwidthPerDirection());
        }
        put(m, "host link per direction", d.hostLink());
        put(m, "host memory bandwidth per device", d.hostMemoryBandwidth());
        put(m, "host memory per device", d.hostMemoryCapacity());
        put(m, "list price", d.listPrice());
        Silicon.Entry s = Silicon.builtIn().devices().get(d.id());
        if (s != null) {
            s.inputs().forEach((k, v) -> m.put("silicon " + k, v));
        }
        return m;
    }

    private static void put(Map<String, Sourced> m, String k, Sourced v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private String devicePage(Device d) {
        StringBuilder b = new StringBuilder("<p><a href=\"index.html\">index</a> · ").append(esc(d.vendor()))
                .append(", ").append(esc(d.category())).append(d.year() == null ? "" : ", " + d.year()).append("</p>\n");
        b.append(numbersTable(numbers(d)));
        if (d.notes() != null) {
            b.append("<p class=\"note\">").append(esc(d.notes())).append("</p>\n");
        }
        if (Silicon.builtIn().devices().containsKey(d.id())) {
            Floor f = Floor.of(registry, catalog, d.id());
            b.append("<h2>Physical floor</h2>\n<p>The silicon figures above through the <a href=\"scope-chip.html\">"
                    + "chip</a>, <a href=\"scope-hbm.html\">hbm</a>, <a href=\"scope-links.html\">links</a> and "
                    + "<a href=\"scope-joules.html\">joules</a> equations; the datasheet figures stay what plans "
                    + "use, and these check them.</p>\n<table>\n<tr><th>derived</th><th>value</th></tr>\n");
            for (String v : List.of("chip.peak", "chip.peak_gap", "hbm.bw", "hbm.bw_gap", "hbm.capacity", "hbm.ridge",
                    "links.scale_up_bw", "links.scale_up_gap", "links.pcie_bw", "joules.p_compute", "joules.p_hbm",
                    "joules.p_peak", "joules.e_flop_budget", "joules.operand_reuse_min")) {
                if (f.has(v)) {
                    String shown = v.endsWith("_gap") ? String.format(Locale.ROOT, "%+.2f %%", 100 * f.value(v))
                            : UnitFormat.format(f.value(v), registry.variable(v).unit());
                    b.append("<tr><td><a href=\"scope-").append(v, 0, v.indexOf('.')).append(".html#")
                            .append(v.substring(v.indexOf('.') + 1)).append("\"><code>").append(v)
                            .append("</code></a></td><td class=\"v\">").append(esc(shown))
                            .append("</td></tr>\n");
                }
            }
            b.append("</table>\n<table>\n<tr><th>check</th><th>status</th></tr>\n");
            for (ConstraintCheck c : f.checks()) {
                b.append("<tr><td><code>").append(esc(c.constraint().comparison().text())).append("</code></td><td>")
                        .append(c.status().name().toLowerCase(Locale.ROOT)).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return page(d.name(), b.toString());
    }

    private String modelPage(Model m) {
        StringBuilder b = new StringBuilder("<p><a href=\"index.html\">index</a> · family ").append(esc(m.family()))
                .append("</p>\n");
        Map<String, Sourced> n = new LinkedHashMap<>();
        Model.Architecture a = m.architecture();
        b.append("<table>\n<tr><th>quantity</th><th>value</th><th>source</th><th></th></tr>\n");
        Source shape = m.configSource() != null ? m.configSource() : m.source();
        String[][] rows = {{"layers", "" + a.layers()}, {"hidden", "" + a.hidden()}, {"heads", "" + a.heads()},
            {"kv heads", "" + a.kvHeads()}, {"head dim", "" + a.headDim()}, {"ffn hidden", "" + a.ffnHidden()},
            {"vocabulary", "" + a.vocab()}, {"sequence length", "" + a.seqLen()}};
        for (String[] r : rows) {
            b.append(row(r[0], r[1], shape, null));
        }
        b.append(row("published parameters", UnitFormat.number(m.publishedParams().value()),
                m.publishedParams().source(), m.publishedParams().locator()));
        if (m.publishedActiveParams() != null) {
            b.append(row("published active parameters", UnitFormat.number(m.publishedActiveParams().value()),
                    m.publishedActiveParams().source(), m.publishedActiveParams().locator()));
        }
        b.append("</table>\n");
        if (m.notes() != null) {
            b.append("<p class=\"note\">").append(esc(m.notes())).append("</p>\n");
        }
        return page(m.name(), b.toString());
    }

    private String fabricPage(Fabric f) {
        Map<String, Sourced> n = new LinkedHashMap<>();
        put(n, "bandwidth per direction", f.bandwidthPerDirection());
        put(n, "domain size", f.domainSize());
        put(n, "latency", f.latency());
        String body = "<p><a href=\"index.html\">index</a> · " + esc(f.tier()) + ", " + esc(f.technology())
                + "</p>\n" + numbersTable(n) + (f.notes() == null ? "" : "<p class=\"note\">" + esc(f.notes())
                        + "</p>\n");
        return page(f.name(), body);
    }

    private String regionPage(MacroCatalog.Region r) {
        Map<String, Sourced> n = new LinkedHashMap<>();
        put(n, "grid carbon intensity", r.carbon());
        put(n, "electricity price", r.price());
        return page(r.name(), "<p><a href=\"index.html\">index</a></p>\n" + numbersTable(n));
    }

    // ------------------------------------------------------------------ pieces

    private static String numbersTable(Map<String, Sourced> n) {
        StringBuilder b = new StringBuilder("<table>\n<tr><th>quantity</th><th>value</th><th>source</th><th>note"
                + "</th></tr>\n");
        n.forEach((k, v) -> b.append(row(k, v.quantity().toString(), v.source(), v.note())));
        return b.append("</table>\n").toString();
    }

    private static String row(String label, String value, Source s, String note) {
        String title = link(s.url(), esc(s.title()));
        return "<tr class=\"n\"><td>" + esc(label) + "</td><td class=\"v\">" + esc(value) + "</td><td>"
                + badge(kind(s, note)) + " " + title + (s.date() == null ? "" : " (" + esc(s.date()) + ")")
                + "</td><td><small>" + (note == null ? "" : esc(note)) + "</small></td></tr>\n";
    }

    /**
     * The badge of a number on the site: the kind of its source.
     *
     * @param s a source
     * @param note the number's note, or null
     * @return the badge of a number from it: its source's kind (datasheet, documentation such as a whitepaper or a
     *     system description, paper, measured, estimate), except that an estimate whose note calls it an assumption
     *     is one
     */
    static String kind(Source s, String note) {
        return switch (s.kind()) {
            case ESTIMATE -> note != null && note.toUpperCase(Locale.ROOT).startsWith("ASSUMPTION") ? "assumption"
                    : "estimate";
            default -> s.kind().text();
        };
    }

    private static String badge(String kind) {
        return "<span class=\"badge " + kind + "\">" + kind + "</span>";
    }

    private static String ref(Reference r) {
        if (r == null) {
            return "";
        }
        String t = esc(r.title()) + (r.locator() == null ? "" : ", " + esc(r.locator()));
        return badge(r.kind().text()) + " " + link(r.url(), t);
    }

    /**
     * @param url a source's address: absolute, or a path in the LSDT repository (e.g. {@code docs/calibration.md}),
     *     or null
     * @param text the escaped text
     * @return a link for an absolute address; the text and the repository path otherwise (the site does not copy
     *     the repository)
     */
    private static String link(String url, String text) {
        if (url == null) {
            return text;
        }
        return url.contains("://") ? "<a href=\"" + esc(url) + "\">" + text + "</a>"
                : text + " (<code>" + esc(url) + "</code> in the LSDT repository)";
    }

    /**
     * A small Markdown reader for the validation report: headings, pipe tables, paragraphs, code spans.
     *
     * @param md the report's Markdown
     * @return its HTML
     */
    static String markdown(String md) {
        StringBuilder b = new StringBuilder("<p><a href=\"index.html\">index</a></p>\n");
        boolean table = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("|")) {
                String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length())
                        .split("\\|", -1);
                if (cells.length > 0 && cells[0].trim().matches("-+:?|:?-+:?")) {
                    continue;
                }
                b.append(table ? "" : "<table>\n").append("<tr>");
                for (String c : cells) {
                    b.append(table ? "<td>" : "<th>").append(inline(c.trim())).append(table ? "</td>" : "</th>");
                }
                b.append("</tr>\n");
                table = true;
                continue;
            }
            if (table) {
                b.append("</table>\n");
                table = false;
            }
            if (line.startsWith("#")) {
                int level = Math.min(4, line.indexOf(' ') + 1);
                b.append("<h").append(level).append('>').append(inline(line.substring(line.indexOf(' ') + 1)))
                        .append("</h").append(level).append(">\n");
            } else if (!line.isBlank()) {
                b.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (table) {
            b.append("</table>\n");
        }
        return b.toString();
    }

    private static String inline(String s) {
        return esc(s).replaceAll("`([^`]*)`", "<code>$1</code>").replaceAll("\\*\\*([^*]*)\\*\\*", "<b>$1</b>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title)
                + " — LSDT</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n<h1>" + esc(title)
                + "</h1>\n" + body + "</body>\n</html>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void write(String name, String text, List<String> pages) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pages.add(name);
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 75em; padding: 0 1em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
            td.v { white-space: nowrap; font-variant-numeric: tabular-nums; }
            code { font-size: 0.92em; }
            .cols { columns: 4; }
            .note { color: #555; }
            .badge { font-size: 0.75em; padding: 0.1em 0.4em; border-radius: 0.3em; color: #fff; background: #777; }
            .badge.datasheet { background: #2a6f2a; } .badge.documentation { background: #3d7f5a; } .badge.paper { background: #1f4e99; }
            .badge.measured { background: #6a3d9a; } .badge.estimate { background: #b36b00; }
            .badge.assumption { background: #b22222; } .badge.definition { background: #555; }
            tr.ck td { background: #f7f7f0; }
            """;
}
