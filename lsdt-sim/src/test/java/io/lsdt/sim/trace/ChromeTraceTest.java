package io.lsdt.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import io.lsdt.sim.engine.Event;
import io.lsdt.sim.engine.SimulationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chrome/Perfetto trace of hand-built results with known times. */
class ChromeTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode trace(SimulationResult r, ChromeTrace.Threads threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.writeTo(r, out, threads);
        return JSON.readTree(out.toByteArray());
    }

    private static List<JsonNode> phase(JsonNode root, String ph) {
        List<JsonNode> list = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals(ph)) {
                list.add(e);
            }
        });
        return list;
    }

    @Test
    void theTraceParsesWithTheFormatsTopLevelAndRunSummary() throws IOException {
        JsonNode root = trace(TraceFixtures.twoRanks(), ChromeTrace.Threads.EXECUTION);
        assertThat(root.get("traceEvents").isArray()).isTrue();
        assertThat(root.get("displayTimeUnit").asText()).isEqualTo("ns");
        JsonNode other = root.get("otherData");
        assertThat(other.get("ranks").asInt()).isEqualTo(2);
        assertThat(other.get("events").asLong()).isEqualTo(22);
        assertThat(other.get("memory_unit").asText()).isEqualTo("elements");
        assertThat(other.get("checked").asBoolean()).isTrue();
        assertThat(other.get("execution_time_s").asDouble()).isEqualTo(16.25e-3);
        assertThat(other.get("end_time_s").asDouble()).isCloseTo(16.75e-3, within(1e-15));
        assertThat(other.get("max_memory").asDouble()).isEqualTo(300);
        assertThat(other.get("max_memory_rank").asInt()).isEqualTo(1);
        assertThat(other.get("max_memory_time_s").asDouble()).isEqualTo(13.25e-3);
        assertThat(other.get("flows").asInt()).isEqualTo(4);
        assertThat(other.get("unmatched_point_to_point").asInt()).isZero();
    }

    @Test
    void everySliceCarriesItsEventInMicroseconds() throws IOException {
        SimulationResult r = TraceFixtures.fourRanks();
        JsonNode root = trace(r, ChromeTrace.Threads.EXECUTION);
        List<JsonNode> x = phase(root, "X");
        assertThat(x).hasSize(48); // ranks 0 and 2: 11 events; 1 and 3: 13 events
        assertThat(root.get("otherData").get("slices_shortened_below_1ns").asInt()).isZero();
        int i = 0;
        for (int rank = 0; rank < 4; rank++) {
            for (Event e : r.events().get(rank)) {
                JsonNode s = x.get(i++);
                assertThat(s.has("name") && s.has("ph") && s.has("ts") && s.has("dur") && s.has("pid")
                        && s.has("tid")).as("fields of %s", s).isTrue();
                assertThat(s.get("ts").asDouble()).isEqualTo(e.start() * 1e6);
                assertThat(s.get("dur").asDouble()).isEqualTo(e.duration() * 1e6);
                assertThat(s.get("pid").asInt()).isEqualTo(rank + 1);
                assertThat(s.get("tid").asInt()).isEqualTo(1);
                assertThat(s.get("name").asText()).isEqualTo(ChromeTrace.sliceName(e));
                JsonNode a = s.get("args");
                assertThat(a.get("layer").asInt()).isEqualTo(e.layer());
                assertThat(a.get("samples_count").asInt()).isEqualTo(e.samples().size());
                assertThat(a.get("memory").asDouble()).isEqualTo(e.memory());
                assertThat(a.has("micro_batch")).isEqualTo(e.microBatch() >= 0);
                assertThat(a.has("peer")).isEqualTo(e.peer() >= 0);
            }
        }
        // known values, spelled out: GPU 0's first forward (0.25 ms + 2 ms) and GPU 1's second send
        JsonNode fwd = x.get(1);
        assertThat(fwd.toString()).isEqualTo("{\"name\":\"forward L0 mb0\",\"cat\":\"compute\",\"ph\":\"X\","
                + "\"ts\":250,\"dur\":2000,\"pid\":1,\"tid\":1,\"args\":{\"layer\":0,\"micro_batch\":0,"
                + "\"samples_count\":4,\"memory\":1000000000}}");
        JsonNode send = x.get(11 + 10);
        assertThat(send.get("name").asText()).isEqualTo("send L0 mb1");
        assertThat(send.get("cat").asText()).isEqualTo("communication");
        assertThat(send.get("ts").asDouble()).isEqualTo(13250.0);
        assertThat(send.get("args").get("peer").asInt()).isZero();
        assertThat(x.get(0).get("name").asText()).isEqualTo("load_weights L0"); // not the lab's "load_weights)"
        assertThat(x.get(10).get("name").asText()).isEqualTo("update L0");
        assertThat(x.get(9).get("name").asText()).isEqualTo("all_reduce L0");
    }

    @Test
    void aMemoryCounterFollowsEveryEventInTheRunsUnit() throws IOException {
        SimulationResult r = TraceFixtures.twoRanks();
        JsonNode root = trace(r, ChromeTrace.Threads.EXECUTION);
        List<JsonNode> c = phase(root, "C");
        assertThat(c).hasSize(22);
        List<Event> all = r.events().stream().flatMap(List::stream).toList();
        for (int i = 0; i < all.size(); i++) {
            JsonNode counter = c.get(i);
            assertThat(counter.get("name").asText()).isEqualTo("memory");
            assertThat(counter.get("pid").asInt()).isEqualTo(all.get(i).rank() + 1);
            assertThat(counter.get("ts").asDouble()).isEqualTo(all.get(i).start() * 1e6);
            assertThat(counter.get("args").get("elements").asDouble()).isEqualTo(all.get(i).memory());
        }
        // the counter comes right after its slice in the file
        List<JsonNode> events = new ArrayList<>();
        root.get("traceEvents").forEach(events::add);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get("ph").asText().equals("X")) {
                assertThat(events.get(i + 1).get("ph").asText()).isEqualTo("C");
                assertThat(events.get(i + 1).get("ts")).isEqualTo(events.get(i).get("ts"));
            }
        }
        JsonNode bytes = trace(TraceFixtures.fourRanks(), ChromeTrace.Threads.EXECUTION);
        assertThat(phase(bytes, "C").get(0).get("args").has("bytes")).isTrue();
    }

    @Test
    void flowsLinkEachSendToItsReceiveInOrder() throws IOException {
        SimulationResult r = TraceFixtures.twoRanks();
        JsonNode root = trace(r, ChromeTrace.Threads.EXECUTION);
        List<JsonNode> s = phase(root, "s");
        List<JsonNode> f = phase(root, "f");
        assertThat(s).hasSize(4);
        assertThat(f).hasSize(4);
        Map<Long, JsonNode> starts = new HashMap<>();
        s.forEach(e -> starts.put(e.get("id").asLong(), e));
        assertThat(starts).hasSize(4);
        List<double[]> pairs = new ArrayList<>(); // {send pid, send ts, recv pid, recv ts}
        for (JsonNode fin : f) {
            JsonNode start = starts.get(fin.get("id").asLong());
            assertThat(start).as("start of flow %s", fin).isNotNull();
            assertThat(fin.get("bp").asText()).isEqualTo("e");
            assertThat(fin.get("name").asText()).isEqualTo(start.get("name").asText()).isEqualTo("p2p");
            assertThat(fin.get("cat").asText()).isEqualTo(start.get("cat").asText());
            assertThat(start.get("ts").asDouble()).isLessThanOrEqualTo(fin.get("ts").asDouble());
            pairs.add(new double[] {start.get("pid").asInt(), Math.round(start.get("ts").asDouble() * 1e6) / 1e6,
                fin.get("pid").asInt(), Math.round(fin.get("ts").asDouble() * 1e6) / 1e6});
        }
        // middles of the slices (µs): GPU 1 receives in the order GPU 0 sent, and vice versa
        assertThat(pairs).containsExactly(
                new double[] {2, 7750, 1, 7750}, // GPU 1 send mb0 7.25–8.25 → GPU 0 recv 7.25–8.25
                new double[] {2, 13750, 1, 13750}, // send mb1 13.25–14.25 → recv 13.25–14.25
                new double[] {1, 2750, 2, 2750}, // GPU 0 send mb0 2.25–3.25 → GPU 1 recv 2.25–3.25
                new double[] {1, 5750, 2, 8750}); // send mb1 5.25–6.25 → recv 8.25–9.25
    }

    @Test
    void aSubNanosecondCrossingFromSummedClocksIsShortenedSoPerfettoKeepsBothSlices() throws IOException {
        // 5.5 ms + 0.5 ms: the first slice ends at 6000.000000000001 µs, the second starts 0.1 ps earlier still
        double next = 6e-3 - 1e-13;
        SimulationResult r = new SimulationResult(1, List.of(List.of(
                new Event(Event.Kind.FORWARD, 0, 0, 5.5e-3, 0.5e-3, 1, List.of(0), 0, -1),
                new Event(Event.Kind.FORWARD, 0, 0, next, 1e-3, 2, List.of(1), 1, -1))), "elements", true);
        assertThat(5.5e-3 * 1e6 + 0.5e-3 * 1e6).isGreaterThan(next * 1e6);
        JsonNode root = trace(r, ChromeTrace.Threads.EXECUTION);
        List<JsonNode> x = phase(root, "X");
        assertThat(x.get(0).get("ts").asDouble()).isEqualTo(5.5e-3 * 1e6);
        assertThat(x.get(0).get("dur").asDouble()).isEqualTo(next * 1e6 - 5.5e-3 * 1e6)
                .isCloseTo(500, within(1e-6));
        assertThat(x.get(1).get("dur").asDouble()).isEqualTo(1e-3 * 1e6);
        assertThat(root.get("otherData").get("slices_shortened_below_1ns").asInt()).isEqualTo(1);
        assertThat(root.get("otherData").get("overlapping_slices").asInt()).isZero();
        assertThat(TraceFormatCheck.problems(root)).isEmpty();
        // a chain of summed clocks has such crossings; none is left
        SimulationResult c = TraceFixtures.chain(300, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.writeTo(c, out);
        JsonNode chain = JSON.readTree(out.toByteArray());
        assertThat(chain.get("otherData").get("slices_shortened_below_1ns").asInt()).isPositive();
        assertThat(TraceFormatCheck.problems(chain)).isEmpty();
        // times are plain decimals (no exponent) that read back as the very doubles start·1e6
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContainPattern("\\d[eE][-+]?\\d");
        List<JsonNode> slices = phase(chain, "X");
        List<Event> all = c.events().stream().flatMap(List::stream).toList();
        for (int i = 0; i < all.size(); i++) {
            assertThat(slices.get(i).get("ts").asDouble()).isEqualTo(all.get(i).start() * 1e6);
        }
    }

    @Test
    void aRealOverlapOnOneThreadIsLeftAndCountedWhileSeparateStreamsHoldIt() throws IOException {
        // a send overlapping a forward by 0.2 ms: wrong on one thread, fine on compute + communication
        SimulationResult r = new SimulationResult(2, List.of(
                List.of(new Event(Event.Kind.FORWARD, 0, 0, 0, 1e-3, 1, List.of(0), 0, -1),
                        new Event(Event.Kind.SEND, 1, 0, 0.8e-3, 0.5e-3, 1, List.of(0), 0, 1)),
                List.of(new Event(Event.Kind.RECV, 1, 1, 0.8e-3, 0.5e-3, 0, List.of(0), 0, 0))), "bytes", true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.Stats one = ChromeTrace.writeTo(r, out, ChromeTrace.Threads.EXECUTION);
        assertThat(one.overlappingSlices()).isEqualTo(1);
        JsonNode root = JSON.readTree(out.toByteArray());
        assertThat(phase(root, "X").get(0).get("dur").asDouble()).isEqualTo(1000);
        assertThat(TraceFormatCheck.problems(root)).singleElement().asString().contains("overlaps");
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        assertThat(ChromeTrace.writeTo(r, split, ChromeTrace.Threads.COMPUTE_AND_COMMUNICATION).overlappingSlices())
                .isZero();
        assertThat(TraceFormatCheck.problems(JSON.readTree(split.toByteArray()))).isEmpty();
    }

    @Test
    void aStepWithManyStreamsGetsAThreadPerStreamAndChosenRanksOnly() throws IOException {
        // Megatron TP 2 × CP 2 × PP 2 × DP 2 of Llama 3.1 8B with overlap: each rank has a compute stream, a TP, a
        // CP and a DP communicator, and a point-to-point stream; TP and DP run at the same time
        io.lsdt.physics.catalog.Catalog c = io.lsdt.physics.catalog.Catalog.builtIn();
        var a = c.model("llama3.1-8b").architecture();
        var hw = io.lsdt.physics.design.Hardware.of(c, "h100-sxm", io.lsdt.physics.design.Numerics.BF16);
        var cfg = new io.lsdt.physics.design.ParallelConfig(2, 2, 1, 2, 2, 1, 1, 8, 1,
                io.lsdt.physics.design.Recompute.NONE, true, io.lsdt.physics.design.Schedule.ONE_F_ONE_B,
                io.lsdt.physics.design.Numerics.BF16, true, false);
        var lc = io.lsdt.physics.Physics.stepModel().layerCosts(a, hw, cfg);
        var s = io.lsdt.sim.strategy.Megatron.of(cfg);
        var setup = s.setup(a.layers(), 8, 1);
        SimulationResult r = new io.lsdt.sim.engine.Engine(setup, new io.lsdt.sim.predict.PhysicalPredictor(lc),
                new io.lsdt.sim.predict.PhysicalSizes(lc), io.lsdt.sim.engine.Engine.Options.LAB.withOverlap(true))
                .run(s.programs(setup));
        assertThat(r.hasStreams()).isTrue();
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        assertThat(ChromeTrace.writeTo(r, one, ChromeTrace.Threads.COMPUTE_AND_COMMUNICATION).overlappingSlices())
                .isPositive(); // TP and DP communication share the one communication thread
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.Stats stats = ChromeTrace.writeTo(r, out, ChromeTrace.Threads.STREAMS, rank -> rank < 4);
        assertThat(stats.overlappingSlices()).isZero();
        assertThat(stats.processes()).isEqualTo(4);
        JsonNode root = JSON.readTree(out.toByteArray());
        assertThat(TraceFormatCheck.problems(root)).isEmpty();
        List<String> threads = new ArrayList<>();
        for (JsonNode m : phase(root, "M")) {
            if (m.get("name").asText().equals("thread_name") && m.get("pid").asInt() == 1) {
                threads.add(m.at("/args/name").asText());
            }
        }
        assertThat(threads).isEqualTo(r.streamNames(0));
        assertThat(threads.get(0)).isEqualTo("compute");
        assertThat(threads).anyMatch(t -> t.startsWith("collectives over ranks")).anyMatch(t -> t.startsWith("p2p"));
        assertThat(phase(root, "X")).allMatch(x -> x.get("pid").asInt() <= 4);
    }

    @Test
    void unmatchedSendsAndReceivesGetNoFlowAndAreCounted() throws IOException {
        SimulationResult two = TraceFixtures.twoRanks();
        List<List<Event>> events = new ArrayList<>(two.events());
        List<Event> zero = new ArrayList<>(events.get(0));
        zero.add(new Event(Event.Kind.SEND, 1, 0, 17e-3, 1e-3, 150, List.of(), -1, 1)); // never received
        zero.add(new Event(Event.Kind.RECV, 0, 0, 18e-3, 1e-3, 150, List.of(), -1, 5)); // no such rank
        events.set(0, zero);
        SimulationResult r = new SimulationResult(2, events, "elements", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.Stats stats = ChromeTrace.writeTo(r, out);
        assertThat(stats).isEqualTo(new ChromeTrace.Stats(2, 24, 24, 4, 2, 0));
        JsonNode root = JSON.readTree(out.toByteArray());
        assertThat(phase(root, "s")).hasSize(4);
        assertThat(root.get("otherData").get("unmatched_point_to_point").asInt()).isEqualTo(2);
        assertThat(TraceFormatCheck.problems(root)).isEmpty();
    }

    @Test
    void aReceiveBeyondTheSendsIsOneUnmatchedEvent() throws IOException {
        SimulationResult r = new SimulationResult(2, List.of(
                List.of(new Event(Event.Kind.SEND, 1, 0, 0, 1e-3, 0, List.of(0), 0, 1)),
                List.of(new Event(Event.Kind.RECV, 1, 1, 0, 1e-3, 0, List.of(0), 0, 0),
                        new Event(Event.Kind.RECV, 1, 1, 1e-3, 1e-3, 0, List.of(1), 1, 0))), "elements", true);
        ChromeTrace.Stats stats = ChromeTrace.writeTo(r, new ByteArrayOutputStream());
        assertThat(stats.flows()).isEqualTo(1);
        assertThat(stats.unmatchedPointToPoint()).isEqualTo(1);
    }

    @Test
    void aStreamGetsNothingWhenAValueIsInvalid() {
        Event e = new Event(Event.Kind.FORWARD, 0, 0, 0, 1e-3, Double.POSITIVE_INFINITY, List.of(0), 0, -1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> ChromeTrace.writeTo(
                new SimulationResult(1, List.of(List.of(e)), "bytes", true), out));
        assertThat(x.getMessage()).isEqualTo("event 0 (forward L0 mb0) of rank 0 memory = Infinity: expected a finite"
                + " number");
        assertThat(out.size()).isZero();
    }

    @Test
    void everyRankIsANamedSortedProcessWithOneExecutionThread() throws IOException {
        JsonNode root = trace(TraceFixtures.fourRanks(), ChromeTrace.Threads.EXECUTION);
        List<JsonNode> m = phase(root, "M");
        assertThat(m).hasSize(4 * 4);
        for (int rank = 0; rank < 4; rank++) {
            int pid = rank + 1;
            List<JsonNode> mine = m.stream().filter(e -> e.get("pid").asInt() == pid).toList();
            assertThat(mine).extracting(e -> e.get("name").asText())
                    .containsExactly("process_name", "process_sort_index", "thread_name", "thread_sort_index");
            assertThat(mine.get(0).get("args").get("name").asText()).isEqualTo("GPU " + rank);
            assertThat(mine.get(1).get("args").get("sort_index").asInt()).isEqualTo(rank);
            assertThat(mine.get(2).get("tid").asInt()).isEqualTo(1);
            assertThat(mine.get(2).get("args").get("name").asText()).isEqualTo("Execution");
        }
        // metadata first, as viewers expect names before events
        assertThat(root.get("traceEvents").get(15).get("ph").asText()).isEqualTo("M");
        assertThat(root.get("traceEvents").get(16).get("ph").asText()).isEqualTo("X");
    }

    @Test
    void separateStreamsPutCommunicationOnItsOwnThread() throws IOException {
        JsonNode root = trace(TraceFixtures.fourRanks(), ChromeTrace.Threads.COMPUTE_AND_COMMUNICATION);
        List<JsonNode> threads = phase(root, "M").stream()
                .filter(e -> e.get("name").asText().equals("thread_name") && e.get("pid").asInt() == 3).toList();
        assertThat(threads).extracting(e -> e.get("tid").asInt() + " " + e.get("args").get("name").asText())
                .containsExactly("1 compute", "2 communication");
        for (JsonNode x : phase(root, "X")) {
            int expected = x.get("cat").asText().equals("communication") ? 2 : 1;
            assertThat(x.get("tid").asInt()).as("%s", x).isEqualTo(expected);
        }
        assertThat(phase(root, "X").stream().filter(x -> x.get("tid").asInt() == 2)).hasSize(4 * 4 + 4);
        for (JsonNode flow : phase(root, "s")) {
            assertThat(flow.get("tid").asInt()).isEqualTo(2);
        }
        assertThat(TraceFormatCheck.problems(root)).isEmpty();
    }

    @Test
    void theTraceIsValidForPerfettoInTheSenseOfTheFormatSpec() throws IOException {
        for (SimulationResult r : List.of(TraceFixtures.twoRanks(), TraceFixtures.fourRanks(),
                TraceFixtures.chain(12, 5))) {
            for (ChromeTrace.Threads t : ChromeTrace.Threads.values()) {
                JsonNode root = trace(r, t);
                assertThat(TraceFormatCheck.problems(root)).as("%d ranks, %s", r.ranks(), t).isEmpty();
                for (JsonNode e : root.get("traceEvents")) {
                    assertThat(e.get("ph").asText()).isIn("M", "X", "C", "s", "f");
                }
            }
        }
        // and the checker does catch what Perfetto rejects
        JsonNode bad = JSON.readTree("{\"traceEvents\":[{\"name\":\"a\",\"ph\":\"X\",\"ts\":0,\"dur\":5,\"pid\":0,"
                + "\"tid\":1},{\"name\":\"b\",\"ph\":\"Q\",\"pid\":1,\"tid\":1,\"ts\":0},{\"name\":\"c\",\"ph\":\"X\","
                + "\"ts\":0,\"dur\":5,\"pid\":1,\"tid\":1},{\"name\":\"d\",\"ph\":\"X\",\"ts\":3,\"dur\":5,\"pid\":1,"
                + "\"tid\":1},{\"name\":\"p\",\"cat\":\"p\",\"ph\":\"f\",\"bp\":\"e\",\"id\":7,\"ts\":1,\"pid\":1,"
                + "\"tid\":1}],\"displayTimeUnit\":\"ns\"}");
        assertThat(TraceFormatCheck.problems(bad)).hasSize(6).anyMatch(s -> s.contains("pid is not an integer"))
                .anyMatch(s -> s.contains("ph not allowed")).anyMatch(s -> s.contains("overlaps"))
                .anyMatch(s -> s.contains("has no process_name")).anyMatch(s -> s.contains("has no thread_name"))
                .anyMatch(s -> s.contains("not exactly one start"));
    }

    @Test
    void theFileIsOneEventPerLineAndMatchesTheStream() throws IOException {
        SimulationResult r = TraceFixtures.twoRanks();
        Path file = dir.resolve("two.json");
        ChromeTrace.Stats stats = ChromeTrace.write(r, file);
        assertThat(stats).isEqualTo(new ChromeTrace.Stats(2, 22, 22, 4, 0, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.writeTo(r, out);
        assertThat(Files.readAllBytes(file)).isEqualTo(out.toByteArray());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("{\"traceEvents\":[");
        assertThat(lines.get(1)).isEqualTo("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,"
                + "\"args\":{\"name\":\"GPU 0\"}},");
        // 8 metadata + 22 slices + 22 counters + 8 flow events, each on its own line, between the brackets
        assertThat(lines.indexOf("],")).isEqualTo(1 + 8 + 22 + 22 + 8);
        assertThat(lines).contains("\"displayTimeUnit\":\"ns\",");
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE,"
                + " GROUP_READ, OTHERS_READ]");
    }

    @Test
    void writingToAStreamFlushesButDoesNotCloseIt() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ChromeTrace.writeTo(TraceFixtures.twoRanks(), out);
        assertThat(closed[0]).isFalse();
        assertThat(JSON.readTree(sink.toByteArray()).get("traceEvents").size()).isEqualTo(8 + 44 + 8);
    }

    @Test
    void aLargeRunStreamsInBoundedMemory() throws IOException {
        // 16,384 ranks in a chain, 4 micro-batches: 212,991 events; written to a counting sink, no tree built
        SimulationResult r = TraceFixtures.chain(16_384, 4);
        long[] bytes = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        ChromeTrace.Stats stats = ChromeTrace.writeTo(r, counting);
        assertThat(stats.processes()).isEqualTo(16_384);
        assertThat(stats.slices()).isEqualTo(r.eventCount()).isEqualTo(16_384 + 2L * 4 * 16_383 + 4 * 16_384);
        assertThat(stats.flows()).isEqualTo(4L * 16_383);
        assertThat(stats.unmatchedPointToPoint()).isZero();
        assertThat(bytes[0]).isGreaterThan(100 * r.eventCount()); // a slice and a counter per event
    }

    @Test
    void aNonFiniteTimeMidwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("trace.json");
        Files.writeString(file, "old");
        SimulationResult good = TraceFixtures.twoRanks();
        List<List<Event>> events = new ArrayList<>(good.events());
        List<Event> last = new ArrayList<>(events.get(1));
        Event e = last.get(5);
        last.set(5, new Event(e.kind(), e.layer(), e.rank(), Double.NaN, e.duration(), e.memory(), e.samples(),
                e.microBatch(), e.peer(), e.stream()));
        events.set(1, last);
        SimulationResult bad = new SimulationResult(2, events, "elements", true);
        LsdtException x = catchThrowableOfType(LsdtException.class, () -> ChromeTrace.write(bad, file));
        assertThat(x).isNotNull();
        assertThat(x.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(x.getMessage()).isEqualTo("event 5 (send L0 mb0) of rank 1 start = NaN: expected a finite time"
                + " in seconds");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(list(dir)).containsExactly("trace.json");
    }

    @Test
    void aRegularFileWhereTheFolderShouldBeFailsAndLeavesNothing() throws IOException {
        Path notADir = dir.resolve("runs");
        Files.writeString(notADir, "a file");
        LsdtException x = catchThrowableOfType(LsdtException.class,
                () -> ChromeTrace.write(TraceFixtures.twoRanks(), notADir.resolve("trace.json")));
        assertThat(x).isNotNull();
        assertThat(x.problem()).isEqualTo(Problem.INVALID_VALUE);
        assertThat(x.isUserError()).isTrue();
        assertThat(x.getMessage()).startsWith("Chrome trace file = " + notADir.resolve("trace.json")
                + ": expected a file LSDT can write (" + notADir + " is a regular file, not a directory); nothing was "
                + "written");
        assertThat(list(dir)).containsExactly("runs");
        assertThat(Files.readString(notADir)).isEqualTo("a file");
    }

    @Test
    void aMissingFolderIsNotCreated() {
        Path target = dir.resolve("missing/trace.json");
        LsdtException x = catchThrowableOfType(LsdtException.class,
                () -> ChromeTrace.write(TraceFixtures.twoRanks(), target));
        assertThat(x).isNotNull();
        assertThat(x.getMessage()).contains("(the directory " + dir.resolve("missing") + " does not exist)");
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void aFolderWhereTheFileShouldBeIsLeftAlone() throws IOException {
        Path target = dir.resolve("trace.json");
        Files.createDirectory(target);
        LsdtException x = catchThrowableOfType(LsdtException.class,
                () -> ChromeTrace.write(TraceFixtures.twoRanks(), target));
        assertThat(x).isNotNull();
        assertThat(x.getMessage()).contains("it is a folder");
        assertThat(target).isDirectory();
        assertThat(list(dir)).containsExactly("trace.json");
    }

    @Test
    void aFolderThatCannotBeWrittenFailsAndLeavesNothing() throws IOException {
        // /proc refuses new files even to root; as a non-root user a read-only folder of our own does too
        Path proc = Path.of("/proc/lsdt-trace-test.json");
        if (Files.isDirectory(proc.getParent())) {
            LsdtException x = catchThrowableOfType(LsdtException.class,
                    () -> ChromeTrace.write(TraceFixtures.twoRanks(), proc));
            assertThat(x).isNotNull();
            assertThat(x.getMessage()).contains("nothing was written");
            assertThat(proc).doesNotExist();
        }
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (!Files.isWritable(readOnly)) { // false for root, who may write anyway
                LsdtException x = catchThrowableOfType(LsdtException.class,
                        () -> ChromeTrace.write(TraceFixtures.twoRanks(), readOnly.resolve("trace.json")));
                assertThat(x).isNotNull();
                assertThat(x.getMessage()).contains("permission denied");
                assertThat(list(readOnly)).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "rwxr-xr-x"));
        }
    }

    @Test
    void anInconsistentResultIsAnInternalError() {
        SimulationResult r = TraceFixtures.twoRanks();
        SimulationResult swapped = new SimulationResult(2, List.of(r.events().get(1), r.events().get(0)),
                "elements", true);
        LsdtException x = catchThrowableOfType(LsdtException.class,
                () -> ChromeTrace.writeTo(swapped, new ByteArrayOutputStream()));
        assertThat(x).isNotNull();
        assertThat(x.problem()).isEqualTo(Problem.INTERNAL);
        assertThat(x.getMessage()).contains("event load_weights L1 of rank 1 is in the event list of rank 0");
    }

    static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
