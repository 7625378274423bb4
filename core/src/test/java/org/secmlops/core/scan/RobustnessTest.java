package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged input of every kind must give findings, never an exception or a hang. */
class RobustnessTest {

    @TempDir
    Path dir;

    private static Map<String, byte[]> samples() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("p2.pkl", Fixtures.osSystemProtocol2());
        m.put("p4.pkl", Fixtures.osSystemProtocol4());
        m.put("p0.pkl", Fixtures.osSystemProtocol0());
        m.put("torch.pt", Fixtures.zip(Fixtures.torchZipEntries(Fixtures.torchStateDictPickle()), true));
        m.put("saved_model.pb", Fixtures.savedModel(Fixtures.graphDef(g -> g.node("w", "WriteFile")
                .function("f", "r", "ReadFile"))));
        m.put("model.onnx", Fixtures.onnxModel(List.of(Fixtures.onnxNode("n", "Add", "x.y")),
                List.of(Fixtures.onnxExternalTensor("w", "w.bin"))));
        return m;
    }

    @Test
    void shouldSurviveEveryTruncationOfEveryFixture() {
        ModelScanner scanner = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults());
        for (Map.Entry<String, byte[]> sample : samples().entrySet()) {
            byte[] full = sample.getValue();
            for (int length = 0; length < full.length; length += Math.max(1, full.length / 97)) {
                Path file = Fixtures.write(dir, "cut-" + length + "-" + sample.getKey(), Arrays.copyOf(full, length));
                assertThatCode(() -> scanner.scan(file, line -> { })).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void shouldSurviveRandomByteFlipsWithinATimeLimit() throws Exception {
        ModelScanner scanner = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults());
        Random random = new Random(20240901);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (Map.Entry<String, byte[]> sample : samples().entrySet()) {
                for (int round = 0; round < 150; round++) {
                    byte[] mutated = sample.getValue().clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                    }
                    Path file = Fixtures.write(dir, "m-" + sample.getKey(), mutated);
                    ScanReport report = scanner.scan(file, line -> { });
                    assertThat(report.filesScanned()).isEqualTo(1);
                    Files.delete(file);
                }
            }
        });
    }

    @Test
    void shouldReportRandomGarbageWithAModelNameWithoutThrowing() throws Exception {
        Random random = new Random(3);
        for (String name : new String[] {"a.pt", "a.pkl", "saved_model.pb", "a.onnx", "config.json", "a.keras",
            "a.h5", "a.npy", "a.joblib"}) {
            byte[] garbage = new byte[2048];
            random.nextBytes(garbage);
            Fixtures.write(dir, name, garbage);
        }

        ScanReport report = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(dir, line -> { });

        assertThat(report.filesScanned()).isEqualTo(9);
        assertThat(report.findings()).extracting(ScanFinding::file)
                .contains("a.pt", "a.pkl", "saved_model.pb", "a.onnx", "config.json");
    }
}
