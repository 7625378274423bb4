package org.secmlops.cli;

import java.io.PrintWriter;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.io.PathRefusedException;
import org.secmlops.core.run.Cancellation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code secmlops} command line. Also the worker the Jenkins plugin starts on the agent: progress
 * goes to standard output one line at a time, the result to {@code --report-dir}, the outcome to the
 * exit code (see {@link ExitCode}).
 */
@Command(name = "secmlops", mixinStandardHelpOptions = true, versionProvider = SecMLOpsCli.VersionProvider.class,
        subcommands = {ScanCommand.class, EvaluateCommand.class, MonitorCommand.class, SignCommand.class, VerifyCommand.class,
                DataCheckCommand.class, RobustnessCommand.class, MergeCommand.class,
                DetectionCommand.class},
        description = "Security gates for machine-learning pipelines.",
        footer = {"", "Exit codes: 0 passed, 1 unstable, 2 failed, 3 usage error, 4 input error, 5 internal error,"
                        + " 6 cancelled."})
public final class SecMLOpsCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        RunTemporaryFolder temporary = RunTemporaryFolder.install();
        StopRequest stop = StopRequest.install(Thread.currentThread(), temporary);
        int code = execute(args);
        if (stop.finish()) {
            temporary.delete();
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code, without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new SecMLOpsCli());
        // Jenkins step parameters reach the worker as arguments: '@file' must never be read as an argument file.
        commandLine.setExpandAtFiles(false);
        commandLine.setParameterExceptionHandler(SecMLOpsCli::handleUsage);
        commandLine.setExecutionExceptionHandler(SecMLOpsCli::handle);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(commandLine.getErr());
        } catch (Error e) {
            if (cancelled(e)) {
                commandLine.getErr().println("ERROR: cancelled: the run was stopped before it finished");
                return ExitCode.CANCELLED.code();
            }
            if (find(e, OutOfMemoryError.class) != null) {
                return outOfMemory(commandLine.getErr());
            }
            commandLine.getErr().println("ERROR: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCode.INTERNAL_ERROR.code();
        }
    }

    /** Out of memory is an input too large for the heap: exit 4 with a message that says what to change. */
    private static int outOfMemory(PrintWriter err) {
        err.println("ERROR: out of memory: the input needs more than the worker's heap of "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; give the worker more (-Xmx, the plugin's"
                + " workerHeapMb) or use smaller data");
        err.flush();
        return ExitCode.INPUT_ERROR.code();
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
        if (find(e, OutOfMemoryError.class) != null) {
            return outOfMemory(err);
        }
        PathRefusedException refused = find(e, PathRefusedException.class);
        if (e instanceof InputException || refused != null && !(e instanceof IllegalArgumentException)) {
            err.println("ERROR: " + InputFiles.message(e instanceof InputException ? e : refused));
            return ExitCode.INPUT_ERROR.code();
        }
        if (e instanceof IllegalArgumentException) {
            err.println("ERROR: " + InputFiles.message(e));
            return ExitCode.USAGE_ERROR.code();
        }
        err.println("ERROR: internal error: " + e);
        e.printStackTrace(err);
        return ExitCode.INTERNAL_ERROR.code();
    }

    /**
     * Whether the command stopped because its thread was interrupted (also inside interruptible file reads) or a
     * loop saw the stop request.
     */
    static boolean cancelled(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.nio.channels.ClosedByInterruptException
                    || cause instanceof Cancellation.CancelledException) {
                return true;
            }
        }
        return Cancellation.stopRequested();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** Reads the version from the jar manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"secmlops " + Version.current()};
        }
    }
}
