// A bounded local load test of `lsdt serve` (run by `scripts/bench serve`): 2,000 requests, 50 at a time, over the
// pages and the JSON API (static files, examples, variable search, cone, explain, a cached scenario). Prints the
// rate, the errors and the latency percentiles; exits 1 below 200 requests/s or on any error.
//   java scripts/ServeLoad.java http://127.0.0.1:PORT/ [requests] [concurrency]
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

public class ServeLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String yaml = Files.readString(Path.of("examples/llama3.1-405b.yaml"));
        String brief = "{\"yaml\":" + quote(yaml);
        List<HttpRequest> mix = List.of(
                get(base), get(base + "app.js"), get(base + "app.css"),
                get(base + "webjars/chart.js/4.5.1/dist/chart.umd.min.js"),
                get(base + "api/examples"), get(base + "api/variables?q=design.t_"),
                get(base + "api/cone?variable=design.t_step&direction=up"),
                post(base + "api/explain", brief + ",\"variable\":\"design.t_step\"}"),
                post(base + "api/scenario", brief + ",\"set\":{\"pue\":1.2}}"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(8)).build();
        // warm-up: one of each (the plan behind explain and scenario is computed once, then cached)
        for (HttpRequest r : mix) {
            HttpResponse<byte[]> res = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (res.statusCode() != 200) {
                System.err.println("warm-up " + r.uri() + " answered " + res.statusCode() + ": "
                        + new String(res.body()));
                System.exit(1);
            }
        }
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger errors = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.CompletableFuture<?>> all = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            slots.acquire();
            HttpRequest r = mix.get(i % mix.size());
            long s = System.nanoTime();
            all.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((res, ex) -> {
                latencies.add(System.nanoTime() - s);
                if (ex != null || res.statusCode() != 200) {
                    if (errors.incrementAndGet() <= 5) {
                        System.err.println("error: " + r.uri() + " " + (ex != null ? ex : res.statusCode()));
                    }
                }
                slots.release();
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new))
                .exceptionally(e -> null).join();
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double rate = total / wall;
        System.out.printf("lsdt serve load test: %,d requests, %d concurrent, %d kinds: %.2f s, %.0f requests/s, "
                + "%d errors; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", total, concurrency, mix.size(), wall,
                rate, errors.get(), sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
        System.exit(errors.get() == 0 && rate >= 200 ? 0 : 1);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build();
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
