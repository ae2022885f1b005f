package io.lsdt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lsdt.graph.error.LsdtException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server of {@code lsdt serve} (the JDK's {@link HttpServer}): static files of the bundled front end, the
 * pinned WebJars, and the JSON API of {@link WebApi}. It parses and renders only.
 *
 * <p>Safety: a path holding {@code ..}, a backslash or an encoded dot, slash or backslash is answered 404 before any
 * lookup; static files come from two class-path folders only; a request body over {@link #MAX_BODY} bytes is refused
 * with 413; malformed JSON or YAML with 400 naming the problem.
 */
final class WebServer implements AutoCloseable {
    /** Largest request body accepted (B): 1 MiB. */
    static final int MAX_BODY = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png", "json",
            "application/json; charset=utf-8", "svg", "image/svg+xml");

    private final HttpServer server;
    private final ExecutorService pool;
    private final WebApi api;

    private WebServer(HttpServer server, ExecutorService pool, WebApi api) {
        this.server = server;
        this.pool = pool;
        this.api = api;
    }

    /**
     * Starts the server of {@code lsdt serve}.
     *
     * @param host the address to bind (127.0.0.1 unless widened)
     * @param port the port (0: any free one)
     * @param api the JSON API
     * @return the started server
     * @throws IOException when the address cannot be bound
     */
    static WebServer start(String host, int port, WebApi api) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 128);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                r -> {
                    Thread t = new Thread(r, "lsdt-serve");
                    t.setDaemon(true);
                    return t;
                });
        WebServer w = new WebServer(s, pool, api);
        s.createContext("/", w::handle);
        s.setExecutor(pool);
        s.start();
        return w;
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port
     */
    int port() {
        return server.getAddress().getPort();
    }

    /**
     * The address the server listens on.
     *
     * @return the bound address
     */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /**
     * Whether a request path is refused before any lookup: a dot-dot, a backslash, a double slash, or an encoded dot,
     * slash, backslash or NUL.
     *
     * @param rawPath the request's path, not decoded
     * @return true when the raw path could reach outside the folders it names: 404 without any lookup
     */
    static boolean suspicious(String rawPath) {
        String p = rawPath.toLowerCase(Locale.ROOT);
        return p.contains("..") || p.contains("\\") || p.contains("%2e") || p.contains("%2f") || p.contains("%5c")
                || p.contains("%00") || p.contains("//");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String raw = ex.getRequestURI().getRawPath();
            if (raw == null || suspicious(raw)) {
                error(ex, 404, "not found: " + raw);
                return;
            }
            String path = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            String method = ex.getRequestMethod();
            try {
                if (path.startsWith("/api/")) {
                    api(ex, method, path.substring(5));
                } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    error(ex, 405, method + " " + path + ": static files are GET only");
                } else if (path.equals("/") || path.equals("/index.html")) {
                    resource(ex, "lsdt/web/index.html");
                } else if (path.startsWith("/webjars/")) {
                    resource(ex, "META-INF/resources" + path);
                } else {
                    resource(ex, "lsdt/web" + path);
                }
            } catch (BadRequest e) {
                error(ex, e.status, e.getMessage());
            } catch (LsdtException e) {
                if (e.isUserError()) {
                    error(ex, 400, e.getMessage());
                } else {
                    error(ex, 500, "internal error (a defect of LSDT): " + e.getMessage());
                }
            } catch (RuntimeException e) {
                error(ex, 500, "internal error (a defect of LSDT): " + e);
            }
        }
    }

    private void api(HttpExchange ex, String method, String route) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        Object out;
        if ("GET".equals(method)) {
            out = switch (route) {
                case "examples" -> api.examples();
                case "catalog" -> api.catalog();
                case "validation" -> api.validation();
                case "variables" -> api.variables(q.get("q"));
                case "cone" -> api.cone(q.get("variable"), q.get("direction"), null);
                default -> {
                    if (route.startsWith("trace/")) {
                        byte[] t = api.trace(route.substring(6));
                        if (t == null) {
                            throw new BadRequest(404, "no trace " + route.substring(6) + ": simulate first");
                        }
                        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"lsdt-trace.json\"");
                        send(ex, 200, "application/json", t);
                        yield null;
                    }
                    throw new BadRequest(404, "no API GET /api/" + route);
                }
            };
        } else if ("POST".equals(method)) {
            JsonNode body = body(ex);
            out = switch (route) {
                case "plan" -> api.plan(body);
                case "explain" -> api.explain(body);
                case "scenario" -> api.scenario(body);
                case "simulate" -> api.simulate(body);
                case "cancel" -> api.cancel(body);
                case "cone" -> api.cone(text(body, "variable"), text(body, "direction"), text(body, "yaml"));
                default -> throw new BadRequest(404, "no API POST /api/" + route);
            };
        } else {
            throw new BadRequest(405, method + " /api/" + route + ": GET or POST");
        }
        if (out != null) {
            send(ex, 200, TYPES.get("json"), Json.write(out).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /**
     * Reads a request's JSON body.
     *
     * @param ex the exchange
     * @return the request body as JSON: 413 above {@link #MAX_BODY}, 400 when it is not a JSON object
     * @throws IOException when the body cannot be read
     */
    static JsonNode body(HttpExchange ex) throws IOException {
        String len = ex.getRequestHeaders().getFirst("Content-Length");
        if (len != null) {
            try {
                if (Long.parseLong(len.strip()) > MAX_BODY) {
                    drain(ex);
                    throw new BadRequest(413, "request body of " + len.strip() + " bytes: at most " + MAX_BODY
                            + " bytes (1 MiB) are accepted");
                }
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "Content-Length = " + len + ": expected a number of bytes");
            }
        }
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            drain(ex);
            throw new BadRequest(413, "request body over " + MAX_BODY + " bytes (1 MiB): at most that is accepted");
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "the request body is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (n == null || !n.isObject()) {
            throw new BadRequest(400, "the request body = " + (n == null ? "nothing" : n.getNodeType().name()
                    .toLowerCase(Locale.ROOT)) + ": expected a JSON object, e.g. {\"yaml\": \"…\"}");
        }
        return n;
    }

    /** Reads and drops what is left of an oversized body (up to 16 MiB), so that the client reads the 413. */
    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            long left = 16L << 20;
            byte[] buf = new byte[65536];
            int n;
            while (left > 0 && (n = in.read(buf)) > 0) {
                left -= n;
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                m.put(k, v);
            }
        }
        return m;
    }

    private static void resource(HttpExchange ex, String name) throws IOException {
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null || name.endsWith("/")) {
                error(ex, 404, "not found: " + ex.getRequestURI().getRawPath());
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Cache-Control", name.startsWith("META-INF") ? "max-age=86400" : "no-cache");
            send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("error", message);
        send(ex, status, TYPES.get("json"), Json.write(m).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A request the API refuses with an HTTP status and a message naming the problem. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
