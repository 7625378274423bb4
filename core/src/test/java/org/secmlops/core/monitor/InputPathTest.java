package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.BadRecord;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.model.ModelTestAccess;

/**
 * {@code input_path} records against a reference of 8×8 gray digit images: the images are read as the reference's
 * are; paths that leave the log's folder (absolute, {@code ..}, a symbolic link) and missing files are bad records
 * with their reasons.
 */
class InputPathTest {
    @TempDir
    Path dir;

    private static Path png(Path file, float[] digit) throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            int v = Math.round(digit[i] * 255);
            image.getRaster().setSample(i % 8, i / 8, 0, v);
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void shouldReadImagesInsideTheLogsFolderAndRefuseTheRest() throws Exception {
        float[][] digits = ModelTestAccess.digits(0, 300);
        int[] labels = ModelTestAccess.digitLabels(0, 300);
        for (int i = 0; i < 200; i++) {
            png(dir.resolve("reference/" + labels[i] + "/" + i + ".png"), digits[i]);
        }
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<String> lines = new ArrayList<>();
        for (int i = 200; i < 260; i++) {
            png(logs.resolve("images/" + i + ".png"), digits[i]);
            lines.add("{\"client\":\"c" + i % 7 + "\",\"input_path\":\"images/" + i + ".png\"}");
        }
        png(dir.resolve("outside.png"), digits[260]);
        Files.createSymbolicLink(logs.resolve("images/link.png"), dir.resolve("outside.png"));
        lines.add("{\"input_path\":\"images/missing.png\"}");
        lines.add("{\"input_path\":\"../outside.png\"}");
        lines.add("{\"input_path\":\"" + dir.resolve("outside.png") + "\"}");
        lines.add("{\"input_path\":\"images/link.png\"}");
        lines.add("{\"input_path\":\"images/200.png\",\"input\":[1,2]}");
        Path log = Files.writeString(logs.resolve("traffic.jsonl"), String.join("\n", lines) + "\n");
        DataSpec reference = DataSpec.of(dir.resolve("reference")).withChannels(1);

        MonitorReport report = MonitorCapability.report(MonitorRun.run(MonitorRequest.builder(log, reference)
                .build(), line -> { }).details());

        assertThat(report.records()).isEqualTo(60);
        assertThat(report.width()).isEqualTo(64);
        assertThat(report.badExamples()).extracting(BadRecord::line).containsExactly(61L, 62L, 63L, 64L, 65L);
        assertThat(report.badExamples()).extracting(BadRecord::reason).containsExactly(
                "input_path images/missing.png not found",
                "input_path ../outside.png leaves the log's folder",
                "input_path " + dir.resolve("outside.png") + " is absolute; name a file relative to the log's folder",
                "input_path images/link.png leaves the log's folder (symbolic link)",
                "both input and input_path");

        png(logs.resolve("images/same.png"), digits[0]);
        TrafficRecord same = TrafficLog.parse("{\"input_path\":\"images/same.png\"}", 1, 64, InputPaths.of(log,
                MonitorRequest.builder(log, reference).build()));
        float[] asReference = null;
        try (org.secmlops.core.data.SampleSource source = org.secmlops.core.data.Datasets.open(reference)) {
            for (org.secmlops.core.data.Batch b = source.next(64); b != null; b = source.next(64)) {
                for (int i = 0; i < b.size(); i++) {
                    if (b.ids().get(i).equals(labels[0] + "/0.png")) {
                        asReference = b.features()[i];
                    }
                }
            }
        }
        assertThat(same.input()).as("read as the reference reads the same image").isEqualTo(asReference);
    }

    @Test
    void shouldCallInputPathABadRecordWithoutAnImageReference() throws Exception {
        TrafficLog.BadLine bad = org.junit.jupiter.api.Assertions.assertThrows(TrafficLog.BadLine.class,
                () -> TrafficLog.parse("{\"input_path\":\"a.png\"}", 1, 64, null));

        assertThat(bad.getMessage()).contains("input_path needs a reference of images");
    }
}
