package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.secmlops.core.export.JUnitReport;
import org.secmlops.core.export.SarifReport;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.SinceReference;
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
 * The options every gate command shares: its gates, the reference run, the report directory and the export
 * directory; and the one way a gate command runs its work, evaluates its gates and writes {@code result.json},
 * {@code report.html}, {@code junit.xml} and, for a scan, {@code results.sarif}.
 */
final class GateOptions {
    @Option(names = "--report-dir", required = true, paramLabel = "DIR",
            description = "Where result.json, report.html, junit.xml (and results.sarif for scan) and the command's"
                    + " other outputs are written.")
    Path reportDir;

    @Option(names = "--export-dir", paramLabel = "DIR",
            description = "Also write junit.xml (and results.sarif for scan) here, e.g. into the workspace for"
                    + " Jenkins' junit and recordIssues steps; only earlier exports are replaced.")
    Path exportDir;

    /** The folder the scan's paths are relative to, when this run exports SARIF; see {@link #exportSarif}. */
    private Path sarifRoot;

    @Option(names = "--gate", paramLabel = GateOption.SYNTAX, converter = GateOption.class,
            description = "A quality gate; repeatable. Without gates the command's default gates apply.")
    List<QualityGate> gates = new ArrayList<>();

    @Option(names = "--gates-file", paramLabel = "FILE",
            description = "gates.json with gates and reference metrics (written by the Jenkins plugin).")
    Path gatesFile;

    @Option(names = "--reference-result", paramLabel = "FILE",
            description = "result.json of the reference run: for DELTA gates (unless the gates file names a reference)"
                    + " and to tell new, fixed and outstanding problems.")
    Path referenceResult;

    /**
     * Makes this run export its findings as SARIF ({@code results.sarif}); call before {@link #plan()}.
     *
     * @param scannedRoot the folder the findings' paths are relative to
     */
    void exportSarif(Path scannedRoot) {
        this.sarifRoot = scannedRoot;
    }

    /**
     * The run's inputs and outputs so far: {@code result.json}, {@code report.html} and the exports in the report
     * directory, the exports in the export directory, the gates file and reference result as inputs. Commands add
     * theirs before {@link #run}.
     */
    SafeOutput.Plan plan() {
        SafeOutput.Plan plan = new SafeOutput.Plan().input("--gates-file", gatesFile)
                .input("--reference-result", referenceResult)
                .output("--report-dir", reportDir.resolve(ReportWriter.RESULT_FILE), ResultJson.KIND)
                .output("--report-dir", reportDir.resolve(ReportWriter.REPORT_FILE), HtmlReport.KIND);
        for (Path directory : exportDirs()) {
            String option = directory == reportDir ? "--report-dir" : "--export-dir";
            plan.output(option, directory.resolve(JUnitReport.FILE_NAME), JUnitReport.KIND);
            if (sarifRoot != null) {
                plan.output(option, directory.resolve(SarifReport.FILE_NAME), SarifReport.KIND);
            }
        }
        return plan;
    }

    /** The folders the exports go to: the report directory, and the export directory unless it is the same. */
    List<Path> exportDirs() {
        if (exportDir == null
                || exportDir.toAbsolutePath().normalize().equals(reportDir.toAbsolutePath().normalize())) {
            return List.of(reportDir);
        }
        return List.of(reportDir, exportDir);
    }

    /**
     * Checks the report and export directories and the plan before any work ({@link #checkReportDir()}, {@link
     * SafeOutput.Plan#check()}).
     */
    void checkBeforeWork(SafeOutput.Plan plan) throws InputException, IOException {
        checkReportDir();
        if (exportDir != null) {
            checkDirectory("--export-dir", exportDir);
        }
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
        GateSpec spec = spec();
        Optional<GateRunResult> reference = referenceResult();
        if (reference.isPresent()) {
            try {
                SinceReference.checkReference(capability, reference.get(), referenceResult.toString());
            } catch (IllegalArgumentException e) {
                throw new InputException("--reference-result: " + e.getMessage(), e);
            }
        }
        GateRunResult result = new GateRunner(capability, Version.current()).run(subject, spec, reference, work);
        return write(capability, result, progress);
    }

    /**
     * Runs the work as {@link #run(Capability, String, Progress, SafeOutput.Plan, GateRunner.Work)}, or, for a shard
     * run, without gates (they are refused, see {@link ShardOptions#refuseGates}; the merge evaluates them).
     */
    <E extends Exception> ExitCode run(Capability capability, String subject, Progress progress,
            SafeOutput.Plan plan, ShardOptions shard, GateRunner.Work<E> work)
            throws E, InputException, IOException {
        if (!shard.sharded()) {
            return run(capability, subject, progress, plan, work);
        }
        shard.refuseGates(this);
        checkBeforeWork(plan);
        progress.line("shard " + shard.shard + ": no gates are evaluated; merge the shards with 'secmlops merge'");
        return write(capability, new GateRunner(capability, Version.current()).runWithoutGates(subject, work),
                progress);
    }

    /** Writes a result made elsewhere (e.g. merged from shards) with its report and exports. */
    ExitCode write(Capability capability, GateRunResult result, Progress progress) throws IOException {
        return new ReportWriter(reportDir, progress).write(capability.displayName(), result,
                capability.detailSection(), new ReportWriter.Exports(exportDirs(), sarifRoot));
    }

    /**
     * Refuses a report directory that cannot be written before any work is done: a path that is a file, or one
     * whose nearest existing ancestor is not a writable directory, would otherwise fail only after a long run, at
     * the first write. Creates nothing, so a run refused for another reason leaves no trace.
     */
    void checkReportDir() throws InputException {
        checkDirectory("--report-dir", reportDir);
    }

    private static void checkDirectory(String option, Path reportDir) throws InputException {
        Path directory = reportDir.toAbsolutePath();
        if (Files.isSymbolicLink(directory) && !Files.exists(directory)) {
            throw new InputException(option + " " + reportDir + " is a symbolic link to nothing");
        }
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new InputException(option + " " + reportDir + " exists and is not a directory");
            }
            if (!Files.isWritable(directory)) {
                throw new InputException(option + " " + reportDir + " is not writable");
            }
            return;
        }
        Path ancestor = directory.getParent();
        while (ancestor != null && !Files.exists(ancestor) && !Files.isSymbolicLink(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor != null && Files.isSymbolicLink(ancestor)) {
            throw new InputException(option + " " + reportDir + " cannot be created: " + ancestor
                    + " is a symbolic link to nothing");
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw new InputException(option + " " + reportDir + " cannot be created: " + ancestor
                    + " is not a writable directory");
        }
    }

    /** The largest reference result read: the plugin keeps and ships results of at most 8 MiB. */
    static final long MAX_REFERENCE_BYTES = 16L * 1024 * 1024;

    /** The reference run's result, read (bounded, validated) from {@code --reference-result}; empty without one. */
    Optional<GateRunResult> referenceResult() throws InputException {
        if (referenceResult == null) {
            return Optional.empty();
        }
        try {
            if (Files.isRegularFile(referenceResult) && Files.size(referenceResult) > MAX_REFERENCE_BYTES) {
                throw new InputException("--reference-result " + referenceResult + " is larger than "
                        + MAX_REFERENCE_BYTES / (1024 * 1024) + " MiB");
            }
            return Optional.of(ResultJson.read(referenceResult));
        } catch (ResultFormatException e) {
            throw new InputException("--reference-result " + referenceResult + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("--reference-result " + referenceResult + " cannot be read: " + e.getMessage(), e);
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
            if (referenceResult != null && reference == null) {
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
