package io.lsdt.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.physics.validation.korthikanti.CalculonSystem;
import io.lsdt.sim.engine.Predictor.Collective;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Where the lab would crash (an assertion or an unset attribute), the predictor says why, as an {@link LsdtException}
 * made from a {@link Problem} template ({@code shared/reference/lab-simulator.md} §6.1, §6.2, §12 quirk 10).
 */
class LabPredictorErrorsTest {
    private static final CalculonSystem H100 = LabPredictor.bundledSystem(LabPredictor.DEFAULT_SYSTEM);

    @Test
    void collectiveOnOneRankIsRefused() {
        // Calculon's Network.time asserts comm_size >= 2 for collectives
        LabPredictor one = new LabPredictor(1);
        for (Collective op : Collective.values()) {
            LsdtException e = error(() -> one.collective(op, LabConstants.weightBytes()));
            assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
            assertThat(e.getMessage()).contains("world size = 1", "at least 2", op.label(), "comm_size >= 2")
                    .contains("Maybe leave the collective out");
        }
        // computation, loading and p2p (comm size 2 on the size-8 network) are still costed, as in the lab
        Micros.exactly(one.forwardBackward(1), 38.17748707555556, "forward(1) on one rank");
        Micros.roundsTo(one.p2p(LabConstants.activationBytes(1)), "38.68", "p2p on one rank");
    }

    @Test
    void worldLargerThanEveryNetworkCannotCommunicate() {
        // §6.1: > 65,536 ranks selects no network; the lab fails on the first communication
        LabPredictor p = new LabPredictor(65_537);
        assertThat(p.hasNetwork()).isFalse();
        assertThat(p).hasToString("LabPredictor[world size 65537, network none]");
        for (ThrowingCallable call : new ThrowingCallable[] {p::network,
            () -> p.collective(Collective.ALL_REDUCE, 1), () -> p.p2p(1)}) {
            LsdtException e = error(call);
            assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
            assertThat(e.getMessage()).contains("world size = 65537", "at most 65536", "[8, 65536]")
                    .contains("Maybe simulate at most 65536 ranks");
        }
        // computation is still costed
        Micros.roundsTo(p.forwardBackward(128), "4629.52", "forward(128)");
        Micros.roundsTo(p.update(1, 1), "36.41", "update");
        Micros.exactly(p.loadWeights(1, 1), 82.85044938271605, "load");
    }

    @Test
    void systemWithoutNetworks() {
        LabPredictor p = new LabPredictor(2, LabPredictorTest.withNetworks(H100, List.of()));
        assertThat(error(() -> p.p2p(1)).getMessage()).contains("at least one network");
    }

    @Test
    void invalidArguments() {
        LabPredictor p = new LabPredictor(8);
        assertThat(error(() -> new LabPredictor(0)).getMessage()).isEqualTo("world size = 0: expected at least 1");
        assertThat(error(() -> p.forwardBackward(-1)).getMessage()).isEqualTo("samples = -1: expected at least 0");
        assertThat(error(() -> p.forwardBackward(LabPredictor.MAX_SAMPLES + 1)).getMessage())
                .contains("samples = " + (LabPredictor.MAX_SAMPLES + 1), "64 bits");
        assertThat(LabPredictor.MAX_SAMPLES).isEqualTo((1 << 28) - 1);
        // the largest micro-batch is still costed: 2·h²·L·b = 2^35 · (2^28 − 1) ≈ 9.22e18 FLOP at the 128-GFLOP row's
        // 95 % of 1,000 TFLOP/s is 9,708.8 s; its (h² + 2·L·b·h)·2 ≈ 4.50e15 B at 90 % of 3,072 GB/s take 1,629 s:
        // compute-bound (h100_80g_nvl8.json)
        assertThat(p.forwardBackward(LabPredictor.MAX_SAMPLES))
                .isCloseTo(2.0 * 4096 * 4096 * 1024 * ((1 << 28) - 1) / (1000e12 * 0.95), within(1e-9 * 9708.8));
        assertThat(error(() -> p.update(0, 1)).getMessage()).contains("shardsOnDevice = 0", "1 … numShards = 1");
        assertThat(error(() -> p.update(3, 2)).getMessage()).contains("shardsOnDevice = 3");
        assertThat(error(() -> p.update(1, 0)).getMessage()).contains("numShards = 0");
        assertThat(error(() -> p.loadWeights(2, 1)).getMessage()).contains("shardsOnDevice = 2");
        assertThat(error(() -> p.collective(Collective.ALL_GATHER, -1)).getMessage()).contains("bytes = -1");
        assertThat(error(() -> p.p2p(-1)).getMessage()).contains("bytes = -1");
        assertThat(error(() -> p.flopsTime(-1)).getMessage()).contains("FLOPs = -1");
    }

