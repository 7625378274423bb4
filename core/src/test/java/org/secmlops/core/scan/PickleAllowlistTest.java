package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;
import static org.secmlops.core.scan.ScanAssert.scan;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Issue 14: an allow list names exact callables; a trusted module never lends its trust to what it imports. */
class PickleAllowlistTest {

    @TempDir
    Path dir;

    @Test
    void shouldHoldOnlyExactNamesInTheBuiltInAllowList() {
        Map<String, ScanPolicy.Decision> defaults = DefaultPolicy.pickle();

        assertThat(defaults.values()).filteredOn(ScanPolicy.Decision::allowed)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.pattern()).doesNotContain("*"));
    }

    @ParameterizedTest(name = "protocol {0}: {1} + {2}")
    @CsvSource({
        "2, sklearn.utils._testing, check_output",
        "4, sklearn.utils._testing, check_output",
        "0, sklearn.utils._testing, check_output",
        "4, sklearn.utils._testing, subprocess.check_output",
        "4, sklearn.base, os.system",
        "4, scipy.sparse._base, os.system",
        "4, sklearn.base, sys.modules",
        "2, torch.nn.modules.module, os.system",
        "4, torch.nn.modules.linear, Linear.__init__.__globals__",
        "1, datetime, os.system",
    })
    void shouldReportWhatATrustedModuleMerelyImportsAsCritical(int protocol, String module, String name)
            throws Exception {
        write(dir, "model.pkl", PickleOps.call(protocol, module, name, "id"));

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.rule()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
            assertThat(f.message()).contains(module + "." + name).contains("calls it (REDUCE)");
        });
    }

    @ParameterizedTest(name = "protocol {0}: {1}.{2}")
    @CsvSource({
        "2, sklearn.utils.fixes, parse_version",
        "4, sklearn.utils._testing, assert_run_python_script_without_output",
        "4, scipy.sparse._sputils, downcast_intp_index",
        "2, torch.nn.modules.module, register_module_forward_hook",
        "0, mylab.layers, Custom",
    })
    void shouldReportACalledGlobalOutsideTheExactListAsHigh(int protocol, String module, String name)
            throws Exception {
        write(dir, "model.pkl", PickleOps.call(protocol, module, name, "x"));

        assertThat(scan(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.rule()).isEqualTo("PICKLE_UNKNOWN_GLOBAL");
            assertThat(f.message()).contains(module + "." + name).contains("calls it");
        });
    }

    @Test
    void shouldRankAnUnknownImportThatIsNotCalledBelowACalledOne() throws Exception {
        write(dir, "imported.pkl", PickleOps.protocol(4).stackGlobal("mylab.layers", "Custom").stop().bytes());
        write(dir, "called.pkl", PickleOps.protocol(4).stackGlobal("mylab.layers", "Custom").emptyTuple()
                .newobj().stop().bytes());

        ScanReport report = scan(dir);

        assertThat(ScanAssert.about(report, "imported.pkl")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(ScanAssert.about(report, "called.pkl")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("calls it (NEWOBJ)");
        });
    }

    @Test
    void shouldCountAClassBuiltThroughCopyregReconstructorAsCalled() throws Exception {
        // protocol 0/1 objects: copyreg._reconstructor(cls, object, None)
        byte[] pickle = PickleOps.protocol(0).global("copy_reg", "_reconstructor").put(0).mark()
                .global("mylab.models", "Net").put(1).global("__builtin__", "object").put(2).none().tuple().put(3)
                .reduce().put(4).stop().bytes();
        write(dir, "legacy.pkl", pickle);

        assertThat(scan(dir).findings()).filteredOn(f -> f.message().contains("mylab.models.Net")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.HIGH);
                    assertThat(f.message()).contains("REDUCE through copy_reg._reconstructor");
                });
    }

    @Test
    void shouldStillPassCommonScikitLearnAndTorchClassesQuietly() throws Exception {
        byte[] sklearn = PickleOps.protocol(4).stackGlobal("sklearn.linear_model._logistic", "LogisticRegression")
                .memoize().emptyTuple().newobj().memoize().emptyDict().shortUnicode("C").int1(1).setitem().build()
                .stop().bytes();
        byte[] torch = PickleOps.protocol(2).global("torch.nn.modules.linear", "Linear").binput(0).emptyTuple()
                .newobj().emptyDict().build().stop().bytes();
        byte[] sparse = PickleOps.protocol(4).stackGlobal("scipy.sparse._csr", "csr_matrix").emptyTuple().newobj()
                .stop().bytes();
        write(dir, "sk.pkl", sklearn);
        write(dir, "torch.pkl", torch);
        write(dir, "sparse.pkl", sparse);

        assertThat(scan(dir).findings()).isEmpty();
    }
}
