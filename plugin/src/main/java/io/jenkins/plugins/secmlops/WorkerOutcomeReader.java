package io.jenkins.plugins.secmlops;

import hudson.AbortException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.ResultJson;

/** Turns a worker's outcome into its result, or into a build failure that says what went wrong. */
final class WorkerOutcomeReader {
    private static final int USAGE_ERROR = 3;
    private static final int INPUT_ERROR = 4;
    private static final int INTERNAL_ERROR = 5;
    private static final int CANCELLED = 6;
    private static final int COMMAND_NOT_EXECUTABLE = 126;
    private static final int COMMAND_NOT_FOUND = 127;
    private static final String OLD_JAVA = "UnsupportedClassVersionError";

    private WorkerOutcomeReader() {
    }

    static GateRunResult read(WorkerOutcome outcome, String stepName, String expectedCapability)
            throws AbortException {
        String why = outcome.errorTail() == null || outcome.errorTail().isBlank() ? ""
                : ": " + outcome.errorTail().strip();
        if (outcome.timedOut()) {
            throw new AbortException(stepName + ": the SecMLOps worker ran past its timeout and was stopped;"
                    + " raise the timeout on the global configuration page or the step's timeoutMinutes");
        }
        if (outcome.errorTail() != null && outcome.errorTail().contains(OLD_JAVA)) {
            throw new AbortException(stepName + ": the Java in the step's environment is too old for the SecMLOps"
                    + " worker, which needs Java 17 or newer: set JAVA_HOME or PATH to a newer Java");
        }
        switch (outcome.exitCode()) {
            case 0, 1, 2 -> {
                // a gate outcome; the result file decides
            }
            case USAGE_ERROR -> throw new AbortException(stepName + ": invalid parameters" + why);
            case INPUT_ERROR -> throw new AbortException(stepName + ": cannot evaluate the input" + why);
            case INTERNAL_ERROR -> throw new AbortException(stepName + ": internal error in the worker" + why);
            case CANCELLED -> throw new AbortException(stepName + ": the SecMLOps worker was stopped before it"
                    + " finished" + why);
            case COMMAND_NOT_EXECUTABLE, COMMAND_NOT_FOUND -> throw new AbortException(stepName
                    + ": the SecMLOps worker could not be started (exit code " + outcome.exitCode() + ")" + why
                    + ". It needs Java 17 or newer in the step's environment: set JAVA_HOME or put java on the"
                    + " PATH (in a container, in its image)");
            default -> throw new AbortException(stepName + ": the SecMLOps worker crashed or was killed (exit code "
                    + outcome.exitCode() + ")" + why);
        }
        if (outcome.resultJson() == null) {
            throw new AbortException(stepName + ": the worker exited with code " + outcome.exitCode()
                    + " but wrote no result.json");
        }
        GateRunResult result;
        try {
            result = ResultJson.read(new ByteArrayInputStream(outcome.resultJson().getBytes(StandardCharsets.UTF_8)),
                    "of the worker");
        } catch (ResultFormatException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
        if (!result.capability().equals(expectedCapability)) {
            throw new AbortException(stepName + ": the worker returned a result of '" + result.capability()
                    + "' instead of '" + expectedCapability + "'");
        }
        return result;
    }
}
