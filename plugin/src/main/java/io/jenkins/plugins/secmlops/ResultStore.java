package io.jenkins.plugins.secmlops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.ResultJson;

/** The full results of a build's gate runs, kept as files in the build directory, one folder per id. */
final class ResultStore {
    static final String FOLDER = "secmlops";
    static final String RESULT_FILE = "result.json";
    static final String REPORT_FILE = "report.html";

    private final Path buildDirectory;

    ResultStore(File buildDirectory) {
        this.buildDirectory = buildDirectory.toPath();
    }

    /**
     * Keeps the result as the controller decided it (its gates evaluated here, not as the agent reported them) and a
     * standalone report rendered here from it; the agent's own report.html is never kept or shown.
     */
    void save(String id, String title, GateRunResult result, DetailSection detail) throws IOException {
        Path folder = folder(id);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(RESULT_FILE), ResultJson.toJson(result), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(REPORT_FILE), HtmlReport.page(title, result, detail), StandardCharsets.UTF_8);
    }

    GateRunResult load(String id) throws ResultFormatException {
        return ResultJson.read(resultFile(id));
    }

    /** Where the result of run {@code id} is kept. */
    Path resultFile(String id) {
        return folder(id).resolve(RESULT_FILE);
    }

    private Path folder(String id) {
        Path root = buildDirectory.resolve(FOLDER);
        Path folder = root.resolve(id).normalize();
        if (!folder.getParent().equals(root.normalize())) {
            throw new IllegalArgumentException("Illegal gate run id: " + id);
        }
        return folder;
    }
}
