package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

class ZipScanningTest {

    @TempDir
    Path dir;

    private ScanReport scan(ScanLimits limits) throws ScanException {
        return new ModelScanner(ScanPolicy.defaults(), limits).scan(dir, line -> { });
    }

    private static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return m;
    }

    @Test
    void shouldReportZipSlipEntryNames() throws Exception {
        byte[] text = "x".getBytes(StandardCharsets.US_ASCII);
        write(dir, "model.zip", Fixtures.zip(entries("ok/file.txt", text, "../../home/user/.bashrc", text,
                "/etc/cron.d/job", text, "C:\\Windows\\evil.dll", text, "a/../b.txt", text), false));

        ScanReport report = scan(ScanLimits.defaults());

        assertThat(report.findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("ZIP_SLIP");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.file()).isEqualTo("model.zip");
        });
        assertThat(report.findings()).extracting(ScanFinding::location)
                .contains("entry '../../home/user/.bashrc'", "entry '/etc/cron.d/job'");
    }

    @Test
    void shouldStopAtAZipBomb() throws Exception {
        write(dir, "bomb.zip", Fixtures.zip(entries("zeros.bin", new byte[8 << 20],
                "later.pkl", Fixtures.osSystemProtocol2()), false));

        ScanReport report = scan(ScanLimits.defaults().withMaxCompressionRatio(50));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("ZIP_BOMB");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("zeros.bin");
        });
    }

    @Test
    void shouldCountBytesReallyInflatedAgainstTheTotalLimit() throws Exception {
        byte[] digits = new byte[3 << 20];
        Random random = new Random(7);
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (byte) ('0' + random.nextInt(10));
        }
        write(dir, "big.zip", Fixtures.zip(entries("a.txt", digits, "b.txt", digits), false));

        ScanReport report = scan(ScanLimits.defaults().withMaxTotalUncompressedBytes(4 << 20));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("ZIP_BOMB");
            assertThat(f.message()).contains("more than " + (4 << 20) + " bytes");
        });
    }

    @Test
    void shouldCatchABombInsideANestedArchiveWhoseSizesAreNotDeclared() throws Exception {
        byte[] inner = Fixtures.zip(entries("zeros.bin", new byte[6 << 20]), false);
        write(dir, "outer.zip", Fixtures.zip(entries("inner.zip", inner), false));

        ScanReport report = scan(ScanLimits.defaults().withMaxTotalUncompressedBytes(2 << 20));

        assertThat(report.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.rule()).isEqualTo("ZIP_BOMB"));
    }

    @Test
    void shouldScanNestedArchivesUpToTheDepthLimit() throws Exception {
        byte[] level2 = Fixtures.zip(entries("evil.pkl", Fixtures.osSystemProtocol2()), false);
        byte[] level1 = Fixtures.zip(entries("inner.zip", level2), false);
        write(dir, "outer.zip", Fixtures.zip(entries("middle.zip", level1), true));

        ScanReport deep = scan(ScanLimits.defaults());
        ScanReport shallow = scan(ScanLimits.defaults().withMaxNestingDepth(2));

        assertThat(deep.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("outer.zip!/middle.zip!/inner.zip!/evil.pkl");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(shallow.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("ZIP_NESTING_TOO_DEEP");
            assertThat(f.file()).isEqualTo("outer.zip!/middle.zip!/inner.zip");
        });
    }

    @Test
    void shouldStillScanTheReadableEntriesOfATruncatedArchive() throws Exception {
        byte[] whole = Fixtures.zip(entries("archive/data.pkl", Fixtures.osSystemProtocol2(),
                "archive/data/0", new byte[4096]), true);
        write(dir, "cut.pt", Arrays.copyOf(whole, whole.length - 200));

        ScanReport report = scan(ScanLimits.defaults());

        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE");
            assertThat(f.file()).isEqualTo("cut.pt");
        });
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.file()).isEqualTo("cut.pt!/archive/data.pkl");
        });
    }

    @Test
    void shouldReportTooManyEntries() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("f" + i + ".txt", new byte[] {1});
        }
        write(dir, "many.zip", Fixtures.zip(many, false));

        assertThat(scan(ScanLimits.defaults().withMaxEntries(10)).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("more than 10 entries"));
    }
}