    @Test
    void unknownBundledSystem() {
        LsdtException e = error(() -> LabPredictor.bundledSystem("h100_80g_nvl"));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_ID);
        assertThat(e.getMessage()).contains("unknown bundled Calculon system 'h100_80g_nvl'", "h100_80g_nvl8");
        assertThat(error(() -> LabPredictor.bundledSystem("a100")).getMessage()).contains("CalculonSystem.read");
    }

    @Test
    void systemWithoutFloat16MatrixTable() {
        CalculonSystem fp8Only = new CalculonSystem(Map.of("float8", H100.matrix().get("float8")), H100.vector(),
                H100.mem1(), H100.mem2(), H100.processingMode(), H100.networks());
        LsdtException e = error(() -> new LabPredictor(8, fp8Only));
        assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD);
        assertThat(e.getMessage()).contains("matrix.float16", "[float8]");
    }

    @Test
    void efficiencyTableThatDoesNotCoverSmallOps() {
        // Calculon asserts when an op is below every threshold; the bundled tables end in 0 to avoid it
        String text = h100Text().replace("[0, 0.3]\n    ]\n  },\n  \"mem2\"", "[0.5, 0.3]\n    ]\n  },\n  \"mem2\"");
        LabPredictor p = new LabPredictor(8, CalculonSystem.parse(bytes(text), "no-zero.json"));
        LsdtException e = error(() -> p.memoryTime(100));
        assertThat(e.getMessage()).contains("100 B", "mem1.MB_efficiency");
        Micros.roundsTo(p.update(1, 1), "36.41", "larger ops are unaffected");
    }

    @Test
    void networkOpsFollowCalculonsRules() {
        // Calculon Network._parse_op: p2p takes no offset, collectives must give one, scalar > 0, all four ops
        assertNetworkError("\"p2p\": [1.0, null]", "\"p2p\": [1.0, 0]", Problem.INVALID_VALUE, "networks[0].ops.p2p",
                "p2p takes no offset");
        assertNetworkError("\"all_reduce\": [1.0, 1]", "\"all_reduce\": [1.0, null]", Problem.INVALID_VALUE,
                "networks[0].ops.all_reduce", "must give an offset");
        assertNetworkError("\"all_reduce\": [1.0, 1]", "\"all_reduce\": [0, 1]", Problem.INVALID_VALUE,
                "networks[0].ops.all_reduce = [0.0, 1.0]", "scalar > 0");
        assertNetworkError("\"all_reduce\": [1.0, 1]", "\"all_reduce\": [1.0]", Problem.INVALID_VALUE,
                "networks[0].ops.all_reduce");
        assertNetworkError("\"all_reduce\": [1.0, 1]", "\"allreduce\": [1.0, 1]", Problem.UNKNOWN_FIELD,
                "networks[0].ops.allreduce", "Maybe you meant 'all_reduce'");
        assertNetworkError("\"all_gather\": [1.0, 0],", "", Problem.MISSING_FIELD, "networks[0].ops.all_gather");
        assertNetworkError("\"efficiency\": 0.65", "\"efficiency\": 1.5", Problem.INVALID_VALUE,
                "networks[0].efficiency = 1.5");
        assertNetworkError("\"bandwidth\": 450", "\"bandwidth\": 0", Problem.INVALID_VALUE,
                "networks[0].bandwidth = 0.0");
        assertNetworkError("\"processor_usage\": 0.15", "\"processor_usage\": 1", Problem.INVALID_VALUE,
                "networks[0].processor_usage = 1.0");
        assertNetworkError("\"latency\": 0.00001", "\"latency\": -0.00001", Problem.INVALID_VALUE,
                "networks[0].latency");
    }

    @Test
    void strictReaderNamesMissingNetworkKeys() {
        // CalculonSystem reads strictly: Calculon requires exactly the seven keys of a network
        LsdtException e = error(() -> CalculonSystem.parse(bytes(h100Text().replace("\"latency\": 0.00001,", "")),
                "no-latency.json"));
        assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD);
        assertThat(e.getMessage()).contains("networks[0].latency", "no-latency.json");
    }

    private static void assertNetworkError(String find, String replace, Problem problem, String... fragments) {
        String text = h100Text();
        assertThat(text).contains(find);
        CalculonSystem s = CalculonSystem.parse(bytes(text.replaceFirst(Pattern.quote(find),
                Matcher.quoteReplacement(replace))), "bad.json");
        LsdtException e = error(() -> new LabPredictor(8, s));
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        assertThat(e.isUserError()).isTrue();
        assertThat(e.getMessage()).contains(fragments);
    }

    private static LsdtException error(ThrowingCallable call) {
        LsdtException e = catchThrowableOfType(LsdtException.class, call);
        assertThat(e).as("an LsdtException").isNotNull();
        assertThat(e.isUserError()).isTrue();
        return e;
    }

    static String h100Text() {
        try (InputStream in = LabPredictor.class.getResourceAsStream("/lsdt/sim/systems/h100_80g_nvl8.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
