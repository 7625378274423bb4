package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;
import static org.secmlops.core.scan.ScanAssert.scan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Issue 14: standard TorchScript content is expected and must not bury real findings. */
class PickleTorchScriptTest {

    @TempDir
    Path dir;

    /** A torch.jit.save data.pkl: the model's own class holding standard torch.nn modules. */
    private static byte[] torchScriptDataPkl(String extraModule, String extraName) {
        PickleOps p = PickleOps.protocol(2).global("__torch__", "DigitsNet").binput(0).emptyTuple().newobj().binput(1)
                .emptyDict().binput(2).mark();
        String[][] children = {{"linear", "Linear"}, {"activation", "ReLU"}, {"conv", "Conv2d"},
            {"batchnorm", "BatchNorm2d"}, {"dropout", "Dropout"}, {"container", "Sequential"}};
        int memo = 3;
        for (String[] c : children) {
            p.str(2, c[1].toLowerCase()).global("__torch__.torch.nn.modules." + c[0], c[1]).binput(memo++)
                    .emptyTuple().newobj().emptyDict().str(2, "training").none().setitem().build();
        }
        if (extraModule != null) {
            p.str(2, "hook").global(extraModule, extraName).str(2, "id").tuple1().reduce();
        }
        return p.raw(new byte[] {'u'}).build().stop().bytes();
    }

    private static byte[] torchScriptArchive(byte[] dataPkl) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("net/data.pkl", dataPkl);
        entries.put("net/constants.pkl", PickleOps.protocol(2).emptyTuple().stop().bytes());
        entries.put("net/code/__torch__.py", "class DigitsNet(Module):\n  pass\n".getBytes(StandardCharsets.UTF_8));
        entries.put("net/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return Fixtures.zip(entries, true);
    }

    @Test
    void shouldNotReportStandardTorchScriptClasses() throws Exception {
        write(dir, "net.pt", torchScriptArchive(torchScriptDataPkl(null, null)));

        assertThat(scan(dir).findings()).isEmpty();
    }

    @Test
    void shouldLetARealFindingStandOutInATorchScriptArchive() throws Exception {
        write(dir, "net.pt", torchScriptArchive(torchScriptDataPkl("posixpath", "os.system")));

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("posixpath.os.system");
        });
    }

    @Test
    void shouldNotTrustDangerousChainsUnderTheTorchScriptNamespace() throws Exception {
        write(dir, "net.pt", torchScriptArchive(torchScriptDataPkl("__torch__", "os.system")));

        assertThat(scan(dir).findings()).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void shouldFindNoCriticalOrHighInTheCommittedTorchScriptFixtures() throws Exception {
        for (String resource : new String[] {"/org/secmlops/core/model/digits-mlp.pt",
            "/org/secmlops/core/robustness/nan-gradient.pt"}) {
            Path fixture = Path.of(getClass().getResource(resource).toURI());
            Files.copy(fixture, dir.resolve(fixture.getFileName()));
        }

        ScanReport report = scan(dir);

        assertThat(report.filesScanned()).isEqualTo(2);
        assertThat(report.findings()).isEmpty();
    }
}
