package io.lsdt.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one layout both renderers paint: axis ticks, readable units, rows, narrow boxes. */
class TimelineLayoutTest {
    private static List<String> labels(double span) {
        return TimelineLayout.ticks(span).stream().map(TimelineLayout.Tick::label).toList();
    }

    @Test
    void ticksAreRoundStepsInTheUnitOfTheStep() {
        assertThat(labels(16.75e-3)).containsExactly("0 ms", "2 ms", "4 ms", "6 ms", "8 ms", "10 ms", "12 ms",
                "14 ms", "16 ms");
        assertThat(labels(0.10916)).containsExactly("0 ms", "20 ms", "40 ms", "60 ms", "80 ms", "100 ms");
        assertThat(labels(5.293)).containsExactly("0 s", "1 s", "2 s", "3 s", "4 s", "5 s");
        assertThat(labels(4.2)).containsExactly("0 s", "0.5 s", "1 s", "1.5 s", "2 s", "2.5 s", "3 s", "3.5 s",
                "4 s");
        assertThat(labels(3.6e-6)).containsExactly("0 µs", "0.5 µs", "1 µs", "1.5 µs", "2 µs", "2.5 µs", "3 µs",
                "3.5 µs");
        assertThat(labels(40e-9)).containsExactly("0 ns", "5 ns", "10 ns", "15 ns", "20 ns", "25 ns", "30 ns", "35 ns",
                "40 ns");
        assertThat(labels(12.0)).containsExactly("0 s", "2 s", "4 s", "6 s", "8 s", "10 s", "12 s");
        assertThat(labels(1.0)).hasSize(11).startsWith("0 s", "0.1 s").endsWith("0.9 s", "1 s");
        assertThat(TimelineLayout.ticks(16.75e-3).get(8).value()).isCloseTo(16e-3,
                org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void timesAndMemoryReadInTheirUnits() {
        assertThat(TimelineLayout.time(0.10912358460171454)).isEqualTo("109.1 ms");
        assertThat(TimelineLayout.time(2.3147613216336845e-3)).isEqualTo("2.315 ms");
        assertThat(TimelineLayout.time(36.40888888888889e-6)).isEqualTo("36.41 µs");
        assertThat(TimelineLayout.time(5.293)).isEqualTo("5.293 s");
        assertThat(TimelineLayout.time(4e-9)).isEqualTo("4 ns");
        assertThat(TimelineLayout.time(0)).isEqualTo("0 s");
        assertThat(TimelineLayout.memory(5_016_387_584.0, "elements")).isEqualTo("5.016 G elements");
        assertThat(TimelineLayout.memory(300, "elements")).isEqualTo("300 elements");
        assertThat(TimelineLayout.memory(56.84 * 1024 * 1024 * 1024, "bytes")).isEqualTo("56.84 GiB");
        assertThat(TimelineLayout.memory(512, "bytes")).isEqualTo("512 B");
        assertThat(TimelineLayout.memory(1500, "")).isEqualTo("1.5 k");
    }

    @Test
    void oneRowPerRankLabelledFromZero() {
        TimelineLayout layout = TimelineLayout.of(TraceFixtures.fourRanks());
        assertThat(layout.rowRanks()).containsExactly(0, 1, 2, 3);
        assertThat(layout.shapes().stream().filter(s -> s instanceof TimelineLayout.Text t && t.anchor()
                == TimelineLayout.Anchor.END && t.text().startsWith("GPU ")).map(s -> ((TimelineLayout.Text) s).text()))
                .containsExactly("GPU 0", "GPU 1", "GPU 2", "GPU 3");
        assertThat(layout.title()).isEqualTo("Simulated step: 4 ranks, execution time 17 ms, max memory 4.191 GiB");
        assertThat(layout.shapes().get(0)).isEqualTo(new TimelineLayout.Rect(0, 0, 1200, layout.height(),
                TimelineLayout.BACKGROUND, -1, "background", null));
    }

    @Test
    void zeroLengthEventsStayVisibleOnTopOfTheirRow() {
        TimelineLayout layout = TimelineLayout.of(TraceFixtures.twoRanks());
        List<TimelineLayout.Rect> row1 = new ArrayList<>();
        for (TimelineLayout.Shape s : layout.shapes()) {
            if (s instanceof TimelineLayout.Rect r && r.role().startsWith("event ") && r.tooltip().contains(" on GPU 1")) {
                row1.add(r);
            }
        }
        assertThat(row1).hasSize(12);
        // the two losses (0 s) come last, one pixel wide, at 5.25 and 11.25 ms
        assertThat(row1.subList(10, 12)).extracting(TimelineLayout.Rect::role).containsOnly("event loss");
        assertThat(row1.get(10).width()).isEqualTo(TimelineLayout.MIN_BOX_WIDTH);
        assertThat(row1.get(10).x()).isCloseTo(84 + 1092 * 5.25 / 16.75, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void subPixelEventsOfOneKindAreMergedOnlyInRowsLongerThanTheCanvas() {
        // one rank, 5,000 forward events of 1 µs back to back: far more than the 1,092 px of the plot
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            events.add(new Event(Event.Kind.FORWARD, 0, 0, i * 1e-6, 1e-6, i, List.of(i), i, -1));
        }
        TimelineLayout layout = TimelineLayout.of(new SimulationResult(1, List.of(events), "elements", true));
        List<TimelineLayout.Rect> boxes = layout.shapes().stream()
                .filter(s -> s instanceof TimelineLayout.Rect r && r.role().equals("event forward"))
                .map(s -> (TimelineLayout.Rect) s).toList();
        assertThat(boxes.size()).isLessThan(1092);
        assertThat(boxes.get(0).tooltip()).endsWith("forward events on GPU 0 from 0 s");
        double covered = boxes.stream().mapToDouble(TimelineLayout.Rect::width).sum();
        assertThat(covered).isCloseTo(1092, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void optionsAndValuesAreChecked() {
        assertThat(catchThrowableOfType(LsdtException.class, () -> new TimelineLayout.Options(100, 64))
                .getMessage()).isEqualTo("timeline width = 100: expected at least 400 px");
        assertThat(catchThrowableOfType(LsdtException.class, () -> new TimelineLayout.Options(800, 0))).isNotNull();
        TimelineLayout narrow = TimelineLayout.of(TraceFixtures.fourRanks(), new TimelineLayout.Options(600, 2));
        assertThat(narrow.width()).isEqualTo(600);
        assertThat(narrow.rowRanks()).containsExactly(0, 2);
        TimelineLayout empty = TimelineLayout.of(new SimulationResult(0, List.of(), "bytes", true));
        assertThat(empty.title()).isEqualTo("Simulated step: 0 ranks, no events");
        assertThat(TimelineSvg.render(empty)).contains("<svg ").endsWith("</svg>\n");
    }
}
