package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;
import static org.secmlops.core.scan.ScanAssert.scan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Issue 14: a dotted name is judged by what the whole attribute chain reaches, not by its first module. */
class PickleDottedNameTest {

    @TempDir
    Path dir;

    private static void assertOneCritical(ScanReport report, String qualified) {
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.rule()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
            assertThat(f.message()).contains(qualified);
        });
    }

    @ParameterizedTest(name = "protocol {0}: {1} + {2}")
    @CsvSource({
        "4, posixpath, os.system",
        "4, logging, os.system",
        "4, numpy.ctypeslib, os.system",
        "4, ntpath, os.popen",
        "4, collections, os.execv",
        "4, shlex, os.spawnlp",
        "4, numpy, testing.os.posix_spawn",
        "4, torch.serialization, pickle.loads",
        "4, json, codecs.builtins.eval",
        "2, posixpath, os.system",
        "0, posixpath, os.system",
    })
    void shouldJudgeTheResolvedTargetOfTheWholeChain(int protocol, String module, String name) throws Exception {
        write(dir, "weights.pkl", PickleOps.call(protocol, module, name, "touch /tmp/x"));

        assertOneCritical(scan(dir), module + "." + name);
    }

    @ParameterizedTest(name = "GLOBAL after PROTO 4: {0} + {1}")
    @CsvSource({"logging, os.system", "numpy, ctypeslib.os.system", "os.path, os.system", "posixpath, os.system"})
    void shouldResolveDottedNamesOfTextGlobalsAfterProtocol4(String module, String name) throws Exception {
        byte[] body = PickleOps.protocol(0).global(module, name).memoize().shortUnicode("id").memoize().tuple1()
                .reduce().stop().bytes();
        write(dir, "g.pkl", PickleOps.protocol(4).frame(body).bytes());

        assertOneCritical(scan(dir), module + "." + name);
    }

    @Test
    void shouldResolveDottedNamesOfInstInProtocol0() throws Exception {
        write(dir, "inst.pkl", "(S'id'\nilogging\nos.system\n.".getBytes(StandardCharsets.US_ASCII));

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("logging.os.system").contains("(INST)");
        });
    }

    @Test
    void shouldResolveStackGlobalOperandsMemoizedAndFetchedAgain() throws Exception {
        // The strings are memoized, dropped, and read back with BINGET before STACK_GLOBAL.
        byte[] body = PickleOps.protocol(0).shortUnicode("posixpath").binput(7).shortUnicode("os.system").binput(8)
                .pop().pop().shortUnicode("decoy").pop()
                .binget(7).binget(8).stackGlobal().memoize().shortUnicode("id").tuple1().reduce().stop().bytes();
        write(dir, "memo.pt", PickleOps.protocol(4).frame(body).bytes());

        assertOneCritical(scan(dir), "posixpath.os.system");
    }

    @Test
    void shouldReportAnAbsurdlyLongChainQuicklyAsCritical() throws Exception {
        String name = "a.".repeat(200_000) + "b";
        write(dir, "long.pkl", PickleOps.protocol(4).shortUnicode("logging").str(3, name).stackGlobal().stop().bytes());

        long start = System.nanoTime();
        ScanReport report = scan(dir);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("200002 dotted parts");
        });
    }

    @Test
    void shouldReportAnAttributeThatIsADangerousModule() throws Exception {
        write(dir, "module-ref.pkl", PickleOps.protocol(4).stackGlobal("logging", "os").memoize().stop().bytes());

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("logging.os").contains("not called directly");
        });
    }

    @Test
    void shouldReportADangerousModuleInsideTheModulePath() throws Exception {
        write(dir, "inner.pkl", PickleOps.call(2, "mylab.vendored.subprocess", "run", "id"));

        assertOneCritical(scan(dir), "mylab.vendored.subprocess.run");
    }

    @Test
    void shouldReportProtocolZeroGlobalWithADottedNameInsideAZip() throws Exception {
        byte[] pickle = "cposixpath\nos.system\n(S'id'\ntR.".getBytes(StandardCharsets.US_ASCII);
        write(dir, "model.pt", Fixtures.zip(Fixtures.torchZipEntries(pickle), true));

        ScanReport report = scan(dir);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.pt!/archive/data.pkl");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void shouldNotLetAUserWildcardAllowCoverADangerousChain() throws Exception {
        Path policy = write(dir.resolve("policy"), "p.json",
                "{\"pickle\": {\"allow\": [\"mylab.*\"]}}".getBytes(StandardCharsets.UTF_8));
        ScanPolicy p = ScanPolicy.defaults().extendedWith(policy);

        assertThat(p.pickleGlobal("mylab.layers", "Dense").allowed()).isTrue();
        assertThat(p.pickleGlobal("mylab.helpers", "os.system").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("mylab.helpers", "check_output").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("mylab.helpers", "subprocess").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.pickleGlobal("mylab.helpers", "Runner.__call__.__globals__").severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldLetAnExactUserAllowDecideAlone() throws Exception {
        Path policy = write(dir.resolve("policy"), "p.json",
                "{\"pickle\": {\"allow\": [\"mylab.tools.system\"]}}".getBytes(StandardCharsets.UTF_8));
        ScanPolicy p = ScanPolicy.defaults().extendedWith(policy);

        assertThat(p.pickleGlobal("mylab.tools", "system").allowed()).isTrue();
        assertThat(ScanPolicy.defaults().pickleGlobal("mylab.tools", "system").severity())
                .isEqualTo(Severity.CRITICAL);
    }
}
