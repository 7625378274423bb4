package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;
import static org.secmlops.core.scan.ScanAssert.scan;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Issue 14: EXT1/EXT2/EXT4 import whatever the loader's copyreg registry maps the code to. */
class PickleExtensionTest {

    @TempDir
    Path dir;

    private ScanFinding onlyExtensionFinding(byte[] pickle, String name) throws ScanException {
        write(dir, name, pickle);
        ScanReport report = scan(dir);
        assertThat(report.findings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo("PICKLE_EXTENSION_REFERENCE"));
        return report.findings().get(0);
    }

    @Test
    void shouldReportAnExtensionReferenceAloneAsHigh() throws Exception {
        ScanFinding f = onlyExtensionFinding(PickleOps.protocol(2).ext1(0x42).stop().bytes(), "ext1.pkl");

        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("extension code 66").contains("EXT1");
        assertThat(f.location()).isEqualTo("opcode offset 2");
    }

    @Test
    void shouldReportAnExtensionThatIsCalledWithReduceAsCritical() throws Exception {
        ScanFinding f = onlyExtensionFinding(PickleOps.protocol(2).ext2(0x1234).str(2, "id").tuple1().reduce().stop()
                .bytes(), "ext2.pkl");

        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("extension code 4660").contains("calls it (REDUCE)");
    }

    @Test
    void shouldFollowAnExtensionThroughTheMemoToNewobj() throws Exception {
        byte[] pickle = PickleOps.protocol(4).ext4(0x7fffffffL).memoize().pop().emptyDict().pop()
                .binget(0).emptyTuple().newobj().stop().bytes();

        ScanFinding f = onlyExtensionFinding(pickle, "ext4.joblib");

        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("EXT4").contains("calls it (NEWOBJ)");
    }

    @Test
    void shouldReportAnExtensionTargetedByBuildAsCritical() throws Exception {
        ScanFinding f = onlyExtensionFinding(PickleOps.protocol(2).ext1(1).emptyDict().build().stop().bytes(),
                "build.pkl");

        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("calls it (BUILD)");
    }

    @Test
    void shouldReportAnExtensionFollowedByAnyCallAsCriticalEvenWhenTheStackIsLost() throws Exception {
        // The extension object goes into a list, then an OBJ call happens on something the scanner cannot follow.
        byte[] pickle = PickleOps.protocol(2).mark().ext1(9).raw(new byte[] {'l'}).pop()
                .mark().ext1(10).obj().stop().bytes();
        write(dir, "lost.pkl", pickle);

        assertThat(scan(dir).findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("PICKLE_EXTENSION_REFERENCE");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void shouldStayLinearAndCappedOnAFloodOfExtensionReferences() throws Exception {
        PickleOps p = PickleOps.protocol(2);
        for (int i = 0; i < 200_000; i++) {
            p.ext2(i & 0xffff).emptyTuple().reduce().pop();
        }
        write(dir, "flood.pkl", p.none().stop().bytes());

        long start = System.nanoTime();
        ScanReport report = scan(dir);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(report.findings()).hasSizeLessThanOrEqualTo(FindingSink.MAX_PER_FILE)
                .filteredOn(f -> f.rule().equals("PICKLE_EXTENSION_REFERENCE"))
                .isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void shouldFindAnExtensionCallInsideATorchZip() throws Exception {
        byte[] pickle = PickleOps.protocol(2).ext1(3).str(2, "id").tuple1().reduce().stop().bytes();
        write(dir, "model.pt", Fixtures.zip(Fixtures.torchZipEntries(pickle), false));

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.pt!/archive/data.pkl");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
    }
}
