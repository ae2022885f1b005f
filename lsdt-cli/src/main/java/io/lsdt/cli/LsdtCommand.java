package io.lsdt.cli;

import picocli.CommandLine.Command;

/** The top-level {@code lsdt} command. */
@Command(name = "lsdt", mixinStandardHelpOptions = true, version = "LSDT 0.1.0",
        description = {
            "LSDT plans large-scale distributed training of language models.",
            "From a brief (model, tokens, deadline, hardware) it derives what must be true: FLOPs, bytes, bandwidths,",
            "device lower bounds; which parallel design meets the deadline; what the run costs in dollars, energy,",
            "CO2 and water, and what failures and stragglers do to it. Every number is an equation in a",
            "units-checked graph with a cited source; use --explain on any quantity to see the equations and inputs.",
            ""},
        subcommands = {FundamentalsCommand.class, PlanCommand.class, ReportCommand.class, SearchCommand.class, ValidateCommand.class, GraphCommand.class,
            CatalogCommand.class, SimulateCommand.class, PuzzlesCommand.class, EvaluateCommand.class, SensitivityCommand.class,
            SweepCommand.class, ServeCommand.class, SiteCommand.class},
        footer = {"",
            "Examples:",
            "  lsdt plan examples/llama3.1-405b.yaml",
            "  lsdt plan examples/llama3.1-405b.yaml --explain cost",
            "  lsdt report examples/llama3.1-405b.yaml -o report.html",
            "  lsdt sensitivity examples/llama3.1-405b.yaml --method sobol",
            "  lsdt sweep examples/sweep-70b-devices.yaml -o sweep-70b",
            "  lsdt serve --open                       (the local web app: plan, cone, scenarios, timeline, …)",
            "  lsdt evaluate examples/scenarios/smart-doorbell.yaml",
            "  lsdt fundamentals examples/llama3.1-405b.yaml",
            "  lsdt fundamentals examples/13b-seed.yaml --json",
            "  lsdt fundamentals examples/gpt3-175b.yaml --explain N_guess_devices",
            "  lsdt graph verify",
            "  lsdt catalog show h100-sxm",
            "",
            "  lsdt graph scenario-report dense_training_cost_fixture",
            "",
            "Exit codes (every command):",
            "  0  success: what was asked is answered, and a plan or scorecard meets its deadline and every stated",
            "     requirement",
            "  2  bad input: the message names the field or option, its value and what was expected (no stack trace)",
            "  3  a goal not met: no design fits, the deadline or a stated requirement is missed",
            "  1  a defect of LSDT, never your input: please report it with the command line"})
final class LsdtCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
