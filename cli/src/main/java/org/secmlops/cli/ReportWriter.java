package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

/** Writes {@code result.json} and {@code report.html} into the report directory and logs the gates. */
final class ReportWriter {
    static final String RESULT_FILE = "result.json";
    static final String REPORT_FILE = "report.html";

    /** Whether {@code file} is one of the files this writer puts into {@code reportDir}. */
    static boolean isReportFile(Path reportDir, Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        Path directory = reportDir.toAbsolutePath().normalize();
        return normalized.equals(directory.resolve(RESULT_FILE)) || normalized.equals(directory.resolve(REPORT_FILE));
    }

    private final Path reportDir;
    private final Progress progress;

    ReportWriter(Path reportDir, Progress progress) {
        this.reportDir = reportDir;
        this.progress = progress;
    }

    ExitCode write(String title, GateRunResult result, DetailSection detail) throws IOException {
        ResultJson.write(result, reportDir.resolve(RESULT_FILE));
        HtmlReport.write(reportDir.resolve(REPORT_FILE), title, result, detail);
        for (GateResult gate : result.gates().results()) {
            progress.line("gate " + gate.status() + ": " + gate.reason());
        }
        progress.line(String.format(java.util.Locale.ROOT, "%s: %s in %.1f s; report %s", title, result.status(),
                result.cost().wallTimeMillis() / 1000.0, reportDir.resolve(REPORT_FILE)));
        return ExitCode.of(result.status());
    }
}
