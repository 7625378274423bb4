package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

class OnnxScanningTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private ScanReport scan() throws ScanException {
        return new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(dir, line -> { });
    }

    private static byte[] model(byte[]... initializers) {
        return Fixtures.onnxModel(List.of(Fixtures.onnxNode("add", "Add", null)), List.of(initializers));
    }

    @Test
    void shouldReportExternalDataEscapingTheModelFolderAsCritical() throws Exception {
        write(dir, "model.onnx", model(Fixtures.onnxExternalTensor("w", "../../etc/passwd")));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.rule()).isEqualTo("ONNX_EXTERNAL_DATA_OUTSIDE");
            assertThat(f.location()).isEqualTo("initializer 'w'");
            assertThat(f.message()).contains("../../etc/passwd");
        });
    }

    @Test
    void shouldReportAbsoluteExternalDataLocationAsCritical() throws Exception {
        write(dir, "model.onnx", model(Fixtures.onnxExternalTensor("w", "/root/.ssh/id_rsa"),
                Fixtures.onnxExternalTensor("v", "C:\\secrets.txt")));

        assertThat(scan().findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("absolute path");
        });
    }

    @Test
    void shouldAcceptExternalDataNextToTheModel() throws Exception {
        write(dir, "model.onnx", model(Fixtures.onnxExternalTensor("w", "weights/model.onnx.data"),
                Fixtures.onnxExternalTensor("b", "./weights/../weights/model.onnx.data")));
        write(dir, "weights/model.onnx.data", new byte[128]);

        assertThat(scan().findings()).isEmpty();
    }

    @Test
    void shouldReportMissingExternalDataAsMedium() throws Exception {
        write(dir, "model.onnx", model(Fixtures.onnxExternalTensor("w", "model.onnx.data")));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.rule()).isEqualTo("ONNX_EXTERNAL_DATA_MISSING");
        });
    }

    @Test
    void shouldReportExternalDataReachedThroughASymlinkOutsideTheFolder() throws Exception {
        Path secret = write(elsewhere, "secret.bin", new byte[16]);
        Files.createSymbolicLink(dir.resolve("weights.bin"), secret);
        write(dir, "model.onnx", model(Fixtures.onnxExternalTensor("w", "weights.bin")));

        ScanReport report = scan();

        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("model.onnx");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.rule()).isEqualTo("ONNX_EXTERNAL_DATA_OUTSIDE");
        });
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.rule()).isEqualTo("SYMLINK_OUTSIDE"));
    }

    @Test
    void shouldReportCustomOperatorDomains() throws Exception {
        write(dir, "model.onnx", Fixtures.onnxModel(List.of(Fixtures.onnxNode("a", "Add", "ai.onnx"),
                Fixtures.onnxNode("g", "Gelu", "com.microsoft"), Fixtures.onnxNode("x", "Evil", "org.example.ops")),
                List.of()));

        ScanReport report = scan();

        assertThat(report.findings()).extracting(ScanFinding::severity, ScanFinding::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.MEDIUM, "node 'x' (op_type Evil)"),
                        org.assertj.core.groups.Tuple.tuple(Severity.LOW, "node 'g' (op_type Gelu)"));
    }

    @Test
    void shouldCheckInitializersOfSubgraphs() throws Exception {
        byte[] subgraph = Fixtures.proto(o -> o.writeBytes(5, Fixtures.bs(Fixtures.onnxExternalTensor("t", "/etc/shadow"))));
        byte[] attribute = Fixtures.proto(o -> {
            o.writeString(1, "then_branch");
            o.writeBytes(6, Fixtures.bs(subgraph));
        });
        byte[] ifNode = Fixtures.proto(o -> {
            o.writeString(3, "branch");
            o.writeString(4, "If");
            o.writeBytes(5, Fixtures.bs(attribute));
        });
        write(dir, "model.onnx", Fixtures.onnxModel(List.of(ifNode), List.of()));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.location()).isEqualTo("node 'branch' subgraph initializer 't'");
        });
    }

    @Test
    void shouldReportTruncatedOnnxAsUnparseable() throws Exception {
        byte[] full = model(Fixtures.onnxExternalTensor("w", "model.onnx.data"));
        write(dir, "model.onnx", Arrays.copyOf(full, full.length - 5));

        assertThat(scan().findings()).anySatisfy(f -> assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE"));
    }
}
