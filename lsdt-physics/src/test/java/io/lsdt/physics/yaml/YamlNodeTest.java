package io.lsdt.physics.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.graph.model.Range;
import io.lsdt.graph.unit.Quantity;
import io.lsdt.physics.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict YAML reader under briefs and the catalog. */
class YamlNodeTest {
    @TempDir
    Path dir;

    private YamlNode load(String text) {
        return YamlNode.load(TestFiles.write(dir, "f.yaml", text));
    }

    private LsdtException fail(String text) {
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> load(text));
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void nonFiniteYamlFloatsAreReportedAgainstTheirFieldWithItsPath() {
        // YAML 1.1 floats .nan / .inf / -.inf: Jackson's YAML parser (2.x) cannot read them; the message names the
        // field by its dotted path, list items by index
        LsdtException nan = fail("workload:\n  P: .nan\n");
        assertThat(nan.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(nan.getMessage()).isEqualTo(dir.resolve("f.yaml") + ": workload.P = .nan: expected a finite number");
        LsdtException inf = fail("a:\n  - x: 1\n  - y: -.inf\n");
        assertThat(inf.getMessage()).contains("a[1].y = -.inf");
        LsdtException inList = fail("a: [1, .NaN]\n");
        assertThat(inList.getMessage()).contains("a[1] = .NaN");
        LsdtException top = fail("a: +.Inf\n");
        assertThat(top.getMessage()).contains(": a = +.Inf: expected a finite number");
    }

    @Test
    void otherMalformedNumbersStayMalformedFiles() {
        // a quoted '.nan' is text: it reaches the field reader, which refuses it there
        YamlNode n = load("P: '.nan'\n");
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> n.quantity("P", "param", Range.POSITIVE));
        assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(e.getMessage()).isEqualTo("P = .nan: expected a finite number > 0 (param)");
        assertThat(fail("P: [1,\n").problem()).isEqualTo(Problem.MALFORMED_FILE);
    }

    @Test
    void anEmptyValueIsNullAsInYamlAndAQuotedEmptyStringIsText() {
        // YAML: "key:" with nothing after it is null (the seed's PyYAML reads None); only '' is an empty string
        YamlNode n = load("a:\n  b:\nc:\nd: ''\n");
        assertThat(n.hasValue("c")).isFalse();
        assertThat(n.optionalText("c")).isNull();
        assertThat(n.optionalSection("a").hasValue("b")).isFalse();
        assertThat(n.optionalQuantity("c", "s", Range.POSITIVE)).isNull();
        assertThat(n.optionalText("d")).isEmpty();
    }

    @Test
    void quantitiesTakeTheirUnitOrTheFieldsUnit() {
        YamlNode n = load("a: 54 d\nb: 2\nc: \"80 GiB\"\nd: 1.5e+3\n");
        // 54 d = 54 × 86,400 s = 4,665,600 s
        assertThat(n.quantity("a", "s", Range.POSITIVE).si()).isEqualTo(4_665_600.0);
        // a plain number is read in the field's unit: 2 h = 7,200 s
        assertThat(n.quantity("b", "h", Range.POSITIVE).si()).isEqualTo(7_200.0);
        // 80 GiB = 80 × 2^30 B = 85,899,345,920 B
        Quantity c = n.quantity("c", "B", Range.POSITIVE);
        assertThat(c.si()).isEqualTo(85_899_345_920.0);
        assertThat(n.quantity("d", "1", Range.POSITIVE).si()).isEqualTo(1500.0);
    }

    @Test
    void expectRefusesUnknownKeysWithTheClosestOne() {
        YamlNode n = load("Tok_per_stp: 4\n");
        LsdtException e = catchThrowableOfType(LsdtException.class, () -> n.expect("Tok_per_step", "B_step_bytes"));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_FIELD);
        assertThat(e.getMessage()).isEqualTo("unknown key 'Tok_per_stp' at the top level; expected one of "
                + "Tok_per_step, B_step_bytes" + System.lineSeparator() + "Maybe you meant 'Tok_per_step'?");
    }

    @Test
    void wholeNumbersMustBeWholeAndLargeEnough() {
        YamlNode n = load("a: 2.5\nb: 0\nc: 8\n");
        assertThat(catchThrowableOfType(LsdtException.class, () -> n.whole("a", 1)).getMessage())
                .isEqualTo("a = 2.5: expected a whole number ≥ 1");
        assertThat(catchThrowableOfType(LsdtException.class, () -> n.whole("b", 1)).getMessage())
                .isEqualTo("b = 0: expected a whole number ≥ 1");
        assertThat(n.whole("c", 1)).isEqualTo(8L);
    }
}
