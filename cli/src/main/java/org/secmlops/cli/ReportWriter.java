package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.secmlops.core.export.JUnitReport;
import org.secmlops.core.export.SarifReport;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

/**
 * Writes {@code result.json} and {@code report.html} into the report directory, the exports ({@code junit.xml}, and
 * {@code results.sarif} for a scan) into the report and export directories, and logs the gates.
 */
final class ReportWriter {
    static final String RESULT_FILE = "result.json";
    static final String REPORT_FILE = "report.html";

    /** Whether {@code file} is one of the files this writer puts into {@code reportDir}. */
    static boolean isReportFile(Path reportDir, Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        Path directory = reportDir.toAbsolutePath().normalize();
        return normalized.equals(directory.resolve(RESULT_FILE)) || normalized.equals(directory.resolve(REPORT_FILE))
                || normalized.equals(directory.resolve(JUnitReport.FILE_NAME))
                || normalized.equals(directory.resolve(SarifReport.FILE_NAME));
    }

    /**
     * Where the exports go and what they hold.
     *
     * @param directories the folders that receive {@code junit.xml} (and {@code results.sarif})
     * @param sarifRoot   the folder the scan's paths are relative to; {@code null} for no SARIF
     */
    record Exports(List<Path> directories, Path sarifRoot) {
        Exports {
            directories = List.copyOf(directories);
        }
    }

    private final Path reportDir;
    private final Progress progress;

    ReportWriter(Path reportDir, Progress progress) {
        this.reportDir = reportDir;
        this.progress = progress;
    }

    ExitCode write(String title, GateRunResult result, DetailSection detail, Exports exports) throws IOException {
        ResultJson.write(result, reportDir.resolve(RESULT_FILE));
        HtmlReport.write(reportDir.resolve(REPORT_FILE), title, result, detail);
        for (Path directory : exports.directories()) {
            JUnitReport.write(result, directory.resolve(JUnitReport.FILE_NAME));
            if (exports.sarifRoot() != null) {
                SarifReport.write(result, exports.sarifRoot(), directory.resolve(SarifReport.FILE_NAME));
            }
            if (!directory.equals(reportDir)) {
                progress.line("exports written to " + directory + ": " + JUnitReport.FILE_NAME
                        + (exports.sarifRoot() != null ? ", " + SarifReport.FILE_NAME : ""));
            }
        }
        for (GateResult gate : result.gates().results()) {
            progress.line("gate " + gate.status() + ": " + gate.reason());
        }
        progress.line(String.format(java.util.Locale.ROOT, "%s: %s in %.1f s; report %s", title, result.status(),
                result.cost().wallTimeMillis() / 1000.0, reportDir.resolve(REPORT_FILE)));
        return ExitCode.of(result.status());
    }
}
