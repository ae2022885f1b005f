package io.lsdt.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.sim.engine.SimulationResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java2D PNG of the same layout as the SVG. */
class TimelinePngTest {
    /** Where the rendered fixtures are kept for looking at (module-relative, under Maven's target folder). */
    static final Path SAMPLES = Path.of("target", "trace-samples");

    @TempDir
    Path dir;

    private static int rgb(BufferedImage image, double x, double y) {
        return image.getRGB((int) Math.floor(x), (int) Math.floor(y)) & 0xFFFFFF;
    }

    private static List<TimelineLayout.Rect> boxes(TimelineLayout layout, String role) {
        return layout.shapes().stream().filter(s -> s instanceof TimelineLayout.Rect r && r.role().equals(role))
                .map(s -> (TimelineLayout.Rect) s).toList();
    }

    @Test
    void thePngDecodesToTheLayoutsSizeWithTheBoxesWhereTheLayoutPutsThem() throws IOException {
        SimulationResult r = TraceFixtures.fourRanks();
        TimelineLayout layout = TimelineLayout.of(r);
        Files.createDirectories(SAMPLES);
        Path png = SAMPLES.resolve("timeline-4rank.png");
        TimelinePng.write(layout, png);
        TimelineSvg.write(layout, SAMPLES.resolve("timeline-4rank.svg"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(layout.height());

        List<TimelineLayout.Rect> forward = boxes(layout, "event forward");
        assertThat(forward).hasSize(8);
        for (TimelineLayout.Rect f : forward) {
            int centre = rgb(image, f.x() + f.width() / 2, f.y() + 2);
            assertThat(centre).as("forward box at %s", f).isEqualTo(TimelineLayout.FORWARD);
        }
        TimelineLayout.Rect backward = boxes(layout, "event backward").get(0);
        assertThat(rgb(image, backward.x() + backward.width() / 2, backward.y() + 2)).isEqualTo(TimelineLayout.BACKWARD);
        TimelineLayout.Rect allReduce = boxes(layout, "event all_reduce").get(0);
        assertThat(rgb(image, allReduce.x() + allReduce.width() / 2, allReduce.y() + 2))
                .isEqualTo(TimelineLayout.COLLECTIVE);
        TimelineLayout.Rect max = boxes(layout, "memory max").get(0);
        assertThat(rgb(image, max.x() + max.width() / 2, max.y() + max.height() / 2))
                .isEqualTo(TimelineLayout.MAX_MARKER);
        // the corners are background, and the title is drawn (dark pixels in its first line)
        assertThat(rgb(image, 1, 1)).isEqualTo(TimelineLayout.BACKGROUND);
        assertThat(rgb(image, 1199, layout.height() - 1)).isEqualTo(TimelineLayout.BACKGROUND);
        boolean ink = false;
        for (int x = 12; x < 400 && !ink; x++) {
            for (int y = 12; y < 28; y++) {
                ink |= rgb(image, x, y) != TimelineLayout.BACKGROUND;
            }
        }
        assertThat(ink).isTrue();
    }

    @Test
    void theStreamAndTheFileHoldTheSamePicture() throws IOException {
        SimulationResult r = TraceFixtures.twoRanks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TimelinePng.writeTo(r, out);
        BufferedImage fromStream = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        Path file = dir.resolve("two.png");
        TimelinePng.write(r, file);
        BufferedImage fromFile = ImageIO.read(file.toFile());
        BufferedImage rendered = TimelinePng.render(r);
        assertThat(fromStream.getWidth()).isEqualTo(rendered.getWidth()).isEqualTo(fromFile.getWidth());
        assertThat(fromStream.getHeight()).isEqualTo(rendered.getHeight()).isEqualTo(fromFile.getHeight());
        for (int y = 0; y < rendered.getHeight(); y += 3) {
            for (int x = 0; x < rendered.getWidth(); x += 3) {
                assertThat(fromStream.getRGB(x, y)).isEqualTo(rendered.getRGB(x, y)).isEqualTo(fromFile.getRGB(x, y));
            }
        }
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path notADir = Files.writeString(dir.resolve("out"), "x");
        LsdtException x = catchThrowableOfType(LsdtException.class,
                () -> TimelinePng.write(TraceFixtures.twoRanks(), notADir.resolve("t.png")));
        assertThat(x).isNotNull();
        assertThat(x.getMessage()).startsWith("PNG file = ").contains("nothing was written");
        assertThat(ChromeTraceTest.list(dir)).containsExactly("out");
        Path folder = Files.createDirectory(dir.resolve("t.png"));
        assertThat(catchThrowableOfType(LsdtException.class, () -> TimelinePng.write(TraceFixtures.twoRanks(),
                folder))).isNotNull();
        assertThat(ChromeTraceTest.list(dir)).containsExactly("out", "t.png");
        assertThat(folder).isEmptyDirectory();
    }
}
