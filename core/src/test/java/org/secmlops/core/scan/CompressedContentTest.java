package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;
import static org.secmlops.core.scan.ScanAssert.about;
import static org.secmlops.core.scan.ScanAssert.scan;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Issue 14: compressed content is decoded and scanned, or reported HIGH; never passed silently. */
class CompressedContentTest {

    @TempDir
    Path dir;

    private static List<String> rules(List<ScanFinding> findings) {
        return findings.stream().map(f -> f.severity() + " " + f.rule()).toList();
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.joblib.bz2", "model.joblib", "model.pkl", "blob", "weights.safetensors.bz2"})
    void shouldScanTheContentOfBzip2Files(String name) throws Exception {
        write(dir, name, RawZip.bzip2(PickleOps.call(4, "os", "system", "id")));

        assertThat(rules(about(scan(dir), name))).contains("CRITICAL PICKLE_DANGEROUS_GLOBAL");
    }

    @Test
    void shouldScanGzipContentWhateverTheName() throws Exception {
        write(dir, "blob", gzip(PickleOps.call(2, "subprocess", "check_output", "id")));
        write(dir, "layers.gz", gzip(gzip(PickleOps.call(0, "os", "popen", "id"))));

        ScanReport report = scan(dir);

        assertThat(rules(about(report, "blob"))).containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
        assertThat(rules(about(report, "layers.gz"))).containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
    }

    @Test
    void shouldScanAZipInsideABzip2File() throws Exception {
        byte[] zip = Fixtures.zip(Fixtures.torchZipEntries(PickleOps.call(2, "os", "system", "id")), false);
        write(dir, "model.tar.bz2", RawZip.bzip2(zip));

        assertThat(rules(about(scan(dir), "model.tar.bz2!/archive/data.pkl")))
                .containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
    }

    @Test
    void shouldReportCodecsThatCannotBeReadAsHigh() throws Exception {
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4, (byte) 0xe6, (byte) 0xd6, (byte) 0xb4, 0x46};
        byte[] lzma = {0x5d, 0, 0, (byte) 0x80, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x04, 0x58, 0, 0};
        write(dir, "model.joblib", xz);
        write(dir, "model.joblib.lzma", lzma);
        write(dir, "anything", zstd);

        assertThat(scan(dir).findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("UNSUPPORTED_COMPRESSION");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void shouldScanABzip2CompressedZipEntry() throws Exception {
        byte[] zip = new RawZip().bzip2("archive/data.pkl", PickleOps.call(2, "os", "system", "id"))
                .entry("archive/version", 0, "3\n".getBytes(), "3\n".getBytes()).bytes();
        write(dir, "model.keras", zip);

        ScanReport report = scan(dir);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.keras!/archive/data.pkl");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void shouldScanABzip2ZipEntryOfAnArchiveAfterJunkBytes() throws Exception {
        byte[] zip = new RawZip().bzip2("archive/data.pkl", PickleOps.call(4, "posixpath", "os.system", "id")).bytes();
        byte[] junk = "#!/bin/sh\necho self-extracting stub\nexit 0\n".getBytes();
        byte[] file = new byte[junk.length + zip.length];
        System.arraycopy(junk, 0, file, 0, junk.length);
        System.arraycopy(zip, 0, file, junk.length, zip.length);
        write(dir, "model.keras", file);

        ScanReport report = scan(dir);

        assertThat(rules(about(report, "model.keras!/archive/data.pkl")))
                .containsExactly("CRITICAL PICKLE_DANGEROUS_GLOBAL");
        assertThat(rules(about(report, "model.keras"))).contains("MEDIUM ZIP_PREFIXED_DATA");
    }

    @Test
    void shouldReportAnLzmaZipEntryAsHighInsteadOfSkippingIt() throws Exception {
        byte[] zip = new RawZip().entry("config.json", 14, new byte[] {9, 20, 5, 0, 0x5d, 0, 0, 1, 0, 1, 2, 3},
                "{}".getBytes()).bytes();
        write(dir, "model.keras", zip);

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.keras!/config.json");
            assertThat(f.rule()).isEqualTo("UNSUPPORTED_COMPRESSION");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("lzma");
        });
    }

    @Test
    void shouldReportABzip2EntryOfANestedArchiveAsHigh() throws Exception {
        byte[] inner = new RawZip().bzip2("data.pkl", PickleOps.call(2, "os", "system", "id")).bytes();
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("inner.zip", inner);
        write(dir, "outer.zip", Fixtures.zip(outer, false));

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("outer.zip!/inner.zip!/data.pkl");
            assertThat(f.rule()).isEqualTo("UNSUPPORTED_COMPRESSION");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }
}
