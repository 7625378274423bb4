package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.gate.Capability;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.gate.ReferenceMetrics;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.GateSpecJson;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.run.GateRunner;
import picocli.CommandLine.Option;

/**
 * The options every gate command shares: its gates, the reference run and the report directory; and the
 * one way a gate command runs its work, evaluates its gates and writes {@code result.json} and
 * {@code report.html}.
 */
final class GateOptions {
    @Option(names = "--report-dir", required = true, paramLabel = "DIR",
            description = "Where result.json, report.html and the command's other outputs are written.")
    Path reportDir;

    @Option(names = "--gate", paramLabel = GateOption.SYNTAX, converter = GateOption.class,
            description = "A quality gate; repeatable. Without gates the command's default gates apply.")
    List<QualityGate> gates = new ArrayList<>();

    @Option(names = "--gates-file", paramLabel = "FILE",
            description = "gates.json with gates and reference metrics (written by the Jenkins plugin).")
    Path gatesFile;

    @Option(names = "--reference-result", paramLabel = "FILE",
            description = "result.json of the reference run, for DELTA gates.")
    Path referenceResult;

    /**
     * The run's inputs and outputs so far: {@code result.json} and {@code report.html} in the report directory, the
     * gates file and reference result as inputs. Commands add theirs before {@link #run}.
     */
    SafeOutput.Plan plan() {
        return new SafeOutput.Plan().input("--gates-file", gatesFile).input("--reference-result", referenceResult)
                .output("--report-dir", reportDir.resolve(ReportWriter.RESULT_FILE), ResultJson.KIND)
                .output("--report-dir", reportDir.resolve(ReportWriter.REPORT_FILE), HtmlReport.KIND);
    }

    /**
     * Checks the report directory and the plan before any work ({@link #checkReportDir()}, {@link
     * SafeOutput.Plan#check()}).
     */
    void checkBeforeWork(SafeOutput.Plan plan) throws InputException, IOException {
        checkReportDir();
        plan.check();
    }

    /**
     * Runs the capability's work under its gates, writes the result and report, and logs each gate.
     *
     * @param subject what is evaluated, as the user named it
     * @param plan    the run's inputs and outputs, checked before the work starts
     * @return the exit code of the gates' outcome
     */
    <E extends Exception> ExitCode run(Capability capability, String subject, Progress progress,
            SafeOutput.Plan plan, GateRunner.Work<E> work) throws E, InputException, IOException {
        checkBeforeWork(plan);
        GateRunResult result = new GateRunner(capability, Version.current()).run(subject, spec(), work);
        return new ReportWriter(reportDir, progress).write(capability.displayName(), result,
                capability.detailSection());
    }

    /**
     * Refuses a report directory that cannot be written before any work is done: a path that is a file, or one
     * whose nearest existing ancestor is not a writable directory, would otherwise fail only after a long run, at
     * the first write. Creates nothing, so a run refused for another reason leaves no trace.
     */
    void checkReportDir() throws InputException {
        Path directory = reportDir.toAbsolutePath();
        if (Files.isSymbolicLink(directory) && !Files.exists(directory)) {
            throw new InputException("--report-dir " + reportDir + " is a symbolic link to nothing");
        }
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new InputException("--report-dir " + reportDir + " exists and is not a directory");
            }
            if (!Files.isWritable(directory)) {
                throw new InputException("--report-dir " + reportDir + " is not writable");
            }
            return;
        }
        Path ancestor = directory.getParent();
        while (ancestor != null && !Files.exists(ancestor) && !Files.isSymbolicLink(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor != null && Files.isSymbolicLink(ancestor)) {
            throw new InputException("--report-dir " + reportDir + " cannot be created: " + ancestor
                    + " is a symbolic link to nothing");
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw new InputException("--report-dir " + reportDir + " cannot be created: " + ancestor
                    + " is not a writable directory");
        }
    }

    /** The gates and reference of this run, from the options and files. */
    GateSpec spec() throws InputException {
        List<QualityGate> all = new ArrayList<>();
        ReferenceMetrics reference = null;
        try {
            if (gatesFile != null) {
                GateSpec fromFile = GateSpecJson.read(gatesFile);
                all.addAll(fromFile.gates());
                reference = fromFile.reference();
            }
            if (referenceResult != null) {
                GateRunResult previous = ResultJson.read(referenceResult);
                reference = new ReferenceMetrics(referenceResult.toString(), previous.metrics());
            }
        } catch (ResultFormatException e) {
            throw new InputException(e.getMessage(), e);
        }
        all.addAll(gates);
        return new GateSpec(ResultJson.SCHEMA_VERSION, all, reference);
    }
}
