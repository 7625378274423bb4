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
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;

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
        m.put("w.safetensors", safetensors());
        m.put("model.joblib", RawZip.bzip2(PickleOps.call(4, "posixpath", "os.system", "id")));
        m.put("bz.keras", new RawZip().bzip2("archive/data.pkl", PickleOps.call(2, "os", "system", "id")).bytes());
        byte[] zip = Fixtures.zip(Fixtures.torchZipEntries(PickleOps.protocol(2).ext1(7).emptyTuple().reduce().stop()
                .bytes()), false);
        byte[] prefixed = Arrays.copyOf("junk before the archive".getBytes(), 23 + zip.length);
        System.arraycopy(zip, 0, prefixed, 23, zip.length);
        m.put("prefixed.pt", prefixed);
        return m;
    }

    private static byte[] safetensors() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] file = new byte[8 + h.length + 16];
        file[0] = (byte) h.length;
        System.arraycopy(h, 0, file, 8, h.length);
        return file;
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
