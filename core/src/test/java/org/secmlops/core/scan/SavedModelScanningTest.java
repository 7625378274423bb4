package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.bs;
import static org.secmlops.core.scan.Fixtures.proto;
import static org.secmlops.core.scan.Fixtures.write;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

class SavedModelScanningTest {

    @TempDir
    Path dir;

    private ScanReport scan() throws ScanException {
        return new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(dir, line -> { });
    }

    @Test
    void shouldReportWriteFileNodeWithItsName() throws Exception {
        byte[] graph = Fixtures.graphDef(g -> g.node("x", "Placeholder").node("w", "WriteFile").node("y", "Identity"));
        write(dir, "model/saved_model.pb", Fixtures.savedModel(graph));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model/saved_model.pb");
            assertThat(f.location()).isEqualTo("node 'w' (op WriteFile)");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.rule()).isEqualTo("SAVEDMODEL_DANGEROUS_OP");
            assertThat(f.message()).contains("writes a file");
        });
    }

    @Test
    void shouldReportReadFileInsideALibraryFunction() throws Exception {
        byte[] graph = Fixtures.graphDef(g -> g.node("call", "StatefulPartitionedCall")
                .function("__inference_serve_42", "secret", "ReadFile"));
        write(dir, "saved_model.pb", Fixtures.savedModel(graph));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("function '__inference_serve_42' node 'secret' (op ReadFile)");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void shouldNotFlagAnOrdinaryGraph() throws Exception {
        byte[] graph = Fixtures.graphDef(g -> g.node("x", "Placeholder").node("w", "Const").node("m", "MatMul")
                .node("save", "SaveV2").node("restore", "RestoreV2"));
        write(dir, "saved_model.pb", Fixtures.savedModel(graph));
        write(dir, "variables/variables.data-00000-of-00001", new byte[] {(byte) 0x80, 2, 'c', 1, 2, 3});
        write(dir, "variables/variables.index", new byte[] {1, 2, 3});

        ScanReport report = scan();

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesScanned()).isEqualTo(3);
    }

    @Test
    void shouldRaisePrintV2WritingToAFile() throws Exception {
        byte[] attrValue = proto(o -> o.writeString(2, "file:///tmp/leak.txt"));
        byte[] attrEntry = proto(o -> {
            o.writeString(1, "output_stream");
            o.writeBytes(2, bs(attrValue));
        });
        byte[] node = proto(o -> {
            o.writeString(1, "p");
            o.writeString(2, "PrintV2");
            o.writeBytes(5, bs(attrEntry));
        });
        write(dir, "saved_model.pb", Fixtures.savedModel(Fixtures.graphDef(g -> g.node(node))));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("file:///tmp/leak.txt");
        });
    }

    @Test
    void shouldScanFrozenGraphDefFiles() throws Exception {
        write(dir, "frozen_graph.pb", Fixtures.graphDef(g -> g.node("r", "ReadFile")));

        assertThat(scan().findings()).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("node 'r' (op ReadFile)"));
    }

    @Test
    void shouldReportTruncatedSavedModelAsUnparseable() throws Exception {
        byte[] full = Fixtures.savedModel(Fixtures.graphDef(g -> g.node("x", "Placeholder").node("w", "Const")));
        write(dir, "saved_model.pb", Arrays.copyOf(full, full.length / 2));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("cannot parse saved_model.pb").contains("remain");
        });
    }

    @Test
    void shouldReportGarbageSavedModel() throws Exception {
        write(dir, "saved_model.pb", "this is not a protobuf at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(scan().findings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE"));
    }

    @Test
    void shouldReportDeniedOpsFoundInTextSavedModels() throws Exception {
        String text = "meta_graphs {\n  graph_def {\n    node {\n      name: \"w\"\n      op: \"WriteFile\"\n    }\n  }\n}\n";
        write(dir, "saved_model.pbtxt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(scan().findings()).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("node 'w' (op WriteFile)"));
    }
}
