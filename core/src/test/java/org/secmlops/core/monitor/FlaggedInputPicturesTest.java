package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.monitor.FlaggedInput;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.model.ModelTestAccess;
import org.secmlops.core.report.chart.Thumbnails;
import org.secmlops.core.run.Measurement;

/**
 * Pictures of flagged inputs: against a reference of 8×8 gray digit images, a client sending salt-and-pepper noise
 * images is flagged by the embedding distance, and the report shows the first 8 flagged inputs as pictures (static
 * SVG {@code image} elements holding the pixels sent); the same traffic against a flat CSV reference shows none.
 */
class FlaggedInputPicturesTest {
    private static final int NOISY = 12;
    private static final Pattern IMAGE = Pattern.compile("<image [^>]*href=\"(data:image/png;base64,[^\"]+)\"");

    @TempDir
    Path dir;

    private static void png(Path file, float[] pixels) throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            image.getRaster().setSample(i % 8, i / 8, 0, Math.round(pixels[i] * 255));
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static float[][] noise() {
        SplittableRandom random = new SplittableRandom(20);
        float[][] out = new float[NOISY][64];
        for (float[] row : out) {
            for (int j = 0; j < 64; j++) {
                row[j] = random.nextBoolean() ? 1f : 0f;
            }
        }
        return out;
    }

    private static String html(Measurement m) {
        return MonitorCapability.INSTANCE.detailSection().render(m.details());
    }

    @Test
    void shouldPictureTheFirstFlaggedImageInputsInTheReport() throws Exception {
        float[][] digits = ModelTestAccess.digits(0, 300);
        int[] labels = ModelTestAccess.digitLabels(0, 300);
        for (int i = 0; i < 250; i++) {
            png(dir.resolve("reference/" + labels[i] + "/" + i + ".png"), digits[i]);
        }
        Path logs = Files.createDirectories(dir.resolve("logs"));
        float[][] noise = noise();
        List<String> lines = new ArrayList<>();
        for (int i = 250; i < 300; i++) {
            png(logs.resolve("images/" + i + ".png"), digits[i]);
            lines.add("{\"client\":\"c" + i % 5 + "\",\"input_path\":\"images/" + i + ".png\"}");
            if (i - 250 < NOISY) {
                png(logs.resolve("images/noise" + (i - 250) + ".png"), noise[i - 250]);
                lines.add("{\"client\":\"noisy\",\"input_path\":\"images/noise" + (i - 250) + ".png\"}");
            }
        }
        Path log = Files.writeString(logs.resolve("traffic.jsonl"), String.join("\n", lines) + "\n");

        Measurement m = MonitorRun.run(MonitorRequest.builder(log, DataSpec.of(dir.resolve("reference"))
                .withChannels(1)).build(), line -> { });

        MonitorReport report = MonitorCapability.report(m.details());
        List<FlaggedInput> noisy = report.flaggedInputs().stream().filter(f -> f.client().equals("noisy")).toList();
        assertThat(noisy).hasSize(NOISY);
        List<FlaggedInput> pictured = report.flaggedInputs().stream().filter(f -> f.thumbnail() != null).toList();
        assertThat(pictured).hasSize(MonitorReport.FLAGGED_INPUTS_PICTURED)
                .isEqualTo(report.flaggedInputs().subList(0, MonitorReport.FLAGGED_INPUTS_PICTURED));

        Matcher images = IMAGE.matcher(html(m));
        List<String> shown = new ArrayList<>();
        while (images.find()) {
            shown.add(images.group(1));
        }
        assertThat(shown).hasSize(MonitorReport.FLAGGED_INPUTS_PICTURED)
                .containsExactlyElementsOf(pictured.stream().map(FlaggedInput::thumbnail).toList());
        // The first noise image (line 2) is pictured with the pixels it sent: 8×8, black or white as the noise is.
        assertThat(report.flaggedInputs().indexOf(noisy.get(0))).isLessThan(MonitorReport.FLAGGED_INPUTS_PICTURED);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                noisy.get(0).thumbnail().substring(Thumbnails.PREFIX.length()))));
        assertThat(picture.getWidth()).isEqualTo(8);
        assertThat(picture.getHeight()).isEqualTo(8);
        for (int p = 0; p < 64; p++) {
            assertThat(picture.getRGB(p % 8, p / 8) & 0xffffff).as("pixel " + p)
                    .isEqualTo(noise[0][p] > 0 ? 0xffffff : 0);
        }
    }

    @Test
    void shouldShowNoPictureForFlatInputs() throws Exception {
        Path referenceCsv = dir.resolve("reference.csv");
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            csv.append('p').append(j).append(',');
        }
        csv.append("label\n");
        float[][] digits = ModelTestAccess.digits(0, 300);
        int[] labels = ModelTestAccess.digitLabels(0, 300);
        for (int i = 0; i < 250; i++) {
            for (float v : digits[i]) {
                csv.append(v).append(',');
            }
            csv.append(labels[i]).append('\n');
        }
        Files.writeString(referenceCsv, csv);
        TrafficFile traffic = new TrafficFile();
        for (int i = 250; i < 300; i++) {
            traffic.add("c" + i % 5, digits[i], null, -1);
        }
        for (float[] row : noise()) {
            traffic.add("noisy", row, null, -1);
        }
        Path log = Files.writeString(dir.resolve("traffic.jsonl"), String.join("\n", traffic.lines()) + "\n");

        Measurement m = MonitorRun.run(MonitorRequest.builder(log, DataSpec.of(referenceCsv)
                .withLabelColumn("label")).build(), line -> { });

        MonitorReport report = MonitorCapability.report(m.details());
        assertThat(report.flaggedInputs()).filteredOn(f -> f.client().equals("noisy")).hasSize(NOISY);
        assertThat(report.flaggedInputs()).allSatisfy(f -> assertThat(f.thumbnail()).isNull());
        assertThat(html(m)).contains("secmlops-flagged-inputs").doesNotContain("<image").doesNotContain("data:image");
    }
}
