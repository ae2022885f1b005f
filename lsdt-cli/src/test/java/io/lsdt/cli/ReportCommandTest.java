package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.api.DesignPoint;
import io.lsdt.api.Lsdt;
import io.lsdt.api.Plan;
import io.lsdt.api.PlanRequest;
import io.lsdt.api.Scaling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code lsdt report}: one self-contained HTML file per catalog-form brief, with the library's numbers, five plots,
 * the same bytes on every run; --plots writes the PNGs and SVGs; bad input exits 2 with a named message.
 */
class ReportCommandTest {
    private static final String LLAMA = CliRun.repo("examples/llama3.1-405b.yaml");
    private static final String GPT3 = CliRun.repo("examples/gpt3-175b.yaml");
    private static final String[] RUNS = {"--runs", CliRun.repo("data/validation/dev_runs.csv"), "--runs",
        CliRun.repo("data/validation/dev_runs_wave2.csv")};
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path dir;

    private CliRun report(String brief, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("report", brief, "-o", out.toString()));
        args.addAll(List.of(RUNS));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<byte[]> images(String html) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            out.add(Base64.getDecoder().decode(m.group(1)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/llama3.1-405b.yaml", "examples/gpt3-175b.yaml", "examples/llama3.1-70b.yaml",
        "examples/llama3.1-8b-frameworks.yaml", "examples/h100-floor-whatif.yaml"})
    void eachCatalogExampleGivesASelfContainedReportWithTheLibrarysNumbers(String example) throws IOException {
        String brief = CliRun.repo(example);
        Path out = dir.resolve("r.html");
        CliRun r = report(brief, out);
        Plan plan = Lsdt.builtIn().plan(PlanRequest.of(Path.of(brief)));
        assertThat(r.code()).as(r.err()).isEqualTo(plan.succeeds() ? 0 : 3);
        assertThat(r.err()).isEmpty();
        String html = Files.readString(out, StandardCharsets.UTF_8);
        // opens offline: no resource or link outside the file, no script, no stylesheet link
        assertThat(html).doesNotContain("http://", "https://", "<script", "<link", "@import", "url(");
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        DesignPoint chosen = plan.chosen();
        assertThat(html).contains("<span class=\"design\">" + chosen.describe() + "</span>");
        assertThat(html).contains("<span class=\"ttt\"><span class=\"n\" title=\"lsdt plan " + brief
                + " --explain training.wallclock\">" + Fmt.days(chosen.timeToTrain()) + "</span></span>");
        assertThat(html).contains("--explain training.mfu\">" + Fmt.pct(chosen.mfu()) + "</span>");
        assertThat(html).contains(plan.meetsDeadline() ? "<span class=\"ok\">meets</span>"
                : "<span class=\"miss\">MISSES</span>");
        assertThat(html).contains("--explain econ.run.total_cost\">"
                + MacroPrinter.usd(chosen.value("econ.run.total_cost")) + "</span>");
        assertThat(html).contains("--explain rel.goodput\">" + Fmt.pct(chosen.value("rel.goodput")) + "</span>");
        // five plots, each a PNG of the fixed size, in the plan's order
        List<byte[]> pngs = images(html);
        assertThat(pngs).hasSize(5);
        for (byte[] png : pngs) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(img.getWidth()).isEqualTo(ReportCharts.WIDTH);
            assertThat(img.getHeight()).isEqualTo(ReportCharts.HEIGHT);
        }
        assertThat(html).contains("id=\"plot-ledger\"", "id=\"plot-memory\"", "id=\"plot-scaling\"",
                "id=\"plot-cost-vs-time\"", "id=\"plot-validation\"");
        // the command prints what it wrote, with its size
        assertThat(r.out()).contains("wrote -o " + out + ": " + Outputs.size(Files.size(out)));
    }

    @Test
    void everyTitleNamesAGraphVariableTheChosenDesignExplains() throws IOException {
        Path out = dir.resolve("r.html");
        assertThat(report(LLAMA, out).code()).isZero();
        String html = Files.readString(out);
        DesignPoint chosen = Lsdt.builtIn().plan(PlanRequest.of(Path.of(LLAMA))).chosen();
        Matcher m = Pattern.compile("title=\"lsdt plan [^\"]* --explain ([a-zA-Z0-9_.]+)").matcher(html);
        List<String> vars = new ArrayList<>();
        while (m.find()) {
            vars.add(m.group(1));
        }
        assertThat(vars).contains("design.t_step", "training.wallclock", "design.mem_act", "sust.co2.total",
                "tail.step.p99", "uncertainty.wallclock_p90");
        vars.stream().distinct().forEach(v -> assertThat(chosen.explain(v).value()).as(v).isFinite());
        // every number in the text carries a title
        assertThat(html.split("<span class=\"n\" title=\"").length - 1).isGreaterThan(150);
    }

    @Test
    void theScalingSweepIsTheLibrarysAndItsStepFallsWithMoreGpus() throws IOException {
        Path out = dir.resolve("r.html");
        assertThat(report(LLAMA, out).code()).isZero();
        String html = Files.readString(out);
        Lsdt lsdt = Lsdt.builtIn();
        PlanRequest req = PlanRequest.of(Path.of(LLAMA));
        Scaling s = lsdt.scaling(req, lsdt.plan(req));
        assertThat(s.points()).extracting(Scaling.Point::devices)
                .containsExactly(4096L, 8192L, 16384L, 32768L, 65536L);
        double before = Double.POSITIVE_INFINITY;
        for (Scaling.Point p : s.points()) {
            double step = p.design().value("design.t_step");
            assertThat(step).as("step at %d GPUs", p.devices()).isLessThan(before);
            before = step;
            String row = "<td>" + Fmt.count(p.devices()) + "</td><td class=\"l\">" + p.design().describe() + "</td>";
            assertThat(html).contains(row);
            String at = " (in a brief with devices: " + p.devices() + ")\">";
            assertThat(html).contains("--explain design.t_step" + at
                    + io.lsdt.graph.unit.UnitFormat.format(step, io.lsdt.graph.unit.Units.parse("s")) + "</span>");
            assertThat(html).contains("--explain training.wallclock" + at + Fmt.days(p.design().timeToTrain()));
        }
        // the validation summary is the library's
        var rows = new ArrayList<io.lsdt.physics.validation.RunRow>();
        rows.addAll(io.lsdt.physics.validation.RunsCsv.read(Path.of(RUNS[1])));
        rows.addAll(io.lsdt.physics.validation.RunsCsv.read(Path.of(RUNS[3])));
        var stats = io.lsdt.physics.validation.RunValidation.validate(rows, io.lsdt.physics.Physics.stepModel(),
                io.lsdt.physics.catalog.Catalog.builtIn()).summary();
        assertThat(html).contains(String.format(Locale.ROOT, "|error| median <span class=\"n\" title=\"lsdt validate "
                + "--runs %s --runs %s\">%.1f %%</span>", RUNS[1], RUNS[3], stats.median()));
        assertThat(html).contains(String.format(Locale.ROOT, "p90 <span class=\"n\" title=\"lsdt validate "
                + "--runs %s --runs %s\">%.1f %%</span>", RUNS[1], RUNS[3], stats.p90()));
        assertThat(stats.predicted()).isGreaterThan(100);
    }

    @Test
    void twoRunsGiveTheSameBytesAndPlotsWritesEachPlotAsTheReportEmbedsIt() throws Exception {
        Path plots = Files.createDirectory(dir.resolve("plots"));
        Path a = dir.resolve("a.html");
        Path b = dir.resolve("b.html");
        CliRun first = report(LLAMA, a, "--plots", plots.toString());
        assertThat(first.code()).as(first.err()).isZero();
        List<byte[]> firstPlots = new ArrayList<>();
        List<byte[]> firstSvgs = new ArrayList<>();
        for (String n : List.of("ledger", "memory", "scaling", "cost-vs-time", "validation")) {
            Path png = plots.resolve(n + ".png");
            assertThat(first.out()).contains("wrote --plots " + png + ": " + Outputs.size(Files.size(png)));
            firstPlots.add(Files.readAllBytes(png));
            firstSvgs.add(Files.readAllBytes(plots.resolve(n + ".svg")));
        }
        // the SVG copies: a well-formed SVG document of the chart's size (XChart draws its text as outlines, so the
        // labels are paths too); the SVG 1.0 DTD it names is not fetched
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document svg = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(firstSvgs.get(0)));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("width")).isEqualTo(String.valueOf(ReportCharts.WIDTH));
        assertThat(svg.getDocumentElement().getAttribute("height")).isEqualTo(String.valueOf(ReportCharts.HEIGHT));
        // ten ledger entries in the legend, five bars of up to ten segments each: well over fifty filled shapes
        assertThat(svg.getElementsByTagName("path").getLength() + svg.getElementsByTagName("rect").getLength())
                .isGreaterThan(50);
        assertThat(report(LLAMA, b, "--plots", plots.toString()).code()).isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        try (Stream<Path> files = Files.list(plots)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("cost-vs-time.png",
                    "cost-vs-time.svg", "ledger.png", "ledger.svg", "memory.png", "memory.svg", "scaling.png",
                    "scaling.svg", "validation.png", "validation.svg");
        }
        for (int i = 0; i < firstSvgs.size(); i++) {
            assertThat(Files.readAllBytes(plots.resolve(List.of("ledger", "memory", "scaling", "cost-vs-time",
                    "validation").get(i) + ".svg"))).as("the second run's SVG").isEqualTo(firstSvgs.get(i));
        }
        List<byte[]> embedded = images(Files.readString(a));
        for (int i = 0; i < firstPlots.size(); i++) {
            assertThat(firstPlots.get(i)).isEqualTo(embedded.get(i));
            assertThat(Files.readAllBytes(plots.resolve(List.of("ledger", "memory", "scaling", "cost-vs-time",
                    "validation").get(i) + ".png"))).isEqualTo(firstPlots.get(i));
        }
    }

    @Test
    void badInputExitsTwoWithANamedMessageAndWritesNothing() throws IOException {
        Path out = dir.resolve("r.html");
        CliRun missing = report(dir.resolve("nope.yaml").toString(), out);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml").doesNotContain("\tat ");
        CliRun seed = report(CliRun.repo("examples/13b-seed.yaml"), out);
        assertThat(seed.code()).isEqualTo(2);
        assertThat(seed.err()).contains("brief form", "seed", "catalog-form").doesNotContain("\tat ");
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        CliRun unwritable = report(LLAMA, file.resolve("r.html"));
        assertThat(unwritable.code()).isEqualTo(2);
        assertThat(unwritable.err()).contains("-o", "plain.txt").doesNotContain("\tat ");
        CliRun noDir = report(LLAMA, out, "--plots", dir.resolve("absent").toString());
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err()).contains("--plots", "absent", "an existing directory");
        CliRun noRuns = CliRun.of("report", LLAMA, "-o", out.toString(), "--runs", dir.resolve("x.csv").toString());
        assertThat(noRuns.code()).isEqualTo(2);
        assertThat(noRuns.err()).contains("--runs", "x.csv");
        CliRun overBrief = report(LLAMA, Path.of(LLAMA));
        assertThat(overBrief.code()).isEqualTo(2);
        assertThat(overBrief.err()).contains("-o");
        CliRun noOutput = CliRun.of("report", LLAMA);
        assertThat(noOutput.code()).isEqualTo(2);
        assertThat(noOutput.err()).contains("--output");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void helpTeachesWhatIsInTheReportWithARepositoryExample() {
        CliRun r = CliRun.of("report", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("lsdt report examples/llama3.1-405b.yaml -o", "step-time ledger",
                "memory per GPU", "scaling", "cost against time to train", "validation", "--plots", "--explain");
        assertThat(Files.exists(Path.of(LLAMA))).isTrue();
    }
}
