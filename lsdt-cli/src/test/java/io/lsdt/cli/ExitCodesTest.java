package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes {@code lsdt --help} documents, each produced by a real command line: 0 success (every requirement
 * met), 2 bad input, 3 a goal not met; 1 is only a defect, which no input may cause.
 */
class ExitCodesTest {
    @Test
    void theHelpDocumentsEveryExitCode() {
        String help = CliRun.of("--help").out();
        assertThat(help).contains("Exit codes (every command):\n"
                + "  0  success: what was asked is answered, and a plan or scorecard meets its deadline and every stated\n"
                + "     requirement\n"
                + "  2  bad input: the message names the field or option, its value and what was expected (no stack trace)\n"
                + "  3  a goal not met: no design fits, the deadline or a stated requirement is missed\n"
                + "  1  a defect of LSDT, never your input: please report it with the command line\n");
        assertThat(CliRun.of("plan", "--help").out()).contains("Exit codes: 0 a design fits on the brief's devices",
                "3 no design fits, or the deadline or a requirement is not met; 1 a defect.");
    }

    @Test
    void eachCodeFromARealCommand(@TempDir Path dir) throws Exception {
        // 0: the README's main job meets its deadline (78 d) with no requirement stated
        assertThat(CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml")).code()).isZero();
        // 2: bad input, named, without a stack trace
        CliRun bad = CliRun.of("search", "llama3.1-8b", "--device", "h100-sxm", "--gpus", "8", "--threads", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("lsdt: error: --threads = 0").doesNotContain("\tat ");
        // 3: the same brief against the Llama 3 paper's 54-day snapshot misses it
        Path snapshot = dir.resolve("54d.yaml");
        Files.writeString(snapshot, Files.readString(Path.of(CliRun.repo("examples/llama3.1-405b.yaml")))
                .replace("deadline: 78 d ", "deadline: 54 d "));
        assertThat(CliRun.of("plan", snapshot.toString()).code()).isEqualTo(3);
        // 3: a requirement fails in evaluate, as in plan
        assertThat(CliRun.of("evaluate", snapshot.toString()).code()).isEqualTo(3);
    }
}
