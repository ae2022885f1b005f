package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import io.lsdt.graph.error.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsdt serve}: the local web app over the library API (JDK HTTP server, front end bundled in the jar). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve LSDT as a local web app at http://127.0.0.1:PORT/ — it needs no network: the front-end",
            "libraries (Cytoscape, dagre, Chart.js) are pinned WebJars inside the jar, never fetched at run time.",
            "Every number comes from the same library calls the commands make; nothing is computed in the browser.",
            "",
            "Pages:",
            "  Plan          pick a brief from examples/ or paste YAML (errors inline, as lsdt plan prints them):",
            "                designs, step-time ledger, memory against capacity, deadline, macro; click any number",
            "                for its explanation (lsdt plan --explain NAME: equations, values, inputs, sources)",
            "  Cone          search a graph variable; its upstream or downstream cone as a layered graph (lsdt",
            "                graph cone), inputs coloured by how they are known: sourced, estimate, assumed, missing",
            "  Scenario lab  change GPU count, device, precision, framework, price, region, PUE, deadline: time to",
            "                train, cost, energy, CO2 and MFU are re-planned, with what moved and by how much",
            "  Timeline      simulate the plan's design (lsdt simulate --plan): ranks and streams, zoom and pan,",
            "                download the Perfetto trace",
            "  Validation    predicted against measured over data/validation (lsdt validate --json), by source",
            "  Catalog       devices, models, fabrics and regions, each number with its source",
            "",
            "It binds 127.0.0.1 only unless --host says otherwise; the JSON API (/api/...) refuses request bodies",
            "over 1 MiB (413), malformed JSON or YAML (400, naming the problem) and paths outside its files (404).",
            "Stop it with Ctrl-C.",
            ""},
        footer = {"", "Examples (the first serves http://127.0.0.1:7070/; the second opens it in the desktop's browser; the",
            "third lets other machines in, without authentication):",
            "  lsdt serve",
            "  lsdt serve --port 8080 --open",
            "  lsdt serve --host 0.0.0.0",
            "", "Exit codes: 0 stopped; 2 bad input (a port in use or out of range, an unknown host, --dir without",
            "examples/); 1 a defect."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "7070", paramLabel = "N", description = "TCP port, 0 for any free one "
            + "(default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "address to bind "
            + "(default: ${DEFAULT-VALUE}, this machine only); anything else lets other machines in, with a warning")
    String host;

    @Option(names = "--open", description = "open the app in the desktop's browser once it is up")
    boolean open;

    @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR", description = "the directory whose examples/ "
            + "and data/validation/ the app offers (default: the working directory, the repository's root)")
    Path dir;

    /** Counted down to stop a running server (tests); null while none runs. */
    static volatile CountDownLatch stop;

    /** The server of the running command, for tests. */
    static volatile WebServer running;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--port", port, "0 to 65535");
        }
        if (!Files.isDirectory(dir.resolve("examples"))) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--dir", dir, "a directory holding examples/ (the "
                    + "repository's root)").withHint("run lsdt serve from the repository's root, or give --dir");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--host", host, "an address or host name of this machine");
        }
        if (!address.isLoopbackAddress()) {
            spec.commandLine().getErr().println("lsdt: warning: --host " + host + " lets other machines reach this "
                    + "server; it has no authentication. Use the default 127.0.0.1 unless you mean it.");
        }
        WebServer server;
        try {
            server = WebServer.start(host, port, new WebApi(dir));
        } catch (IOException e) {
            throw LsdtException.of(Problem.INVALID_VALUE, "--port", port, "a free port on " + host + " ("
                    + e.getMessage() + ")").withHint("try another --port, or --port 0 for any free one");
        }
        String url = "http://" + (address.isAnyLocalAddress() ? "127.0.0.1" : host.contains(":") ? "[" + host + "]"
                : host) + ":" + server.port() + "/";
        spec.commandLine().getOut().println("LSDT is served at " + url + " (Ctrl-C stops it)");
        spec.commandLine().getOut().flush();
        if (open) {
            open(url);
        }
        CountDownLatch latch = new CountDownLatch(1);
        stop = latch;
        running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        try {
            latch.await();
        } finally {
            server.close();
            running = null;
        }
        return 0;
    }

    private void open(String url) {
        try {
            if (java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(java.net.URI.create(url));
                return;
            }
            new ProcessBuilder("xdg-open", url).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("lsdt: warning: --open: no browser could be started (" + e
                    .getMessage() + "); open " + url + " yourself");
        }
    }
}
