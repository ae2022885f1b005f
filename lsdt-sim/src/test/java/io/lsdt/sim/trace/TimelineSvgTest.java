package io.lsdt.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.SimulationResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The hand-written SVG timeline. */
class TimelineSvgTest {
    /** Set {@code -Dlsdt.golden.update=true} to rewrite the golden files after a deliberate change. */
    private static final boolean UPDATE = Boolean.getBoolean("lsdt.golden.update");
    private static final String GOLDEN = "timeline-2rank.svg";

    @TempDir
    Path dir;

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String tag) {
        NodeList n = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            list.add((Element) n.item(i));
        }
        return list;
    }

    private static List<String> texts(Document d) {
        return elements(d, "text").stream().map(Element::getTextContent).toList();
    }

    @Test
    void theTwoRankTimelineMatchesItsGoldenFile() throws IOException {
        String svg = TimelineSvg.render(TraceFixtures.twoRanks());
        Path golden = Path.of("src/test/resources/io/lsdt/sim/trace", GOLDEN);
        if (UPDATE) {
            Files.writeString(golden, svg, StandardCharsets.UTF_8);
        }
        try (InputStream in = TimelineSvgTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file %s (create it with -Dlsdt.golden.update=true)", GOLDEN).isNotNull();
            assertThat(svg).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theStructureIsOneRectPerEventWithLabelsAndAViewBox() throws Exception {
        SimulationResult r = TraceFixtures.twoRanks();
        TimelineLayout layout = TimelineLayout.of(r);
        Document d = parse(TimelineSvg.render(layout));
        Element svg = d.getDocumentElement();
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 1200 " + layout.height());
        assertThat(svg.getAttribute("width")).isEqualTo("1200");

        List<Element> boxes = elements(d, "rect").stream()
                .filter(e -> e.getAttribute("class").startsWith("event ")).toList();
        assertThat(boxes).hasSize(Math.toIntExact(r.eventCount()));
        // per kind, with the kind's colour
        assertThat(boxes.stream().filter(e -> e.getAttribute("class").equals("event forward"))).hasSize(4)
                .allMatch(e -> e.getAttribute("fill").equals("#2e9e44"));
        assertThat(boxes.stream().filter(e -> e.getAttribute("class").equals("event backward"))).hasSize(4)
                .allMatch(e -> e.getAttribute("fill").equals("#2f6fd0"));
        assertThat(boxes.stream().filter(e -> e.getAttribute("class").equals("event update")))
                .allMatch(e -> e.getAttribute("fill").equals("#f2c21b"));
        assertThat(boxes.stream().filter(e -> e.getAttribute("class").equals("event send")))
                .allMatch(e -> e.getAttribute("fill").equals("#9e9e9e"));
        assertThat(boxes.stream().filter(e -> e.getAttribute("class").equals("event load_weights")))
                .allMatch(e -> e.getAttribute("fill").equals("#9467bd"));
        // GPU 0's first forward: 0.25–2.25 ms of 16.75 ms on the 1092 px plot starting at x = 84
        Element fwd = boxes.stream().filter(e -> e.getAttribute("class").equals("event forward")).findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(fwd.getAttribute("x"))).isCloseTo(84 + 1092 * 0.25 / 16.75,
                org.assertj.core.data.Offset.offset(0.006));
        assertThat(Double.parseDouble(fwd.getAttribute("width"))).isCloseTo(1092 * 2 / 16.75,
                org.assertj.core.data.Offset.offset(0.006));
        assertThat(fwd.getTextContent()).isEqualTo("forward L0 mb0 on GPU 0: start 250 µs, duration 2 ms, memory"
                + " 100 elements");

        List<String> texts = texts(d);
        assertThat(texts.get(0)).isEqualTo("Simulated step: 2 ranks, execution time 16.25 ms, max memory 300"
                + " elements");
        assertThat(texts).contains("GPU 0", "GPU 1", "forward", "backward", "loss", "update", "load_weights",
                "send / recv", "global max memory", "0 ms", "2 ms", "16 ms", "execution time");
        assertThat(texts).doesNotContain("collectives", "18 ms");
        assertThat(elements(d, "title").get(0).getTextContent()).isEqualTo(layout.title());
    }

    @Test
    void theMemoryBarsScaleWithEachRanksMaximumAndMarkTheGlobalOne() throws Exception {
        Document d = parse(TimelineSvg.render(TraceFixtures.twoRanks()));
        List<Element> bars = elements(d, "rect").stream()
                .filter(e -> e.getAttribute("class").startsWith("memory")).toList();
        // GPU 0 peaks at 200, GPU 1 at 300 (the global maximum: red, with a red marker above it)
        assertThat(bars).extracting(e -> e.getAttribute("class")).containsExactly("memory", "memory max",
                "memory marker");
        assertThat(Double.parseDouble(bars.get(0).getAttribute("height"))).isCloseTo(80 * 200 / 300.0,
                org.assertj.core.data.Offset.offset(0.006));
        assertThat(bars.get(1).getAttribute("height")).isEqualTo("80");
        assertThat(bars.get(1).getAttribute("fill")).isEqualTo("#d62728");
        assertThat(bars.get(2).getAttribute("fill")).isEqualTo("#d62728");
        assertThat(bars.get(1).getTextContent()).isEqualTo("GPU 1: peak memory 300 elements");
    }

    @Test
    void manyRanksAreAggregatedIntoAtMost64EvenlySpacedRowsAndTheTitleSaysSo() throws Exception {
        SimulationResult r = TraceFixtures.chain(100, 2);
        TimelineLayout layout = TimelineLayout.of(r);
        assertThat(layout.rowRanks()).hasSize(64).startsWith(0, 1, 3, 4, 6).endsWith(98);
        Document d = parse(TimelineSvg.render(layout));
        List<String> texts = texts(d);
        assertThat(texts.get(0)).startsWith("Simulated step: 100 ranks, execution time ");
        assertThat(texts).anyMatch(t -> t.equals("100 ranks aggregated into 64 rows of 1–2 consecutive ranks: each"
                + " row draws its first rank (GPU 0, GPU 1, …, GPU 98); its memory bar is the maximum over all its"
                + " ranks"));
        List<String> rowLabels = texts.stream().filter(t -> t.startsWith("GPU ") && !t.contains(",")).toList();
        assertThat(rowLabels).contains("GPU 0", "GPU 98").doesNotContain("GPU 2", "GPU 99");
        // only the drawn ranks' events are boxes: 2 micro-batches × (recv, forward, send) + update, fewer at the ends
        long boxes = elements(d, "rect").stream().filter(e -> e.getAttribute("class").startsWith("event ")).count();
        long expected = layout.rowRanks().stream().mapToLong(rank -> r.events().get(rank).size()).sum();
        assertThat(boxes).isEqualTo(expected);
        // the global maximum (memory 6 on ranks 6, 13, …, the first such event being rank 6's update) is in the row
        // of GPU 6, which draws rank 6 itself
        Element max = elements(d, "rect").stream().filter(e -> e.getAttribute("class").equals("memory max"))
                .findFirst().orElseThrow();
        assertThat(max.getTextContent()).isEqualTo("GPU 6: peak memory 6 elements");

        TimelineLayout big = TimelineLayout.of(TraceFixtures.chain(16_384, 1));
        assertThat(big.rowRanks()).hasSize(64).startsWith(0, 256, 512).endsWith(16_128);
        assertThat(big.shapes()).anyMatch(s -> s instanceof TimelineLayout.Text t && t.text().startsWith(
                "16,384 ranks aggregated into 64 rows of 256 consecutive ranks"));
    }

    @Test
    void theRenderingIsDeterministic() throws IOException {
        SimulationResult r = TraceFixtures.fourRanks();
        String a = TimelineSvg.render(r);
        String b = TimelineSvg.render(TraceFixtures.fourRanks());
        assertThat(a).isEqualTo(b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TimelineSvg.writeTo(r, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(a);
        Path file = dir.resolve("four.svg");
        TimelineSvg.write(r, file);
        assertThat(Files.readString(file)).isEqualTo(a);
        assertThat(a).contains("class=\"event all_reduce\"", ">collectives</text>", "max memory 4.191 GiB");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path notADir = Files.writeString(dir.resolve("out"), "x");
        LsdtException x = catchThrowableOfType(LsdtException.class,
                () -> TimelineSvg.write(TraceFixtures.twoRanks(), notADir.resolve("t.svg")));
        assertThat(x).isNotNull();
        assertThat(x.getMessage()).startsWith("SVG file = ").contains("nothing was written");
        assertThat(ChromeTraceTest.list(dir)).containsExactly("out");

        Path target = Files.writeString(dir.resolve("t.svg"), "old");
        SimulationResult r = TraceFixtures.twoRanks();
        Event e = r.events().get(0).get(0);
        SimulationResult bad = new SimulationResult(1, List.of(List.of(new Event(e.kind(), e.layer(), 0, 0,
                Double.POSITIVE_INFINITY, 0, List.of(), -1, -1))), "elements", true);
        assertThat(catchThrowableOfType(LsdtException.class, () -> TimelineSvg.write(bad, target))).isNotNull();
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(ChromeTraceTest.list(dir)).containsExactly("out", "t.svg");
    }

    @Test
    void textIsEscaped() {
        assertThat(TimelineSvg.escape("a<b & \"c\" 'd'>")).isEqualTo("a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
        assertThat(TimelineSvg.num(12.0)).isEqualTo("12");
        assertThat(TimelineSvg.num(12.3456)).isEqualTo("12.35");
        assertThat(TimelineSvg.num(-0.001)).isEqualTo("0");
    }
}
