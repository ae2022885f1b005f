package io.lsdt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep engine: axes expanded in product order, each point planned as {@code lsdt plan} plans the equivalent
 * brief, rows the same whatever the threads, bad axes refused by name, failing points kept as rows, Pareto fronts.
 */
class SweepTest {
    private static final Lsdt LSDT = Lsdt.builtIn();
    private static final Path EXAMPLES = Path.of("../examples");
    private static final String BRIEF_70B = "../examples/llama3.1-70b.yaml";

    @TempDir
    Path dir;

    private static Sweep sweep(String yaml) {
        return Sweep.parse(yaml, "test.yaml", EXAMPLES, LSDT.catalog());
    }

    @Test
    void aPointIsPlannedExactlyAsLsdtPlanPlansTheEquivalentBrief() throws Exception {
        Sweep s = sweep("base: llama3.1-70b.yaml\naxes:\n  device: [h100-sxm, b200]\n  gpus: [512]\n"
                + "  region: [us-bpa]\n");
        SweepRow row = s.evaluate(LSDT, 1, new SearchMemo(16));
        String text = Files.readString(Path.of(BRIEF_70B)).replace("device: h100-sxm", "device: b200")
                .replace("devices: 1024", "devices: 512").replace("  ownership: owned", "  ownership: owned\n"
                        + "  region: us-bpa");
        Plan plan = LSDT.plan(PlanRequest.ofYaml(text, "equivalent brief").withDeadlineFirst(false));
        DesignPoint d = plan.chosen();
        assertThat(row.status()).isEqualTo("ok");
        assertThat(row.values()).containsExactly(java.util.Map.entry("device", "b200"),
                java.util.Map.entry("gpus", "512"), java.util.Map.entry("region", "us-bpa"));
        assertThat(row.design()).isEqualTo(d.describe());
        assertThat(row.stepTime()).isEqualTo(d.value("design.t_step"));
        assertThat(row.timeToTrain()).isEqualTo(d.timeToTrain());
        assertThat(row.cost()).isEqualTo(d.macro().value("econ.run.total_cost"));
        assertThat(row.co2()).isEqualTo(d.macro().value("sust.co2.total"));
        assertThat(row.timeToTrainP10()).isEqualTo(d.value("uncertainty.wallclock_p10"));
        assertThat(row.meetsDeadline()).isEqualTo(plan.meetsDeadline());
        // the values themselves: 70B on 512 B200s, 121.5 days, beyond the brief's 90
        assertThat(row.config().devices()).isEqualTo(512);
        assertThat(row.timeToTrain() / 86400).isBetween(121.4, 121.6);
        assertThat(row.meetsDeadline()).isFalse();
    }

