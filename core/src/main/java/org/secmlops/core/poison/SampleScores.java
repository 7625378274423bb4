package org.secmlops.core.poison;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes every sample's scores as CSV: {@code id,label,suggested,suspicious,combined,<one column per detector>};
 * ids are quoted (double quotes doubled).
 */
public final class SampleScores {
    private SampleScores() {
    }

    public static void write(Path file, DataTable data, DataCheckResult result) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<DetectorResult> detectors = result.detectors();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("id,label,suggested,suspicious,combined");
            for (DetectorResult d : detectors) {
                header.append(',').append(d.detector());
            }
            out.write(header.append('\n').toString());
            for (int i = 0; i < data.size(); i++) {
                StringBuilder row = new StringBuilder();
                row.append('"').append(data.ids().get(i).replace("\"", "\"\"")).append("\",")
                        .append(data.labels()[i]).append(',').append(Verdicts.suggestion(detectors, i)).append(',')
                        .append(result.suspicious()[i]).append(',')
                        .append(String.format(Locale.ROOT, "%.4f", result.combined()[i]));
                for (DetectorResult d : detectors) {
                    row.append(',').append(String.format(Locale.ROOT, "%.4f", d.scores()[i]));
                }
                out.write(row.append('\n').toString());
            }
        }
    }
}
