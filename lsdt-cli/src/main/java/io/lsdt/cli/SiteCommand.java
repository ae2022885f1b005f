package io.lsdt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsdt site}: the documentation site, generated from the library ({@link SiteWriter}). */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = "Write the documentation site: a page per scope (equations, units, references), per catalog "
                + "device, model, fabric and region (every number with its source badge), each device's physical "
                + "floor, and the validation report. Static HTML, no network needed to read it. scripts/site adds "
                + "the javadoc.")
final class SiteCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "directory to write (default target/site)")
    Path out = Path.of("target/site");

    @Option(names = "--validation", paramLabel = "FILE.md", description = "a validation report to include "
            + "(lsdt validate --runs data/validation/dev_runs.csv --report FILE.md)")
    Path validation;

    @Override
    public Integer call() throws Exception {
        String md = validation == null ? null : Files.readString(validation);
        List<String> pages = new SiteWriter(out).write(md);
        System.out.println("wrote " + pages.size() + " files to " + out + " (open " + out.resolve("index.html") + ")");
        return 0;
    }
}
