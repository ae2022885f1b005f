package io.lsdt.physics.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCsvTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryDevelopmentRun() {
        List<RunRow> rows = Fixtures.devRuns();
        // data/validation/README.md: 109 published runs
        assertThat(rows).hasSize(109);
        assertThat(rows.get(0).runId()).isEqualTo("megatron-sc21-1.7B");
        assertThat(rows.get(0).text("source_title")).startsWith("Efficient Large-Scale Language Model Training");
        assertThat(rows.get(108).runId()).isEqualTo("dgxc-Llama3.1-405B-FP8-512");
        // quoted cells with commas stay whole
        assertThat(rows.get(0).text("derived_values")).contains("96*B*s*l*h^2*(1+s/6h+V/16lh)");
        assertThat(rows.stream().map(RunRow::runId).distinct()).hasSize(109);
    }

    @Test
    void readsNumbersLeniently() {
        assertThat(RunRow.parse("1.121")).hasValue(1.121);
        assertThat(RunRow.parse(" 2e3 ")).hasValue(2000);
        assertThat(RunRow.parse("11,335,957")).hasValue(11_335_957);
        assertThat(RunRow.parse(".5")).hasValue(0.5);
        for (String words : List.of("", "n/a", "FSDP over remaining 64 chips", "~5", "5-8", "1,2", "NaN", "Infinity",
                "12 GPUs")) {
            assertThat(RunRow.parse(words)).as(words).isEqualTo(OptionalDouble.empty());
        }
        RunRow r = Fixtures.edit(Fixtures.devRun("megatron-sc21-1.7B"), "dp", "FSDP over remaining 64 chips");
        assertThat(r.wordy("dp")).isTrue();
        assertThat(r.wordy("tp")).isFalse();
        assertThat(r.wordy("vpp")).as("blank is not wordy").isFalse();
    }

    @Test
    void numbersBeyondTheMagnitudesLsdtReadsAreNotRead() {
        // fuzz reproducer: params_b = 1e300 reached the step model as Infinity parameters (exit 1); cells are read
        // within 1e-30..1e30 (YamlNode's bounds) or 0, like every number of a brief
        assertThat(RunRow.parse("1e300")).isEqualTo(OptionalDouble.empty());
        assertThat(RunRow.parse("1e-300")).isEqualTo(OptionalDouble.empty());
        assertThat(RunRow.parse("-1e31")).isEqualTo(OptionalDouble.empty());
        assertThat(RunRow.parse("0")).hasValue(0);
        assertThat(RunRow.parse("1e30")).hasValue(1e30);
        assertThat(RunRow.lenient("tokens_trained", "1e300")).isEmpty();
    }

    @Test
    void aRowWithoutRunIdIsRefused() {
        // fuzz reproducer: a blank run_id was scored as "row 1" (exit 0); the id is how rows are reported and held out
        String text = TestFiles.read(TestFiles.data("validation/dev_runs.csv"));
        String blank = TestFiles.replaceOnce(text, "\nmegatron-sc21-1.7B,", "\n,");
        assertThatThrownBy(() -> RunsCsv.parse(blank, "noid.csv")).isInstanceOfSatisfying(LsdtException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.MALFORMED_FILE);
            assertThat(e.getMessage()).contains("noid.csv", "row 1 has no run_id");
        });
    }

    @Test
    void aMissingColumnIsNamed() {
        String text = TestFiles.read(TestFiles.data("validation/dev_runs.csv"));
        String noStepTime = TestFiles.replaceOnce(text, ",step_time_s,", ",step_time,");
        Path f = TestFiles.write(dir, "runs.csv", noStepTime);
        assertThatThrownBy(() -> RunsCsv.read(f)).isInstanceOfSatisfying(LsdtException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.MALFORMED_FILE);
            assertThat(e.isUserError()).isTrue();
            assertThat(e.getMessage()).contains("runs.csv", "missing column 'step_time_s'",
                    "Maybe the column 'step_time' is meant as 'step_time_s'?");
        });
        String two = TestFiles.replaceOnce(TestFiles.replaceOnce(text, ",tp,", ",,"), ",vocab,", ",V,");
        assertThatThrownBy(() -> RunsCsv.parse(two, "two.csv")).hasMessageContaining("missing columns 'vocab', 'tp'");
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefused() {
        assertThatThrownBy(() -> RunsCsv.read(TestFiles.write(dir, "empty.csv", "")))
                .isInstanceOfSatisfying(LsdtException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageContaining("empty.csv").hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> RunsCsv.parse(" \n\n", "blank.csv")).hasMessageContaining("the file is empty");
        String header = String.join(",", RunsCsv.REQUIRED_COLUMNS) + "\n";
        assertThatThrownBy(() -> RunsCsv.parse(header, "h.csv")).hasMessageContaining("no rows below it");
    }

    @Test
    void unreadablePathsAreUserErrors() {
        assertThatThrownBy(() -> RunsCsv.read(dir.resolve("nope.csv"))).isInstanceOfSatisfying(LsdtException.class,
                e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNREADABLE_FILE);
                    assertThat(e.getMessage()).contains("nope.csv", "no such file");
                });
        assertThatThrownBy(() -> RunsCsv.read(dir)).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.UNREADABLE_FILE));
    }

    @Test
    void shapeErrorsAreNamed() {
        String header = String.join(",", RunsCsv.REQUIRED_COLUMNS);
        String tooMany = header + "\n" + "a,".repeat(RunsCsv.REQUIRED_COLUMNS.size()) + "extra\n";
        assertThatThrownBy(() -> RunsCsv.parse(tooMany, "t.csv")).hasMessageContaining("row 1 has 35 cells but the "
                + "header names 34 columns");
        String dup = header + "\nx\nx\n";
        assertThatThrownBy(() -> RunsCsv.parse(dup, "d.csv")).hasMessageContaining("run_id 'x' appears on rows 1 and 2");
        String dupColumn = header + ",tp\nx\n";
        assertThatThrownBy(() -> RunsCsv.parse(dupColumn, "c.csv")).hasMessageContaining("column 'tp' appears twice");
        String unterminated = header + "\n\"x,1\n";
        assertThatThrownBy(() -> RunsCsv.parse(unterminated, "q.csv")).isInstanceOfSatisfying(LsdtException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_FILE));
    }

    @Test
    void aByteOrderMarkAndShortRowsAreAccepted() {
        String text = "\uFEFF" + String.join(",", RunsCsv.REQUIRED_COLUMNS) + ",extra\n" + "r1,src\n\n";
        List<RunRow> rows = RunsCsv.parse(text, "bom.csv");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo("r1");
            assertThat(r.source()).isEqualTo("src");
            assertThat(r.blank("step_time_s")).isTrue();
            assertThat(r.row()).isEqualTo(1);
        });
    }
}
