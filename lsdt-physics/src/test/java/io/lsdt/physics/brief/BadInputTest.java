package io.lsdt.physics.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad brief is refused with a user error whose message names the field, the value and what was expected. Seed
 * briefs are mutations of the seed's 13b.yaml; catalog briefs are mutations of a small catalog-form brief.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String SEED_13B = TestFiles.read(TestFiles.resource("seed/13b.yaml"));

    private static final String CATALOG = """
            model: llama2-7b
            tokens: 2e12 token
            deadline: 30 d
            device: h100-sxm
            sustained_fraction: 0.4
            step: {tokens_per_step: 4e6 token}
            fabric: {id: ib-ndr, nics_per_node: 8, efficiency: 0.8}
            checkpoint: {period: 1 h, storage_bandwidth: 100 GB/s}
            """;

    /** Loads {@code text} from a file and returns the user error it must raise. */
    private LsdtException refuse(String name, String text, Problem problem) {
        Path file = TestFiles.write(dir, name, text);
        return refuse(file, problem);
    }

    private static LsdtException refuse(Path file, Problem problem) {
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> BriefLoader.load(file));
        assertThat(e).as("loading %s must fail", file).isNotNull();
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        assertThat(e.isUserError()).as("a bad brief is the user's error").isTrue();
        return e;
    }

    private LsdtException seed(String from, String to, Problem problem) {
        return refuse("bad.yaml", TestFiles.replaceOnce(SEED_13B, from, to), problem);
    }

    @Test
    void theBaseFixturesLoad() {
        // guard: the mutations below change one thing of briefs that are valid as they stand
        assertThat(BriefLoader.load(TestFiles.write(dir, "ok.yaml", SEED_13B)).form()).isEqualTo(Brief.Form.SEED);
        assertThat(BriefLoader.load(TestFiles.write(dir, "ok2.yaml", CATALOG)).form()).isEqualTo(Brief.Form.CATALOG);
    }

    @Test
    void seedTemplateWithItsOutdatedKeysIsRefusedNamingEveryWrongKeyAtOnce() {
        // the seed's own template writes capabilities.fabric.BW_sust_Bps and capabilities.storage.BW_sust_Bps; the
        // loader reads BW_node_sust_Bps and BW_ckpt_sust_Bps (peers.md §3.9 quirk #1); the seed then fails with a
        // TypeError deep in the checkpoint maths. Both keys are named in one message, each with the key meant.
        LsdtException e = refuse(TestFiles.resource("seed/template.yaml"), Problem.SEVERAL);
        assertThat(e.getMessage()).endsWith("template.yaml: 2 problems, all of them:\n"
                + "  capabilities.fabric.BW_node_sust_Bps is missing: expected a finite number > 0 (B/s)\n"
                + "    Maybe you meant 'BW_node_sust_Bps': 'capabilities.fabric.BW_sust_Bps' beside it is not a key of "
                + "the seed's format\n"
                + "  capabilities.storage.BW_ckpt_sust_Bps is missing: expected a finite number > 0 (B/s)\n"
                + "    Maybe you meant 'BW_ckpt_sust_Bps': 'capabilities.storage.BW_sust_Bps' beside it is not a key of "
                + "the seed's format");
    }

    @Test
    void aKeyTheSeedIgnoresBesideTheRightOneIsAWarningNotARefusal() {
        // the seed's loader reads the keys it needs and ignores the others: so does LSDT, saying so
        String text = SEED_13B.replace("    BW_node_sust_Bps: 1e11", "    BW_sust_Bps: 1e11\n    BW_node_sust_Bps: 1e11")
                + "\nnetwork:\n  nics_per_node: 8\n";
        assertThat(text).contains("BW_sust_Bps: 1e11");
        Brief b = BriefLoader.load(TestFiles.write(dir, "extra.yaml", text));
        assertThat(b.warnings()).containsExactly(
                "network is ignored: not a key LSDT reads in the seed's format",
                "capabilities.fabric.BW_sust_Bps is ignored: not a key LSDT reads in the seed's format");
        assertThat(b.input("fundamentals.BW_fabric_node_sust_Bps").value().si()).isEqualTo(1e11);
        // the 13b brief itself has nothing to warn about
        assertThat(BriefLoader.load(TestFiles.write(dir, "ok.yaml", SEED_13B)).warnings()).isEmpty();
    }

    @Test
    void aMissingNeededKeyIsRefusedWithEveryOtherProblemAndIgnoredKey() {
        String text = SEED_13B.replace("  B_dev_mem_bytes: 8e10\n", "").replace("  P: 13e9", "  P: -13e9")
                + "\nnetwork:\n  nics_per_node: 8\n";
        LsdtException e = refuse("bad.yaml", text, Problem.SEVERAL);
        assertThat(e.getMessage()).endsWith("bad.yaml: 2 problems, all of them:\n"
                + "  workload.P = -13000000000 param: expected a finite number > 0 (param)\n"
                + "  device.B_dev_mem_bytes is missing: expected a finite number > 0 (B)\n"
                + "  also ignored, not keys LSDT reads in the seed's format: network");
    }

    @Test
    void missingRequiredKey() {
        LsdtException e = seed("  P: 13e9\n", "", Problem.MISSING_FIELD);
        assertThat(e.getMessage()).contains("bad.yaml").contains("workload.P is missing")
                .contains("expected a finite number > 0 (param)");
    }

    @Test
    void nullValueOfARequiredKey() {
        LsdtException e = seed("  P: 13e9", "  P: null", Problem.MISSING_FIELD);
        assertThat(e.getMessage()).contains("workload.P is missing").contains("expected a finite number > 0 (param)");
    }

    @Test
    void zero() {
        LsdtException e = seed("  P: 13e9", "  P: 0", Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("workload.P = 0 param").contains("expected a finite number > 0 (param)");
    }

    @Test
    void negative() {
        LsdtException e = seed("  F_dev_sust_flop_s: 1e15", "  F_dev_sust_flop_s: -1e14", Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("device.F_dev_sust_flop_s = -100000000000000 FLOP/s")
                .contains("expected a finite number > 0 (FLOP/s)");
    }

    @Test
    void notANumber() {
        // YAML's .nan is a float; Jackson's YAML parser cannot read it, and the loader reports it against its field
        LsdtException e = seed("  T: 2592000", "  T: .nan", Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("bad.yaml").contains("workload.T = .nan").contains("expected a finite number");
    }

    @Test
    void notANumberAsText() {
        LsdtException e = seed("  Tok: 3e12", "  Tok: \"NaN\"", Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("workload.Tok = NaN").contains("expected a finite number > 0 (token)");
    }

    @Test
    void infinity() {
        LsdtException e = seed("  B_step_bytes: 1.5e11", "  B_step_bytes: .inf", Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("step.B_step_bytes = .inf").contains("expected a finite number");
    }

    @Test
    void nonNumericText() {
        LsdtException e = seed("  P: 13e9", "  P: thirteen billion", Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("workload.P = 'thirteen billion'")
                .contains("expected a finite number > 0 (param)");
    }

    @Test
    void outOfRangeMultiplier() {
        // A_io is a headroom multiplier ≥ 1 (peers.md §3.2)
        LsdtException e = seed("  A_io: 1.3", "  A_io: 0.5", Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("io.A_io = 0.5").contains("expected a finite number ≥ 1");
    }

    @Test
    void unknownTopLevelKeyIsIgnoredWithAWarning() {
        Brief b = BriefLoader.load(TestFiles.write(dir, "extra.yaml", SEED_13B + "\nworklaod_notes: hello\n"));
        assertThat(b.warnings()).containsExactly("worklaod_notes is ignored: not a key LSDT reads in the seed's "
                + "format");
    }

    @Test
    void misspeltNeededKeyNamesTheKeyMeant() {
        LsdtException e = seed("  Tok_per_step: 4e7", "  Tok_per_stp: 4e7", Problem.MISSING_FIELD);
        assertThat(e.getMessage()).endsWith("step.Tok_per_step is missing: expected a finite number > 0 (token)\n"
                + "Maybe you meant 'Tok_per_step': 'step.Tok_per_stp' beside it is not a key of the seed's format");
    }

    @Test
    void unitOfTheWrongDimension() {
        LsdtException e = seed("  B_dev_mem_bytes: 8e10", "  B_dev_mem_bytes: \"80 GB/s\"", Problem.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).contains("device.B_dev_mem_bytes").contains("'80 GB/s'").contains("expects B");
    }

    @Test
    void unknownCatalogModelSuggestsTheClosestIds() {
        LsdtException e = refuse("bad.yaml", TestFiles.replaceOnce(CATALOG, "model: llama2-7b", "model: llama2-8b"),
                Problem.UNKNOWN_ID);
        assertThat(e.getMessage()).contains("unknown model 'llama2-8b'").contains("Maybe you meant 'llama2-7b'");
    }

    @Test
    void unknownCatalogDeviceSuggestsTheClosestIds() {
        LsdtException e = refuse("bad.yaml", TestFiles.replaceOnce(CATALOG, "device: h100-sxm", "device: h100-sxm5"),
                Problem.UNKNOWN_ID);
        assertThat(e.getMessage()).contains("unknown device 'h100-sxm5'").contains("'h100-sxm'");
    }

    @Test
    void unknownCatalogFabricSuggestsTheClosestIds() {
        LsdtException e = refuse("bad.yaml", TestFiles.replaceOnce(CATALOG, "id: ib-ndr", "id: ib-nrd"),
                Problem.UNKNOWN_ID);
        assertThat(e.getMessage()).contains("unknown fabric 'ib-nrd'").contains("Maybe you meant 'ib-ndr'");
    }

    @Test
    void catalogQuantityOfTheWrongDimension() {
        LsdtException e = refuse("bad.yaml", TestFiles.replaceOnce(CATALOG, "tokens: 2e12 token", "tokens: 2e12 B"),
                Problem.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).contains("tokens").contains("'2e12 B'").contains("expects token");
    }

    @Test
    void catalogPrecisionWithoutAPublishedPeak() {
        // the A17 Pro's only published rate is its Neural Engine's 35 TOPS (int8): no bf16 peak to scale
        LsdtException e = refuse("bad.yaml", TestFiles.replaceOnce(CATALOG, "device: h100-sxm",
                "device: apple-a17-pro"), Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("precision = bf16").contains("apple-a17-pro")
                .contains("device_sustained");
    }

    @Test
    void catalogSustainedFractionOutsideZeroToOne() {
        LsdtException e = refuse("bad.yaml", TestFiles.replaceOnce(CATALOG, "sustained_fraction: 0.4",
                "sustained_fraction: 40"), Problem.INVALID_VALUE);
        assertThat(e.getMessage()).contains("sustained_fraction = 40").contains("(0, 1]");
    }

    @Test
    void nonexistentFile() {
        LsdtException e = refuse(dir.resolve("no-such-brief.yaml"), Problem.UNREADABLE_FILE);
        assertThat(e.getMessage()).contains("no-such-brief.yaml").contains("no such file");
    }

    @Test
    void unreadableFile() {
        // a directory cannot be read as a file (file permissions do not stop a test run as root)
        LsdtException e = refuse(dir, Problem.UNREADABLE_FILE);
        assertThat(e.getMessage()).contains("cannot read " + dir);
    }

    @Test
    void malformedYaml() {
        LsdtException e = refuse("bad.yaml", "workload:\n  P: [13e9, 14e9\n", Problem.MALFORMED_FILE);
        assertThat(e.getMessage()).contains("bad.yaml is not valid YAML").contains("line 2");
    }

    @Test
    void emptyFile() {
        LsdtException e = refuse("bad.yaml", "# nothing but a comment\n", Problem.MALFORMED_FILE);
        assertThat(e.getMessage()).contains("bad.yaml is not valid YAML: the file is empty");
    }

    @Test
    void fileThatIsNeitherForm() {
        LsdtException e = refuse("bad.yaml", "foo: 1\nbar: 2\n", Problem.MALFORMED_FILE);
        assertThat(e.getMessage()).contains("bad.yaml is not valid LSDT brief")
                .contains("'workload' section (seed format) or a 'model' key (catalog form)")
                .contains("found [foo, bar]");
    }

    @Test
    void topLevelThatIsNotAMapping() {
        LsdtException e = refuse("bad.yaml", "- workload\n- model\n", Problem.MALFORMED_FILE);
        assertThat(e.getMessage()).contains("the top level must be a mapping of keys");
    }

    @Test
    void duplicateKeys() {
        LsdtException e = seed("  P: 13e9\n", "  P: 13e9\n  P: 14e9\n", Problem.MALFORMED_FILE);
        assertThat(e.getMessage()).contains("bad.yaml is not valid YAML").contains("Duplicate field 'P'");
    }

    @Test
    void notUtf8NamesTheLineAndTheByte() throws java.io.IOException {
        // a Latin-1 'é' (0xE9) on line 3, column 17: named where it is, not as a decoder's exception on line 1
        Path file = dir.resolve("latin1.yaml");
        byte[] head = "model: llama2-7b\ntokens: 2e12 token\nname: \"Caf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xE9;
        bytes[head.length + 1] = '"';
        bytes[head.length + 2] = '\n';
        java.nio.file.Files.write(file, bytes);
        LsdtException e = refuse(file, Problem.MALFORMED_FILE);
        assertThat(e.getMessage()).isEqualTo(file + " is not valid UTF-8: line 3, byte 11 of the line (byte offset 46 "
                + "in the file): 0xE9\nMaybe save the file as UTF-8 (an editor's 'Save with encoding', or iconv -f "
                + "latin1 -t utf-8)");
    }

    @Test
    void anInferenceBriefIsSentToEvaluate() {
        LsdtException e = refuse("doorbell.yaml", "kind: inference\nname: doorbell\ndevice: esp32-s3\n",
                Problem.WRONG_COMMAND);
        assertThat(e.getMessage()).isEqualTo(dir.resolve("doorbell.yaml") + ": this is an inference brief (kind: "
                + "inference), which this command does not read; use `lsdt evaluate " + dir.resolve("doorbell.yaml")
                + "` to score it");
        LsdtException other = refuse("other.yaml", "kind: serving\n" + CATALOG, Problem.INVALID_VALUE);
        assertThat(other.getMessage()).endsWith("other.yaml: kind = serving: expected training or inference");
    }

    @Test
    void requirementsAreCheckedWithTheBrief() {
        // a requirement in the wrong unit is refused by every command that reads the brief, not only by evaluate
        LsdtException e = refuse("bad.yaml", CATALOG + "requirements: {max_cost: 150e6 W}\n",
                Problem.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).endsWith("bad.yaml: requirements.max_cost: dimension mismatch, '150e6 W' is "
                + "m^2·kg/s^3 but the field (expects USD) is USD");
        LsdtException unknown = refuse("bad2.yaml", CATALOG + "requirements: {max_costs: 1 USD}\n",
                Problem.UNKNOWN_FIELD);
        assertThat(unknown.getMessage()).contains("unknown key 'requirements.max_costs'");
        Brief ok = BriefLoader.load(TestFiles.write(dir, "ok.yaml", CATALOG
                + "requirements: {max_cost: 150e6 USD, min_goodput: 0.9}\n"));
        assertThat(ok.requirements().maxCost().si()).isEqualTo(150e6);
        assertThat(ok.requirements().minGoodput().si()).isEqualTo(0.9);
        assertThat(ok.requirements().maxEnergy()).isNull();
    }

    @Test
    void extremeQuantitiesAreRefusedBeforeTheyOverflow() {
        // 1e300 tokens times 6 FLOP and 4e11 parameters overflow a double: refused at the field, with the bound
        LsdtException e = refuse("bad.yaml", CATALOG.replace("tokens: 2e12 token", "tokens: 1e300 token"),
                Problem.INVALID_VALUE);
        assertThat(e.getMessage()).endsWith("bad.yaml: tokens = 1.0E300 token: expected a finite number > 0 (token) "
                + "whose SI value (here 1.00e+300 token) lies between 1e-30 and 1e30 in magnitude: beyond that the "
                + "equations that combine it overflow");
        // 1e-300 d is 8.64e-296 s
        LsdtException d = refuse("bad2.yaml", CATALOG.replace("deadline: 30 d", "deadline: 1e-300 d"),
                Problem.INVALID_VALUE);
        assertThat(d.getMessage()).contains("deadline = 1.0E-300 d").contains("(here 8.64e-296 s)");
        LsdtException f = refuse("bad3.yaml", CATALOG.replace("sustained_fraction: 0.4", "sustained_fraction: 1e-300"),
                Problem.INVALID_VALUE);
        assertThat(f.getMessage()).contains("sustained_fraction = 1.0E-300").contains("between 1e-30 and 1e30");
    }

    @Test
    void sizesBeyondTheLimitsAreRefusedWithTheNumberAndTheLimit() {
        LsdtException g = refuse("bad.yaml", CATALOG + "devices: 100000000\n", Problem.INVALID_VALUE);
        assertThat(g.getMessage()).endsWith("bad.yaml: devices = 100,000,000: expected at most 16,777,216 devices, "
                + "the most LSDT plans (the largest clusters built hold about 10^5)");
        LsdtException b = refuse("bad2.yaml", CATALOG.replace("step: {tokens_per_step: 4e6 token}",
                "step: {global_batch_sequences: 2000000}"), Problem.INVALID_VALUE);
        assertThat(b.getMessage()).endsWith("bad2.yaml: step.global_batch_sequences = 2,000,000 sequences: expected "
                + "at most 1,048,576 sequences per step, the most LSDT plans (the largest published batches are about "
                + "10^4)");
    }
}
