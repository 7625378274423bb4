package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;
import static org.secmlops.core.scan.ScanAssert.about;
import static org.secmlops.core.scan.ScanAssert.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Issue 14: files are read as what their bytes are, whatever their names say. */
class FormatByContentTest {

    @TempDir
    Path dir;

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<String> rules(List<ScanFinding> findings) {
        return findings.stream().map(f -> f.severity() + " " + f.rule()).toList();
    }

    @ParameterizedTest(name = "protocol {0} named {1}")
    @CsvSource({
        "4, weights.safetensors", "2, weights.safetensors", "0, weights.safetensors",
        "4, model.onnx", "2, model.onnx", "0, model.onnx",
        "4, graph.pb", "0, saved_model.pb", "2, model.h5", "4, model.tflite", "4, tokenizer.json",
    })
    void shouldScanAPickleWithAnotherFormatsNameAsAPickle(int protocol, String name) throws Exception {
        write(dir, name, PickleOps.call(protocol, "os", "system", "id"));

        assertThat(rules(scan(dir).findings()))
                .containsExactlyInAnyOrder("CRITICAL PICKLE_DANGEROUS_GLOBAL", "HIGH FORMAT_MISMATCH");
    }

    @Test
    void shouldScanARenamedPickleInsideAnArchive() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/weights.safetensors", PickleOps.call(4, "posixpath", "os.system", "id"));
        write(dir, "bundle.zip", Fixtures.zip(entries, false));

        ScanReport report = scan(dir);

