package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lsdt sensitivity}: ranked tables per output, the same bytes for a seed, a tornado PNG, and bad input
 * refused with exit 2 naming the option, its value and what was expected.
 */
class SensitivityCommandTest {
    private static final String LLAMA = CliRun.repo("examples/llama3.1-405b.yaml");

    @TempDir
    Path dir;

    @Test
    void morrisRanksTheTimeToTrainAndRepeatsToTheByte() {
        CliRun a = CliRun.of("sensitivity", LLAMA, "--samples", "20", "--seed", "5");
        CliRun b = CliRun.of("sensitivity", LLAMA, "--samples", "20", "--seed", "5");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(a.out()).contains("Morris elementary effects: r = 20 trajectories", "Inputs varied (k = ",
                "design.eff_gemm_max", "tail.step.cv", "assumption ±50 %", "datasheet ±2 %",
                "Time to train (training.wallclock): 62.81 d", "Cost (econ.run.total_cost)", "MFU (training.mfu)",
                "CO2 (sust.co2.total)", "Energy (facility)");
        // the fitted GEMM efficiency moves the time to train most: it is first in its table
        String time = a.out().substring(a.out().indexOf("Time to train (training.wallclock)"));
        assertThat(time.lines().skip(3).findFirst().orElseThrow()).contains("design.eff_gemm_max");
        assertThat(CliRun.of("sensitivity", LLAMA, "--samples", "20", "--seed", "6").out()).isNotEqualTo(a.out());
    }

    @Test
    void sobolPrintsS1AndStAndJson() {
        CliRun r = CliRun.of("sensitivity", LLAMA, "--method", "SOBOL", "--samples", "64");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Sobol' indices: N = 64 base samples", " S1 ", " ST ");
        CliRun j = CliRun.of("sensitivity", LLAMA, "--method", "sobol", "--samples", "64", "--json");
        assertThat(j.code()).isZero();
        assertThat(j.out()).contains("\"method\" : \"sobol\"", "\"st\"", "\"s1\"", "\"training.wallclock\"");
    }

    @Test
    void writesATornadoPngTheSameEachTime() throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        assertThat(CliRun.of("sensitivity", LLAMA, "--samples", "5", "--png", a.toString()).code()).isZero();
        assertThat(CliRun.of("sensitivity", LLAMA, "--samples", "5", "--png", b.toString()).code()).isZero();
        byte[] png = Files.readAllBytes(a);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png).isEqualTo(Files.readAllBytes(b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--method|fast|--method: fast|morris or sobol",
        "--samples|0|--samples: 0|from 1 to 10,000,000",
        "--samples|-3|--samples: -3|from 1 to 10,000,000",
        "--samples|20000000|--samples: 20000000|from 1 to 10,000,000"})
    void badOptionsExitTwoNamingThem(String option, String value, String named, String expected) {
        CliRun r = CliRun.of("sensitivity", LLAMA, option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(value).contains(option).contains(expected).doesNotContain("Exception");
    }

    @Test
    void aSeedFormBriefExitsTwo() {
        CliRun r = CliRun.of("sensitivity", CliRun.repo("examples/13b-seed.yaml"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("brief form", "seed", "catalog-form");
    }

    @Test
    void sobolNeedsTwoBaseSamples() {
        CliRun r = CliRun.of("sensitivity", LLAMA, "--method", "sobol", "--samples", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--samples", "1", "from 2 to 10,000,000", "Sobol base samples N");
    }

    @Test
    void rangesComeFromTheBriefAndTheCommandLineAndTheBandIsPrinted(@TempDir Path dir) throws Exception {
        Path brief = dir.resolve("brief.yaml");
        Files.writeString(brief, Files.readString(Path.of(LLAMA)) + "\nsensitivity:\n  ranges:\n    assumption: 0.3\n");
        CliRun r = CliRun.of("sensitivity", brief.toString(), "--samples", "2", "--range", "design.hbm_bw=10%");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("tail.step.cv                     assumption ±30 % (set)",
                "design.hbm_bw                    datasheet ±10 % (set)",
                "design.peak                      datasheet ±2 %  ",
                "Uncertainty band (P10-P90): the inputs over their ranges (4,096 seeded samples), then with the "
                        + "design model's own prediction interval (regime megatron/1025+/30B+ (19 runs)",
                "  Time to train           62.81 d");
        CliRun bad = CliRun.of("sensitivity", LLAMA, "--samples", "2", "--range", "design.hbm_bww=0.1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--range", "design.hbm_bww", "design.hbm_bw").doesNotContain("Exception");
        Path badBrief = dir.resolve("bad.yaml");
        Files.writeString(badBrief, Files.readString(Path.of(LLAMA)) + "\nsensitivity:\n  ranges:\n    assumptoin: 0.3\n");
        CliRun b = CliRun.of("sensitivity", badBrief.toString(), "--samples", "2");
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("sensitivity.ranges", "assumptoin", "assumption");
    }
}
