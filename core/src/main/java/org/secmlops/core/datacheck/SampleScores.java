package org.secmlops.core.datacheck;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import org.secmlops.core.io.SafeOutput;
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

    /** The columns every scores file starts with. */
    static final String HEADER = "id,label,suggested,suspicious,combined";

    /** Scores files: an earlier one starts with {@link #HEADER}. */
    public static final SafeOutput.Kind KIND = SafeOutput.Kind.startingWith("sample scores file", HEADER);

    /** Writes the scores; only an earlier scores file is replaced ({@link SafeOutput}). */
    public static void write(Path file, DataTable data, DataCheckResult result) throws IOException {
        SafeOutput.write(file, KIND, stream -> write(stream, data, result));
    }

    private static void write(OutputStream stream, DataTable data, DataCheckResult result) throws IOException {
        List<DetectorResult> detectors = result.detectors();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        StringBuilder header = new StringBuilder(HEADER);
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
        out.flush();
    }
}
