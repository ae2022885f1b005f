package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lsdt.graph.registry.Registry;
import io.lsdt.physics.Physics;
import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Device;
import io.lsdt.physics.catalog.Sourced;
import io.lsdt.physics.macro.MacroCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation site: every internal link resolves, every catalog number carries a source badge. */
class SiteTest {
    @TempDir
    static Path dir;
    static List<String> pages;

    @BeforeAll
    static void write() {
        pages = new SiteWriter(dir).write("# Report\n\n| a | b |\n|---|--:|\n| `x` | 1 |\n");
    }

    @Test
    void everyInternalLinkAndAnchorResolves() throws Exception {
        Pattern href = Pattern.compile("href=\"([^\"]+)\"");
        List<String> broken = new ArrayList<>();
        int internal = 0;
        for (String p : pages) {
            String html = Files.readString(dir.resolve(p));
            Matcher m = href.matcher(html);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                internal++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path t = dir.resolve(file);
                if (!Files.exists(t)) {
                    broken.add(p + " -> " + target);
                } else if (target.contains("#")) {
                    String id = target.substring(target.indexOf('#') + 1);
                    if (!Files.readString(t).contains("id=\"" + id + "\"")) {
                        broken.add(p + " -> " + target + " (no anchor)");
                    }
                }
            }
            // offline: no script, no style sheet or font from elsewhere
            assertThat(html).as(p).doesNotContain("<script").doesNotContain("stylesheet\" href=\"http");
        }
        assertThat(broken).isEmpty();
        // each page links its style sheet and the index, and the index every page
        assertThat(internal).isGreaterThanOrEqualTo(3 * (pages.size() - 2));
    }

    @Test
    void everyCatalogNumberHasABadgeWithItsSource() throws Exception {
        Catalog c = Catalog.builtIn();
        for (Device d : c.devices().values()) {
            String html = Files.readString(dir.resolve("device-" + d.id() + ".html"));
            Map<String, Sourced> numbers = SiteWriter.numbers(d);
            List<String> rows = rows(html);
            assertThat(rows).as(d.id()).hasSize(numbers.size());
            for (String r : rows) {
                assertThat(r).as(d.id()).containsPattern("class=\"badge (datasheet|documentation|paper|measured|"
                        + "estimate|assumption|software|definition)\"");
            }
            // the H100's bf16 peak is the whitepaper's, with its link
            if (d.id().equals("h100-sxm")) {
                assertThat(rows).anySatisfy(r -> assertThat(r).contains("dense peak bf16").contains("989.4 TFLOP/s")
                        .contains("badge documentation").contains("href=\"https://nvdam.widen.net"));
                assertThat(rows).anySatisfy(r -> assertThat(r).contains("silicon hbm.pin_rate")
                        .contains("badge estimate"));
            }
        }
        for (var f : c.fabrics().values()) {
            for (String r : rows(Files.readString(dir.resolve("fabric-" + f.id() + ".html")))) {
                assertThat(r).as(f.id()).contains("class=\"badge ");
            }
        }
        for (var r : MacroCatalog.bundled().regions().values()) {
            List<String> rows = rows(Files.readString(dir.resolve("region-" + r.id() + ".html")));
            assertThat(rows).as(r.id()).isNotEmpty().allSatisfy(x -> assertThat(x).contains("class=\"badge "));
        }
        for (var m : c.models().values()) {
            List<String> rows = rows(Files.readString(dir.resolve("model-" + m.id() + ".html")));
            assertThat(rows).as(m.id()).isNotEmpty().allSatisfy(x -> assertThat(x).contains("class=\"badge "));
        }
        // TPU v5p's HBM stack count is LSDT's inference, not Google's: an assumption, shown as one
        assertThat(Files.readString(dir.resolve("device-tpu-v5p.html")))
                .containsPattern("silicon hbm.stacks</td><td class=\"v\">6</td><td><span class=\"badge assumption\"");
    }

    @Test
    void everyScopeHasAPageWithItsEquationsReadable() throws Exception {
        Registry r = Physics.registry();
        for (String scope : r.variables().values().stream().map(v -> v.scope()).distinct().toList()) {
            assertThat(dir.resolve("scope-" + scope + ".html")).exists();
        }
        String chip = Files.readString(dir.resolve("scope-chip.html"));
        assertThat(chip).contains("<code>units * flop_per_clock * clock</code>").contains("FLOP/s")
                .contains("abs(peak_gap) &lt;= tolerance");
        assertThat(Files.readString(dir.resolve("validation.html"))).contains("<td><code>x</code></td>");
        assertThat(Files.readString(dir.resolve("device-mi300x.html"))).contains("+0.47 %");
    }

    private static List<String> rows(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"n\">.*?</tr>").matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
