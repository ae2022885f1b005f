package io.lsdt.physics.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorStatsTest {
    @Test
    void oddCountMedianIsTheMiddleValue() {
        ErrorStats s = ErrorStats.of(4, List.of(5.0, 1.0, 3.0));
        assertThat(s.rows()).isEqualTo(4);
        assertThat(s.predicted()).isEqualTo(3);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.mean()).isEqualTo(3.0);
        // nearest rank: ⌈0.9·3⌉ = 3rd smallest
        assertThat(s.p90()).isEqualTo(5.0);
        assertThat(s.max()).isEqualTo(5.0);
    }

    @Test
    void evenCountMedianIsTheMeanOfTheTwoMiddleValues() {
        ErrorStats s = ErrorStats.of(4, List.of(4.0, 1.0, 3.0, 2.0));
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.p90()).isEqualTo(4.0); // ⌈3.6⌉ = 4th
    }

    @Test
    void nearestRankP90OnRuns() {
        // 1..10: ⌈9⌉ = 9th smallest = 9 (not 10, and not an interpolated 9.1)
        assertThat(ErrorStats.of(10, seq(10)).p90()).isEqualTo(9.0);
        assertThat(ErrorStats.of(10, seq(10)).median()).isEqualTo(5.5);
        // 1..11: ⌈9.9⌉ = 10th; 1..20: ⌈18⌉ = 18th; 1..100: 90th
        assertThat(ErrorStats.of(11, seq(11)).p90()).isEqualTo(10.0);
        assertThat(ErrorStats.of(20, seq(20)).p90()).isEqualTo(18.0);
        assertThat(ErrorStats.of(100, seq(100)).p90()).isEqualTo(90.0);
        assertThat(ErrorStats.of(1, List.of(7.0))).isEqualTo(new ErrorStats(1, 1, 0, 7, 7, 7, 7));
    }

    @Test
    void nothingPredictedGivesNoStatistics() {
        ErrorStats s = ErrorStats.of(3, List.of());
        assertThat(s.predicted()).isZero();
        assertThat(s.skipped()).isEqualTo(3);
        assertThat(s.median()).isNaN();
        assertThat(s.mean()).isNaN();
        assertThat(s.p90()).isNaN();
        assertThat(s.max()).isNaN();
        assertThatThrownBy(() -> ErrorStats.of(1, List.of(1.0, 2.0))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded property test: the definitions hold on random error sets of every size up to 60. */
    @Test
    void definitionsHoldOnRandomSets() {
        Random random = new Random(20240607L);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(60);
            List<Double> errors = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // ties on purpose: a coarse grid
                errors.add(random.nextInt(40) * 2.5);
            }
            ErrorStats s = ErrorStats.of(n + random.nextInt(5), errors);
            double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long atMost = Arrays.stream(sorted).filter(e -> e <= s.p90()).count();
            long below = Arrays.stream(sorted).filter(e -> e < s.p90()).count();
            // nearest rank: an observed value; at least 90 % of the errors ≤ it, fewer than 90 % below it
            assertThat(sorted).contains(s.p90());
            assertThat(atMost).isGreaterThanOrEqualTo((long) Math.ceil(0.9 * n - 1e-9));
            assertThat((double) below).isLessThan(0.9 * n);
            long medBelow = Arrays.stream(sorted).filter(e -> e < s.median()).count();
            long medAbove = Arrays.stream(sorted).filter(e -> e > s.median()).count();
            assertThat(medBelow).isLessThanOrEqualTo(n / 2);
            assertThat(medAbove).isLessThanOrEqualTo(n / 2);
            assertThat(s.mean()).isCloseTo(Arrays.stream(sorted).average().orElseThrow(), within(1e-9));
            assertThat(s.max()).isEqualTo(sorted[n - 1]);
            assertThat(s.median()).isBetween(sorted[0], s.max());
            assertThat(s.p90()).isGreaterThanOrEqualTo(s.median());
            assertThat(s.skipped()).isEqualTo(s.rows() - n);
        }
    }

    @Test
    void reportGroupsBySourceInOrderOfFirstAppearance() {
        List<RunResult> results = List.of(predicted("a1", "A", 10), new RunResult.Skipped("b1", "B", "why", List.of()),
                predicted("a2", "A", 30), predicted("b2", "B", 4));
        RunsReport r = RunsReport.of(results);
        assertThat(r.bySource()).containsOnlyKeys("A", "B");
        assertThat(r.bySource().keySet()).containsExactly("A", "B");
        assertThat(r.bySource().get("A")).isEqualTo(new ErrorStats(2, 2, 0, 20, 20, 30, 30));
        assertThat(r.bySource().get("B")).isEqualTo(new ErrorStats(2, 1, 1, 4, 4, 4, 4));
        assertThat(r.summary()).isEqualTo(new ErrorStats(4, 3, 1, 10, 44.0 / 3, 30, 30));
        assertThat(r.predicted()).extracting(RunResult::runId).containsExactly("a1", "a2", "b2");
        assertThat(r.skipped()).extracting(RunResult::runId).containsExactly("b1");
    }

    @Test
    void formatKeepsFourSignificantDigits() {
        assertThat(RunsReport.format(137)).isEqualTo("137");
        assertThat(RunsReport.format(134.0987)).isEqualTo("134.1");
        assertThat(RunsReport.format(0.896512)).isEqualTo("0.8965");
        assertThat(RunsReport.format(11335957)).isEqualTo("11340000");
        assertThat(RunsReport.format(Double.NaN)).isEqualTo("—");
        assertThat(RunsReport.format(0)).isEqualTo("0");
    }

    private static RunResult predicted(String id, String source, double error) {
        RunSpec spec = new RunSpec(id, source, "m", null, null, null,
                new Measurement(Metric.STEP_TIME_S, 1, Double.NaN, false), FrameworkNames.OTHER, "none", 0, null, 16,
                List.of());
        return new RunResult.Predicted(spec, null, 1, error);
    }

    private static List<Double> seq(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> (double) i).toList();
    }
}
