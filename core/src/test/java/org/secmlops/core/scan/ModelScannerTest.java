package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.secmlops.core.scan.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;
import org.secmlops.core.report.NaturalOrder;

class ModelScannerTest {

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private final ModelScanner scanner = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults());

    private void mixedModelFolder() {
        write(dir, "torch/model.pt", Fixtures.zip(Fixtures.torchZipEntries(Fixtures.osSystemProtocol4()), true));
        write(dir, "torch/benign.pt", Fixtures.zip(Fixtures.torchZipEntries(Fixtures.torchStateDictPickle()), true));
        write(dir, "tf/saved_model.pb", Fixtures.savedModel(Fixtures.graphDef(g -> g.node("w", "WriteFile")
                .node("r", "ReadFile"))));
        write(dir, "onnx/model.onnx", Fixtures.onnxModel(List.of(Fixtures.onnxNode("n", "Add", null)),
                List.of(Fixtures.onnxExternalTensor("w", "../../etc/passwd"))));
        write(dir, "legacy.pkl", Fixtures.osSystemProtocol0());
        write(dir, "cut.pkl", Arrays.copyOf(Fixtures.osSystemProtocol2(), 9));
        write(dir, "README.md", "# model\n".getBytes(StandardCharsets.UTF_8));
        byte[] garbage = new byte[1000];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = 0x01;
        write(dir, "noise.pt", garbage);
    }

    @Test
    void shouldThrowWithThePathWhenTheRootIsMissing() {
        Path missing = dir.resolve("no-such-model");

        assertThatThrownBy(() -> scanner.scan(missing, line -> { }))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldGiveEqualReportsWhenScanningTwice() throws Exception {
        mixedModelFolder();

        ScanReport first = scanner.scan(dir, line -> { });
        ScanReport second = scanner.scan(dir, line -> { });

        assertThat(second).isEqualTo(first);
        assertThat(first.findings()).isNotEmpty();
    }

    @Test
    void shouldLeaveScannedFilesUntouched() throws Exception {
        mixedModelFolder();
        Map<Path, byte[]> bytes = new LinkedHashMap<>();
        Map<Path, FileTime> times = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                bytes.put(p, Files.readAllBytes(p));
                times.put(p, Files.getLastModifiedTime(p));
            }
        }
        List<String> before;
        try (Stream<Path> files = Files.walk(dir)) {
            before = files.map(Path::toString).sorted().toList();
        }

        scanner.scan(dir, line -> { });

        for (Map.Entry<Path, byte[]> e : bytes.entrySet()) {
            assertThat(Files.readAllBytes(e.getKey())).isEqualTo(e.getValue());
            assertThat(Files.getLastModifiedTime(e.getKey())).isEqualTo(times.get(e.getKey()));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString).sorted().toList()).isEqualTo(before);
        }
    }

    @Test
    void shouldSortFindingsBySeverityThenFileThenLocation() throws Exception {
        mixedModelFolder();

        ScanReport report = scanner.scan(dir, line -> { });

        assertThat(report.findings()).extracting(ScanFinding::severity).isSortedAccordingTo(Enum::compareTo);
        assertThat(report.findings()).extracting(f -> f.severity() + " " + f.file() + " " + f.rule())
                .containsExactly(
                        "CRITICAL legacy.pkl PICKLE_DANGEROUS_GLOBAL",
                        "CRITICAL onnx/model.onnx ONNX_EXTERNAL_DATA_OUTSIDE",
                        "CRITICAL tf/saved_model.pb SAVEDMODEL_DANGEROUS_OP",
                        "CRITICAL torch/model.pt!/archive/data.pkl PICKLE_DANGEROUS_GLOBAL",
                        "HIGH tf/saved_model.pb SAVEDMODEL_DANGEROUS_OP",
                        "MEDIUM cut.pkl UNPARSEABLE_FILE",
                        "MEDIUM noise.pt UNPARSEABLE_FILE");
        assertThat(report.filesScanned()).isEqualTo(8);
        assertThat(report.countBySeverity(Severity.CRITICAL)).isEqualTo(4);
        assertThat(report.countBySeverity(Severity.LOW)).isZero();
    }

    @Test
    void shouldReportOneProgressLinePerFileInSortedOrder() throws Exception {
        write(dir, "b/saved_model.pb", Fixtures.savedModel(Fixtures.graphDef(g -> g.node("x", "Const"))));
        write(dir, "a.pkl", new byte[12_345]);
        List<String> lines = new ArrayList<>();

        ScanReport report = scanner.scan(dir, lines::add);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("scanning a.pkl (12.3 kB)");
        assertThat(lines.get(1)).startsWith("scanning b/saved_model.pb (");
        assertThat(report.bytesScanned()).isEqualTo(12_345 + Files.size(dir.resolve("b/saved_model.pb")));
    }

    @Test
    void shouldScanASingleFileRoot() throws Exception {
        Path file = write(dir, "evil.pkl", Fixtures.osSystemProtocol2());

        ScanReport report = scanner.scan(file, line -> { });

        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.file()).isEqualTo("evil.pkl"));
        assertThat(report.filesScanned()).isEqualTo(1);
    }

    @Test
    void shouldReportSymlinksLeavingTheRootWithoutFollowingThem() throws Exception {
        Path target = write(outside, "evil.pkl", Fixtures.osSystemProtocol2());
        Files.createSymbolicLink(dir.resolve("linked.pkl"), target);
        Files.createSymbolicLink(dir.resolve("linked-dir"), outside);
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing-here"));

        ScanReport report = scanner.scan(dir, line -> { });

        assertThat(report.findings()).extracting(ScanFinding::file, ScanFinding::rule, ScanFinding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("linked-dir", "SYMLINK_OUTSIDE", Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple("linked.pkl", "SYMLINK_OUTSIDE", Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple("dangling", "SYMLINK_BROKEN", Severity.LOW));
        assertThat(report.filesScanned()).isZero();
    }

    @Test
    void shouldNotReadPastTheHeadOfLargeRawFiles() throws Exception {
        Path big = dir.resolve("variables/variables.data-00000-of-00001");
        Files.createDirectories(big.getParent());
        try (var channel = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            channel.position((3L << 30) - 1);
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }

        long start = System.nanoTime();
        ScanReport report = scanner.scan(dir, line -> { });
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.findings()).isEmpty();
        assertThat(report.bytesScanned()).isEqualTo(3L << 30);
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void shouldCompareLocationsWithNumbersAsNumbers() {
        assertThat(NaturalOrder.INSTANCE.compare("opcode offset 57", "opcode offset 123")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("layers[10]", "layers[9]")).isPositive();
        assertThat(NaturalOrder.INSTANCE.compare("a", "a")).isZero();
    }
}
