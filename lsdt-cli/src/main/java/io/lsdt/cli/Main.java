package io.lsdt.cli;

import io.lsdt.graph.error.LsdtException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code lsdt} command. */
public final class Main {
    /** Columns of the help texts. */
    static final int HELP_WIDTH = 120;

    private Main() {}

    /**
     * Runs the {@code lsdt} command and exits the JVM with its exit code (see {@link #run}).
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The exit code of cancelled work: 128 + SIGINT, as a shell reports a command stopped by Ctrl-C. */
    public static final int CANCELLED = 130;

    /**
     * Runs a command line and returns its exit code: 0 success, 1 internal error, 2 user error (bad input), 3 a
     * requirement stated in the input failed, {@link #CANCELLED} when the work was cancelled (its thread interrupted,
     * as {@code lsdt serve} does when a page cancels a simulation).
     *
     * @param args arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new LsdtCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // the help texts are laid out for 120 columns; picocli's default of 80 would wrap every line in two
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof java.util.concurrent.CancellationException) {
                commandLine.getErr().println("lsdt: cancelled: " + ex.getMessage());
                return CANCELLED;
            }
            LsdtException le = ex instanceof LsdtException l ? l : null;
            if (le != null && le.isUserError()) {
                commandLine.getErr().println("lsdt: error: " + le.getMessage());
                return 2;
            }
            commandLine.getErr().println("lsdt: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            commandLine.getErr().println("This is a defect of LSDT, not of your input; please report it with the "
                    + "command line above.");
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("lsdt: error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