    @Test
    void pointsAreNumberedInProductOrderLastAxisFastest() {
        Sweep s = sweep("brief: {name: b, model: llama3.1-70b}\naxes:\n  device: [h100-sxm, b200]\n"
                + "  gpus: [256, 512, 1024]\n  macro.pue: [1.1]\n");
        assertThat(s.size()).isEqualTo(6);
        assertThat(s.axes()).extracting(Sweep.Axis::path).containsExactly("device", "devices", "macro.pue");
        Sweep.Point p = s.point(4);
        assertThat(p.values()).containsExactly(java.util.Map.entry("device", "b200"),
                java.util.Map.entry("gpus", "512"), java.util.Map.entry("macro.pue", "1.1"));
        assertThat(p.request().yaml()).contains("device: \"b200\"", "devices: 512", "macro:\n  pue: 1.1");
        assertThatThrownBy(() -> s.point(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anUnknownIdIsRefusedWithItsPlaceAndTheClosestIds() {
        assertThatThrownBy(() -> sweep("base: llama3.1-70b.yaml\naxes:\n  device: [h100-sxm, h100-sxn]\n"))
                .isInstanceOf(LsdtException.class)
                .hasMessageContaining("axes.device[1]").hasMessageContaining("unknown device 'h100-sxn'")
                .hasMessageContaining("'h100-sxm'");
        assertThatThrownBy(() -> sweep("base: llama3.1-70b.yaml\naxes:\n  regoin: [us-bpa]\n"))
                .hasMessageContaining("unknown key 'regoin'").hasMessageContaining("'region'");
        assertThatThrownBy(() -> sweep("base: llama3.1-70b.yaml\nmode: list\npoints:\n  - {region: us-bap}\n"))
                .hasMessageContaining("points[0].region").hasMessageContaining("'us-bpa'");
        assertThatThrownBy(() -> sweep("base: llama3.1-70b.yaml\naxes:\n  gpus: [0]\n"))
                .hasMessageContaining("axes.gpus[0]").hasMessageContaining("a whole number ≥ 1");
    }

    @Test
    void anEmptyOrAbsurdSweepIsRefusedWithItsCount() {
        Sweep empty = sweep("base: llama3.1-70b.yaml\naxes:\n  device: [h100-sxm]\n  gpus: []\n");
        assertThat(empty.size()).isZero();
        assertThatThrownBy(() -> empty.requireSize(true)).isInstanceOf(LsdtException.class)
                .hasMessageContaining("points of the sweep = 0 (axis 'gpus' has no values)");
        StringBuilder axes = new StringBuilder("base: llama3.1-70b.yaml\naxes:\n");
        String forty = String.join(", ", java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(i -> i + " d")
                .toList());
        for (String a : List.of("deadline", "tokens", "macro.pue", "macro.gpu_mtbf", "macro.node_mtbf",
                "step.update_margin")) {
            axes.append("  ").append(a).append(": [").append(forty).append("]\n");
        }
        Sweep huge = sweep(axes.toString());
        assertThat(huge.size()).isEqualTo(4_096_000_000L);
        assertThatThrownBy(() -> huge.requireSize(false)).hasMessageContaining("4,096,000,000")
                .hasMessageContaining("--yes");
        huge.requireSize(true);
        // a point deep inside it is built without expanding the others
        assertThat(huge.point(4_095_999_999L).values().get("deadline")).isEqualTo("40 d");
    }

    @Test
    void aPointWhereNothingFitsIsARowWithItsReason() {
        Sweep s = sweep("base: llama3.1-70b.yaml\nmode: list\npoints:\n  - {device: rtx-4090, gpus: 8}\n"
                + "  - {device: h100-sxm, gpus: 3}\n");
        SweepRow noFit = s.evaluate(LSDT, 0, null);
        assertThat(noFit.status()).isEqualTo("no-fit");
        assertThat(noFit.reason()).startsWith("no design fits in memory").doesNotContain("\n");
        assertThat(noFit.csv()).startsWith("0,rtx-4090,8,no-fit,,");
        SweepRow odd = s.evaluate(LSDT, 1, null);
        assertThat(odd.status()).isIn("no-fit", "refused");
        assertThat(odd.reason()).isNotBlank();
    }

    @Test
    void theRowsAreTheSameInTheSameOrderWhateverTheThreads() {
        Sweep s = sweep("base: llama3.1-70b.yaml\naxes:\n  gpus: [256, 512]\n  region: [us-average, us-bpa]\n");
        List<String> one = new ArrayList<>();
        List<String> two = new ArrayList<>();
        SearchMemo memo = new SearchMemo(16);
        s.run(LSDT, 0, 1, null, r -> one.add(r.csv()));
        s.run(LSDT, 1, 2, memo, r -> two.add(r.csv()));
        assertThat(two).isEqualTo(one.subList(1, 4));
        assertThat(one).extracting(l -> l.substring(0, l.indexOf(','))).containsExactly("0", "1", "2", "3");
        // the region changes no design search: 512 GPUs was searched once for both regions
        assertThat(memo.misses()).isEqualTo(2);
        assertThat(memo.hits()).isEqualTo(1);
    }

    @Test
    void paretoMarksTheNonDominatedPointsOfAHandMadeSet() {
        double[] time = {1, 2, 3, 4, 2, 5, 0.5};
        double[] cost = {10, 5, 5, 1, 5, 6, Double.NaN};
        // 0 fastest; 1 and 4 equal (both on); 2 dominated by 1 (same cost, slower); 3 cheapest; 5 dominated by 1;
        // 6 has no cost (no design): ignored
        assertThat(Pareto.mark(time, cost)).containsExactly(true, true, false, true, true, false, false);
        Pareto p = new Pareto();
        for (int i = time.length - 1; i >= 0; i--) {
            p.add(i, time[i], cost[i]);
        }
        assertThat(p.ids()).containsExactly(0L, 1L, 3L, 4L);
    }

    @Test
    void theOutputResumesAfterItsCompleteRowsAndMarksTheFronts() throws Exception {
        Sweep s = sweep("base: llama3.1-70b.yaml\naxes:\n  gpus: [256, 512]\n");
        String header = SweepRow.header(s.axes());
        Path csv = dir.resolve("sweep.csv");
        SweepRow a = new SweepRow(0, java.util.Map.of("gpus", "256"), "ok", "TP 1", null, 2, 0.5, 86400 * 10,
                86400 * 9, 86400 * 11, 1e6, 3.6e12, 5000, true, null);
        Files.writeString(csv, header + "\n" + a.csv() + "\n1,512,ok,51", StandardCharsets.UTF_8);
        assertThat(SweepOutput.resume(csv, header, false)).isEqualTo(1);
        assertThat(Files.readString(csv)).isEqualTo(header + "\n" + a.csv() + "\n");
        SweepRow b = new SweepRow(1, java.util.Map.of("gpus", "512"), "ok", "TP 2", null, 1, 0.5, 86400 * 5,
                86400 * 4, 86400 * 6, 2e6, 3.6e12, 4000, true, null);
        Files.writeString(csv, b.csv() + "\n", java.nio.file.StandardOpenOption.APPEND);
        SweepOutput.Summary sum = SweepOutput.finish(csv, dir.resolve("sweep.jsonl"));
        // cost: 0 is cheaper, 1 faster: both on the front; CO2: 1 is faster and cleaner, 0 is off
        assertThat(sum.costFront()).containsExactly(0L, 1L);
        assertThat(sum.co2Front()).containsExactly(1L);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(1)).contains(",10,9,11,1000000,1000,5,true,true,false,");
        assertThat(Files.readAllLines(dir.resolve("sweep.jsonl")).get(0)).startsWith("{\"index\":0,\"gpus\":\"256\","
                + "\"status\":\"ok\"").contains("\"energy_mwh\":1000,\"co2_t\":5,\"meets_deadline\":true,"
                + "\"pareto_cost_time\":true,\"pareto_co2_time\":false");
        assertThatThrownBy(() -> SweepOutput.resume(csv, "index,other", false)).isInstanceOf(LsdtException.class)
                .hasMessageContaining("another sweep wrote it");
        // the sweep is recorded beside its rows: the same sweep resumes, a changed one is refused, --fresh restarts
        assertThat(SweepOutput.resume(csv, s, false)).isEqualTo(2);
        Sweep changed = sweep("base: llama3.1-70b.yaml\naxes:\n  gpus: [256, 1024]\n");
        assertThatThrownBy(() -> SweepOutput.resume(csv, changed, false)).isInstanceOf(LsdtException.class)
                .hasMessageContaining("rows of another sweep").hasMessageContaining("--fresh");
        assertThat(SweepOutput.resume(csv, changed, true)).isZero();
        assertThat(Files.readString(dir.resolve("sweep.yaml"))).contains("gpus:", "1024", "brief:",
                "model: \"llama3.1-70b\"");
    }
}
