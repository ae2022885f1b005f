package io.lsdt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code lsdt serve}'s safety and its JSON API: loopback, traversal, body cap, bad JSON and YAML, real values. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebServer server;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = WebServer.start("127.0.0.1", 0, new WebApi(Path.of("..")));
        base = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return the status line of a request sent byte for byte as written (no client normalises its path) */
    private static String raw(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return head.substring(0, head.indexOf('\r'));
        }
    }

    private static String brief() throws Exception {
        return JSON.writeValueAsString(Files.readString(Path.of(CliRun.repo("examples/llama3.1-405b.yaml"))));
    }

    @Test
    void aRunningSimulationIsCancelledAndAnswers409() throws Exception {
        // GPT-3 175B on 1,024 A100 (about six seconds to simulate): cancel it as the page's Cancel button does
        String gpt3 = JSON.writeValueAsString(Files.readString(Path.of(CliRun.repo("examples/gpt3-175b.yaml"))));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> sim = CLIENT.sendAsync(HttpRequest.newBuilder(
                URI.create(base + "api/simulate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"yaml\": " + gpt3 + ", \"job\": \"test-job\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        boolean cancelled = false;
        for (int i = 0; i < 200 && !cancelled && !sim.isDone(); i++) {
            JsonNode c = JSON.readTree(post("api/cancel", "{\"job\": \"test-job\"}").body());
            cancelled = c.get("cancelled").asBoolean();
            if (!cancelled) {
                Thread.sleep(20);
            }
        }
        assertThat(cancelled).as("the job was found running and cancelled").isTrue();
        HttpResponse<String> r = sim.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(r.body()).get("error").asText()).startsWith("cancelled");
        // a job that is not running: nothing to cancel; no job: 400 naming the field
        assertThat(JSON.readTree(post("api/cancel", "{\"job\": \"test-job\"}").body()).get("cancelled").asBoolean())
                .isFalse();
        HttpResponse<String> none = post("api/cancel", "{}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("job: missing");
    }

    @Test
    void bindsLoopbackOnlyByDefault() throws Exception {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("serve", "--port", "0", "--dir",
                ".."));
        WebServer s = null;
        for (int i = 0; i < 200 && (s = ServeCommand.running) == null; i++) {
            Thread.sleep(50);
        }
        assertNotNull(s, "lsdt serve did not start");
        assertTrue(s.address().getAddress().isLoopbackAddress(), s.address().toString());
        assertEquals("127.0.0.1", s.address().getAddress().getHostAddress());
        ServeCommand.stop.countDown();
        CliRun r = run.get();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("LSDT is served at http://127.0.0.1:"), r.out());
        assertEquals("", r.err()); // no warning on loopback
    }

    @Test
    void helpTeachesAndBadOptionsExit2() {
        CliRun help = CliRun.of("serve", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("127.0.0.1") && help.out().contains("Scenario lab")
                && help.out().contains("--open"), help.out());
        CliRun port = CliRun.of("serve", "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("--port = 70000: expected 0 to 65535"), port.err());
        CliRun dir = CliRun.of("serve", "--dir", "target");
        assertEquals(2, dir.code());
        assertTrue(dir.err().contains("--dir = target"), dir.err());
        assertTrue(CliRun.of("--help").out().contains("serve"));
    }

    @Test
    void pathTraversalIsNotFound() throws Exception {
        assertEquals("HTTP/1.1 200 OK", raw("/app.js"));
        for (String p : new String[] {"/../pom.xml", "/webjars/../../lsdt/web/index.html", "/%2e%2e/pom.xml",
            "/%2E%2E/%2E%2E/etc/passwd", "/webjars/..%2f..%2fio/lsdt/cli/Main.class", "/..%5c..%5cpom.xml",
            "/lsdt/../io/lsdt/cli/Main.class", "/io/lsdt/cli/Main.class", "/%2fetc%2fpasswd", "//etc/passwd",
            "/api/../index.html", "/webjars/"}) {
            assertEquals("HTTP/1.1 404 Not Found", raw(p), p);
        }
    }

    @Test
    void bodiesOver1MiBAre413() throws Exception {
        HttpResponse<String> r = post("api/plan", "{\"yaml\": \"" + "a".repeat(WebServer.MAX_BODY) + "\"}");
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("1 MiB"), r.body());
    }

    @Test
    void malformedJsonAndYamlAre400NamingTheProblem() throws Exception {
        HttpResponse<String> json = post("api/plan", "{\"yaml\": ");
        assertEquals(400, json.statusCode());
        assertTrue(json.body().contains("not valid JSON") && json.body().contains("line 1"), json.body());
        HttpResponse<String> notObject = post("api/plan", "[1, 2]");
        assertEquals(400, notObject.statusCode());
        assertTrue(notObject.body().contains("expected a JSON object"), notObject.body());
        HttpResponse<String> yaml = post("api/plan", "{\"yaml\": \"model: [llama\\n\"}");
        assertEquals(400, yaml.statusCode());
        assertTrue(yaml.body().contains("not valid YAML"), yaml.body());
        HttpResponse<String> field = post("api/plan", "{\"yaml\": \"model: llama3.1-405b\\ntokens: 1e12 token\\n"
                + "deadline: -3 d\\ndevice: h100-sxm\\n\"}");
        assertEquals(400, field.statusCode());
        assertTrue(field.body().contains("deadline = -3 d"), field.body());
        HttpResponse<String> missing = post("api/explain", "{}");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("yaml is missing"), missing.body());
        HttpResponse<String> key = post("api/scenario", "{\"yaml\": " + brief() + ", \"set\": {\"gpus\": 8}}");
        assertEquals(400, key.statusCode());
        assertTrue(key.body().contains("set.gpus = 8: expected one of [devices"), key.body());
        assertEquals(404, get("api/nothing").statusCode());
        String seed = JSON.writeValueAsString(Files.readString(Path.of(CliRun.repo("examples/13b-seed.yaml"))));
        HttpResponse<String> sim = post("api/simulate", "{\"yaml\": " + seed + "}");
        assertEquals(400, sim.statusCode()); // lsdt simulate's own message, the temporary file named as the brief
        assertTrue(sim.body().contains("brief form = seed: expected a catalog-form brief"), sim.body());
        assertTrue(!sim.body().contains("lsdt-serve"), sim.body());
    }

    @Test
    void planAndExplainGiveTheCliNumbers() throws Exception {
        JsonNode cli = JSON.readTree(CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml"), "--json").out());
        JsonNode web = JSON.readTree(post("api/plan", "{\"yaml\": " + brief() + "}").body());
        assertEquals(cli, web.path("plan")); // the same JSON, number for number
        JsonNode why = JSON.readTree(post("api/explain", "{\"yaml\": " + brief() + ", \"variable\": \"cost\"}")
                .body());
        String text = CliRun.of("plan", CliRun.repo("examples/llama3.1-405b.yaml"), "--explain", "cost").out();
        assertEquals(text.strip(), why.path("text").asText().strip());
        assertEquals("econ.run.total_cost", why.path("variable").asText());
    }

    @Test
    void scenarioMovesTheNumbersAndConeNamesItsInputs() throws Exception {
        JsonNode base = JSON.readTree(post("api/scenario", "{\"yaml\": " + brief() + "}").body());
        JsonNode pue = JSON.readTree(post("api/scenario", "{\"yaml\": " + brief() + ", \"set\": {\"pue\": 1.5}}")
                .body());
        double e0 = base.at("/numbers/energy/value").asDouble();
        double e1 = pue.at("/numbers/energy/value").asDouble();
        assertEquals(base.at("/numbers/time_to_train/value").asDouble(), pue.at("/numbers/time_to_train/value")
                .asDouble());
        assertEquals(1.5 / 1.1, e1 / e0, 1e-9); // facility energy scales with PUE (default 1.10); the run does not
        JsonNode cone = JSON.readTree(get("api/cone?variable=design.t_step&direction=up").body());
        int variables = JSON.readTree(CliRun.of("graph", "cone", "design.t_step", "--json").out()).path("nodes")
                .size();
        long web = 0;
        for (JsonNode n : cone.path("nodes")) {
            web += n.path("type").asText().equals("variable") ? 1 : 0;
        }
        assertEquals(variables, web);
    }
}