        assertThat(rules(about(report, "bundle.zip!/model/weights.safetensors")))
                .containsExactlyInAnyOrder("CRITICAL PICKLE_DANGEROUS_GLOBAL", "HIGH FORMAT_MISMATCH");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"model.pt", "model.keras", "weights.bin", "archive"})
    void shouldScanAZipArchiveAfterJunkBytes(String name) throws Exception {
        byte[] junk = new byte[777];
        new Random(5).nextBytes(junk);
        junk[0] = 0x4d;
        byte[] zip = Fixtures.zip(Fixtures.torchZipEntries(PickleOps.call(2, "os", "system", "id")), false);
        write(dir, name, concat(junk, zip));

        ScanReport report = scan(dir);

        assertThat(rules(about(report, name + "!/archive/data.pkl"))).containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
        assertThat(rules(about(report, name))).contains("MEDIUM ZIP_PREFIXED_DATA");
    }

    @Test
    void shouldScanBothHalvesOfAPickleFollowedByAZip() throws Exception {
        byte[] first = PickleOps.call(4, "builtins", "exec", "print(1)");
        byte[] zip = Fixtures.zip(Fixtures.torchZipEntries(PickleOps.call(0, "subprocess", "Popen", "id")), true);
        write(dir, "polyglot.pkl", concat(first, zip));

        ScanReport report = scan(dir);

        assertThat(about(report, "polyglot.pkl")).extracting(ScanFinding::rule)
                .contains("PICKLE_DANGEROUS_GLOBAL", "ZIP_PREFIXED_DATA");
        assertThat(rules(about(report, "polyglot.pkl!/archive/data.pkl")))
                .containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
    }

    @Test
    void shouldScanAnArchiveAfterJunkInsideAnotherArchive() throws Exception {
        byte[] junk = "MZ\u0090 stub".getBytes(StandardCharsets.UTF_8);
        byte[] inner = Fixtures.zip(Fixtures.torchZipEntries(PickleOps.call(4, "logging", "os.system", "id")), false);
        Map<String, byte[]> bundle = new LinkedHashMap<>();
        bundle.put("export/model.keras", concat(junk, inner));
        bundle.put("export/legacy.pt", concat(PickleOps.call(2, "collections", "OrderedDict", "x"),
                new RawZip().bzip2("archive/data.pkl", PickleOps.call(2, "os", "popen", "id")).bytes()));
        bundle.put("export/plain.pt", PickleOps.protocol(2).emptyDict().stop().bytes());
        write(dir, "bundle.zip", Fixtures.zip(bundle, false));

        ScanReport report = scan(dir);

        assertThat(rules(about(report, "bundle.zip!/export/model.keras"))).containsExactly("MEDIUM ZIP_PREFIXED_DATA");
        assertThat(rules(about(report, "bundle.zip!/export/model.keras!/archive/data.pkl")))
                .containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
        assertThat(rules(about(report, "bundle.zip!/export/legacy.pt!/archive/data.pkl")))
                .containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
        assertThat(about(report, "bundle.zip!/export/plain.pt")).isEmpty();
    }

    @Test
    void shouldNotTakeRandomTensorDataForAnArchive() throws Exception {
        byte[] data = new byte[200_000];
        new Random(11).nextBytes(data);
        byte[] eocd = {'P', 'K', 5, 6, 0, 0, 0, 0, 1, 0, 1, 0, 0x10, 0, 0, 0, 0x20, 0, 0, 0, 0, 0};
        System.arraycopy(eocd, 0, data, data.length - 22, 22);
        write(dir, "variables/variables.data-00000-of-00001", data);

        assertThat(scan(dir).findings()).isEmpty();
    }

    // --- safetensors ---

    private static byte[] safetensors(String headerJson, int dataBytes) {
        StringBuilder h = new StringBuilder(headerJson);
        while ((8 + h.length()) % 8 != 0) {
            h.append(' ');
        }
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[8 + header.length + dataBytes];
        for (int i = 0; i < 8; i++) {
            file[i] = (byte) (((long) header.length) >>> (8 * i));
        }
        System.arraycopy(header, 0, file, 8, header.length);
        return file;
    }

    private static final String VALID = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[24,32]}}";

    @Test
    void shouldAcceptAValidSafetensorsFileWhateverItsName() throws Exception {
        write(dir, "model.safetensors", safetensors(VALID, 32));
        write(dir, "pytorch_model.bin", safetensors(VALID, 32));
        write(dir, "empty.safetensors", safetensors("{}", 0));

        assertThat(scan(dir).findings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad json|{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}|4|not well-formed JSON",
        "duplicate key|{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}|4|not well-formed JSON",
        "unknown dtype|{\"w\":{\"dtype\":\"PY_OBJECT\",\"shape\":[1],\"data_offsets\":[0,4]}}|4|unknown or missing dtype",
        "negative dim|{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}|4|non-negative integer",
        "size mismatch|{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}|4|need 8 bytes",
        "past the end|{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}|8|past the 8 bytes",
        "overlap|{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}|12|overlap",
        "hidden tail|{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}|4096|belong to no tensor",
        "gap|{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[64,68]}}|68|belong to no tensor",
        "metadata|{\"__metadata__\":{\"code\":{\"x\":1}}}|0|is not a string",
        "offsets|{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}|4|not an ordered range",
        "not an object|[1,2,3]|0|not a JSON object",
    })
    void shouldReportAnInvalidSafetensorsHeader(String label, String header, int dataBytes, String why)
            throws Exception {
        write(dir, "model.safetensors", safetensors(header, dataBytes));

        assertThat(scan(dir).findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("SAFETENSORS_INVALID");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        }).anySatisfy(f -> assertThat(f.message()).contains(why));
    }

    @Test
    void shouldReportAHeaderLengthOutOfBounds() throws Exception {
        byte[] huge = safetensors(VALID, 32);
        huge[7] = 0x01;
        write(dir, "model.safetensors", huge);
        byte[] tooLong = safetensors(VALID, 0);
        tooLong[0] = (byte) 0xf8;
        tooLong[1] = 0x7f;
        write(dir, "long.safetensors", tooLong);
        byte[] notSafetensors = new byte[64];
        Arrays.fill(notSafetensors, (byte) 0x41);
        write(dir, "junk.safetensors", notSafetensors);

        ScanReport report = scan(dir);

        assertThat(rules(about(report, "model.safetensors"))).containsExactly("MEDIUM SAFETENSORS_INVALID");
        assertThat(about(report, "long.safetensors")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("runs past the end"));
        assertThat(rules(about(report, "junk.safetensors"))).containsExactly("MEDIUM SAFETENSORS_INVALID");
    }

    @Test
    void shouldValidateSafetensorsInsideAnArchive() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ok.safetensors", safetensors(VALID, 32));
        entries.put("bad.safetensors", safetensors(VALID, 40));
        write(dir, "model.zip", Fixtures.zip(entries, false));

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.zip!/bad.safetensors");
            assertThat(f.message()).contains("8 bytes of the data section belong to no tensor");
        });
    }

    @Test
    void shouldFindAnArchiveHiddenAfterTheTensorsOfASafetensorsFile() throws Exception {
        byte[] zip = Fixtures.zip(Fixtures.torchZipEntries(PickleOps.call(2, "os", "system", "id")), true);
        write(dir, "model.safetensors", concat(safetensors(VALID, 32), zip));

        ScanReport report = scan(dir);

        assertThat(rules(about(report, "model.safetensors")))
                .containsExactlyInAnyOrder("MEDIUM SAFETENSORS_INVALID", "MEDIUM ZIP_PREFIXED_DATA");
        assertThat(rules(about(report, "model.safetensors!/archive/data.pkl")))
                .containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
    }
}
