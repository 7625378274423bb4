package org.secmlops.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code secmlops} command line. Also the worker the Jenkins plugin starts on the agent: progress
 * goes to standard output one line at a time, the result to {@code --report-dir}, the outcome to the
 * exit code (see {@link ExitCode}).
 */
@Command(name = "secmlops", mixinStandardHelpOptions = true, versionProvider = SecMLOpsCli.VersionProvider.class,
        subcommands = {ScanCommand.class, EvaluateCommand.class, SignCommand.class, VerifyCommand.class,
                DataCheckCommand.class, RobustnessCommand.class},
        description = "Security gates for machine-learning pipelines.",
        footer = {"", "Exit codes: 0 passed, 1 unstable, 2 failed, 3 usage error, 4 input error, 5 internal error,"
                        + " 6 cancelled."})
public final class SecMLOpsCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        StopRequest stop = StopRequest.install(Thread.currentThread());
        int code = execute(args);
        if (stop.finish()) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code, without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new SecMLOpsCli());
        commandLine.setParameterExceptionHandler(SecMLOpsCli::handleUsage);
        commandLine.setExecutionExceptionHandler(SecMLOpsCli::handle);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("ERROR: " + e.getMessage());
        e.getCommandLine().usage(err);
        return ExitCode.USAGE_ERROR.code();
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (cancelled(e)) {
            err.println("ERROR: cancelled: the run was stopped before it finished");
            return ExitCode.CANCELLED.code();
        }
        if (e instanceof InputException) {
            err.println("ERROR: " + e.getMessage());
            return ExitCode.INPUT_ERROR.code();
        }
        if (e instanceof IllegalArgumentException) {
            err.println("ERROR: " + e.getMessage());
            return ExitCode.USAGE_ERROR.code();
        }
        err.println("ERROR: internal error: " + e);
        e.printStackTrace(err);
        return ExitCode.INTERNAL_ERROR.code();
    }

    /** Whether the command stopped because its thread was interrupted (also inside interruptible file reads). */
    private static boolean cancelled(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /** Reads the version from the jar manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"secmlops " + Version.current()};
        }
    }
}
