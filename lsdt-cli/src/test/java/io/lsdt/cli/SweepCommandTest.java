package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lsdt sweep}: the listed example end to end (rows, fronts, JSON lines, plots), the same bytes whatever the
 * threads, resuming after the rows already written, and bad input refused with exit 2 naming what was wrong.
 */
class SweepCommandTest {
    private static final String LIST = CliRun.repo("examples/sweep-70b-list.yaml");

    @TempDir
    Path dir;

    @Test
    void theListedExampleWritesRowsFrontsJsonAndPlotsTheSameWhateverTheThreads() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliRun r = CliRun.of("sweep", LIST, "-o", a.toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 points (listed; axes device, gpus, deadline)",
                "a design fits at 3 points, 3 of them meet their deadline; 1 without a design",
                "Pareto front: cost against time to train (2 points; fastest first)");
        List<String> rows = Files.readAllLines(a.resolve("sweep.csv"));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("index,device,gpus,deadline,status,devices,tp,cp,pp,vpp,dp,");
        // B200s: 2,048 of them train in 30.8 days, on both fronts; the H100s are slower and dearer, on neither
        assertThat(rows.get(3)).startsWith("2,b200,2048,60 d,ok,2048,").contains(",30.8071,", ",true,true,true,");
        assertThat(rows.get(1)).startsWith("0,h100-sxm,2048,120 d,ok,").contains(",true,false,false,");
        assertThat(rows.get(4)).startsWith("3,rtx-4090,8,120 d,no-fit,").contains("no design fits in memory");
        assertThat(Files.readAllLines(a.resolve("sweep.jsonl")).get(2)).startsWith("{\"index\":2,\"device\":"
                + "\"b200\"").contains("\"pareto_cost_time\":true");
        for (String png : List.of("pareto-cost-time.png", "pareto-co2-time.png", "scaling.png")) {
            assertThat(Files.readAllBytes(a.resolve(png))).startsWith(0x89, 'P', 'N', 'G');
        }
        CliRun r2 = CliRun.of("sweep", LIST, "-o", b.toString(), "--threads", "2");
        assertThat(r2.code()).as(r2.err()).isZero();
        for (String f : List.of("sweep.csv", "sweep.jsonl", "pareto-cost-time.png", "scaling.png")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        // stop after two rows and half a third: the run resumes there and writes the same bytes
        byte[] whole = Files.readAllBytes(a.resolve("sweep.csv"));
        String cut = String.join("\n", rows.subList(0, 3)) + "\n" + rows.get(3).substring(0, 20);
        Files.writeString(b.resolve("sweep.csv"), cut);
        CliRun r3 = CliRun.of("sweep", LIST, "-o", b.toString());
        assertThat(r3.code()).as(r3.err()).isZero();
        assertThat(r3.out()).contains("planned 2 points", "resumed after 2 points already written");
        assertThat(Files.readAllBytes(b.resolve("sweep.csv"))).isEqualTo(whole);
    }

    @Test
    void badInputIsExitTwoNamingTheFieldTheValueAndWhatWasExpected() throws Exception {
        Path base = Path.of(CliRun.repo("examples/llama3.1-70b.yaml")).toAbsolutePath();
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "base: " + base + "\naxes:\n  device: [b200, h100-sxn]\n");
        CliRun r = CliRun.of("sweep", unknown.toString(), "-o", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("axes.device[1]", "unknown device 'h100-sxn'", "'h100-sxm'")
                .doesNotContain("Exception");
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "base: " + base + "\naxes:\n  gpus: []\n");
        CliRun e = CliRun.of("sweep", empty.toString(), "-o", dir.resolve("o").toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err()).contains("points of the sweep = 0 (axis 'gpus' has no values): expected at least one");
        Path huge = dir.resolve("huge.yaml");
        String v = "[" + String.join(", ", java.util.stream.IntStream.rangeClosed(1, 1000).mapToObj(
                i -> i + " d").toList()) + "]";
        Files.writeString(huge, "base: " + base + "\naxes:\n  deadline: " + v + "\n  tokens: " + v.replace(" d",
                "e12 token") + "\n  macro.gpu_mtbf: " + v.replace(" d", "e4 h") + "\n  macro.pue: [1.1, 1.2]\n");
        CliRun h = CliRun.of("sweep", huge.toString(), "-o", dir.resolve("o").toString());
        assertThat(h.code()).isEqualTo(2);
        assertThat(h.err()).contains("points of the sweep = 2,000,000,000", "unless confirmed", "--yes")
                .doesNotContain("Exception");
        CliRun s = CliRun.of("sweep", LIST, "-o", dir.resolve("o").toString(), "--spark", "local[2]");
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("--spark = local[2]: expected the lsdt-spark module on the class path");
        assertThat(CliRun.of("sweep", LIST, "--threads", "0").err()).contains("--threads");
        CliRun missing = CliRun.of("sweep", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml").doesNotContain("Exception");
    }
}
