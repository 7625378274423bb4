package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

class PickleScanningTest {

    @TempDir
    Path dir;

    @TempDir
    Path policyDir;

    private ScanReport scan() throws ScanException {
        return new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(dir, line -> { });
    }

    private static List<ScanFinding> critical(ScanReport report) {
        return report.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).toList();
    }

    @Test
    void shouldReportOsSystemReduceAsCritical() throws Exception {
        write(dir, "model.pkl", Fixtures.osSystemProtocol2());

        ScanReport report = scan();

        assertThat(critical(report)).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.pkl");
            assertThat(f.rule()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
            assertThat(f.location()).isEqualTo("opcode offset 2");
            assertThat(f.message()).contains("os.system").contains("calls it (REDUCE)")
                    .contains("operating-system commands");
        });
        assertThat(report.findings()).hasSize(1);
    }

    @Test
    void shouldResolveStackGlobalWithFrameAndMemoize() throws Exception {
        write(dir, "model.pt", Fixtures.osSystemProtocol4());

        ScanReport report = scan();

        assertThat(critical(report)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("os.system").contains("REDUCE");
            assertThat(f.location()).isEqualTo("opcode offset 25");
        });
        assertThat(report.countBySeverity(Severity.MEDIUM)).isZero();
    }

    @Test
    void shouldResolveStackGlobalOperandsReadBackFromTheMemo() throws Exception {
        byte[] pickle = new Fixtures.Bytes().op(0x80, 4)
                .shortBinUnicode("subprocess").op('q', 0).shortBinUnicode("Popen").op('q', 1)
                .op('0', '0') // pop both, then fetch them again from the memo
                .op('h', 0).op('h', 1).op(0x93)
                .op(']').shortBinUnicode("id").op('a').op(0x85).op('R').op('.').bytes();
        write(dir, "weights.joblib", pickle);

        assertThat(critical(scan())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("subprocess.Popen").contains("REDUCE"));
    }

    @Test
    void shouldReportProtocolZeroTextPickle() throws Exception {
        write(dir, "legacy.pickle", Fixtures.osSystemProtocol0());

        assertThat(critical(scan())).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("os.system");
            assertThat(f.location()).isEqualTo("opcode offset 0");
        });
    }

    @Test
    void shouldRecognisePickleByContentWhateverItsName() throws Exception {
        write(dir, "innocent-looking-name", Fixtures.osSystemProtocol2());
        write(dir, "text-pickle", Fixtures.osSystemProtocol0());

        assertThat(critical(scan())).extracting(ScanFinding::file).containsExactly("innocent-looking-name", "text-pickle");
    }

    @Test
    void shouldReportInstAndObjAsCalls() throws Exception {
        write(dir, "inst.pkl", "(S'id'\nisubprocess\ncheck_output\n.".getBytes(StandardCharsets.US_ASCII));
        write(dir, "obj.pkl", "(cbuiltins\neval\nS'1+1'\no.".getBytes(StandardCharsets.US_ASCII));

        ScanReport report = scan();

        assertThat(critical(report)).extracting(ScanFinding::message)
                .anySatisfy(m -> assertThat(m).contains("subprocess.check_output").contains("(INST)"))
                .anySatisfy(m -> assertThat(m).contains("builtins.eval").contains("(OBJ)"));
    }

    @Test
    void shouldNotFlagBenignTorchSaveZip() throws Exception {
        write(dir, "model.pt", Fixtures.zip(Fixtures.torchZipEntries(Fixtures.torchStateDictPickle()), true));

        ScanReport report = scan();

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesScanned()).isEqualTo(1);
    }

    @Test
    void shouldReportMaliciousPickleInsideTorchZipWithBangPath() throws Exception {
        write(dir, "model.pt", Fixtures.zip(Fixtures.torchZipEntries(Fixtures.osSystemProtocol2()), true));

        assertThat(critical(scan())).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.pt!/archive/data.pkl");
            assertThat(f.message()).contains("os.system");
        });
    }

    @Test
    void shouldReportUnknownGlobalAsMediumAndNoteWhenItIsNotCalled() throws Exception {
        byte[] pickle = new Fixtures.Bytes().op(0x80, 2).global("mylib.models", "Net").op('.').bytes();
        write(dir, "net.pkl", pickle);

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.rule()).isEqualTo("PICKLE_UNKNOWN_GLOBAL");
            assertThat(f.message()).contains("mylib.models.Net").contains("not called directly");
        });
    }

    @Test
    void shouldScanEveryConcatenatedPickle() throws Exception {
        byte[] first = new Fixtures.Bytes().op(0x80, 2).op('}').op('.').bytes();
        write(dir, "two.joblib", concat(first, Fixtures.osSystemProtocol2()));

        assertThat(critical(scan())).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("opcode offset " + (first.length + 2)));
    }

    @Test
    void shouldReportTruncatedPickleWithItsOffset() throws Exception {
        byte[] full = Fixtures.osSystemProtocol2();
        write(dir, "cut.pkl", Arrays.copyOf(full, 20));

        ScanReport report = scan();

        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("truncated pickle at offset 20");
        });
        // what was decoded before the damage is still reported
        assertThat(critical(report)).singleElement().satisfies(f -> assertThat(f.message()).contains("os.system"));
    }

    @Test
    void shouldReportGarbageNamedPtAsUnparseable() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = (byte) 0xfe;
        write(dir, "random.pt", garbage);

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE");
            assertThat(f.message()).contains("unknown opcode 0xfe at offset 0");
        });
    }

    @Test
    void shouldReportEmptyModelFile() throws Exception {
        write(dir, "empty.pt", new byte[0]);
        write(dir, "notes.txt", new byte[0]);

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("empty.pt");
            assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE");
            assertThat(f.message()).contains("empty");
        });
    }

    @Test
    void shouldFlagStackGlobalWithNonStringOperands() throws Exception {
        byte[] pickle = new Fixtures.Bytes().op(0x80, 4).op('K', 1).shortBinUnicode("system").op(0x93).op('.').bytes();
        write(dir, "odd.pkl", pickle);

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("PICKLE_UNRESOLVED_GLOBAL");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void shouldFlagBuildThatMonkeyPatchesAGlobal() throws Exception {
        byte[] pickle = new Fixtures.Bytes().op(0x80, 2).global("collections", "OrderedDict")
                .op('}').binUnicode("__repr__").op('N').op('s').op('b').op('.').bytes();
        write(dir, "patch.pkl", pickle);

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("PICKLE_GLOBAL_MUTATION");
            assertThat(f.message()).contains("collections.OrderedDict");
        });
    }

    @Test
    void shouldSkipRawArrayDataInsideJoblibPickles() throws Exception {
        // joblib writes a NumpyArrayWrapper, then the array's raw bytes, then carries on with the pickle.
        Fixtures.Bytes b = new Fixtures.Bytes().op(0x80, 4)
                .global("joblib.numpy_pickle", "NumpyArrayWrapper").op(0x94).op(')').op(0x81).op(0x94)
                .op('}').op(0x94).op('(')
                .shortBinUnicode("subclass").global("numpy", "ndarray")
                .shortBinUnicode("shape").op('K', 3).op('K', 2).op(0x86)
                .shortBinUnicode("order").shortBinUnicode("C")
                .shortBinUnicode("dtype").global("numpy", "dtype").shortBinUnicode("f8").op(0x89).op(0x88)
                .op(0x87).op('R').op('(').op('K', 3).shortBinUnicode("<").op('N', 'N', 'N').op('J').le(-1, 4)
                .op('J').le(-1, 4).op('K', 0).op('t').op('b')
                .shortBinUnicode("allow_mmap").op(0x89)
                .shortBinUnicode("numpy_array_alignment_bytes").op('K', 16)
                .op('u').op('b');
        byte[] prefix = b.bytes();
        int padding = 16 - ((prefix.length + 1) % 16);
        byte[] raw = new byte[1 + padding + 3 * 2 * 8];
        raw[0] = (byte) padding;
        Arrays.fill(raw, 1, 1 + padding, (byte) 0xff);
        Arrays.fill(raw, 1 + padding, raw.length, (byte) 0x93); // would read as STACK_GLOBAL opcodes
        byte[] tail = new Fixtures.Bytes().op(0x94).global("os", "system").binUnicode("id").op(0x85).op('R')
                .op(0x86).op('.').bytes();
        write(dir, "model.joblib", concat(concat(prefix, raw), tail));

        ScanReport report = scan();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("os.system");
        });
    }

    @Test
    void shouldScanGzipCompressedJoblib() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(Fixtures.osSystemProtocol4());
        }
        write(dir, "model.pkl", out.toByteArray());
        write(dir, "model.joblib.gz", out.toByteArray());

        assertThat(critical(scan())).extracting(ScanFinding::file).containsExactly("model.joblib.gz", "model.pkl");
    }

    @Test
    void shouldSayWhenACompressionCodecCannotBeRead() throws Exception {
        write(dir, "model.joblib.xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4, 1, 2, 3});

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("UNSUPPORTED_COMPRESSION");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void shouldScanThePickleInsideAnObjectNpyArray() throws Exception {
        String header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
        StringBuilder padded = new StringBuilder(header);
        while ((10 + padded.length() + 1) % 64 != 0) {
            padded.append(' ');
        }
        padded.append('\n');
        byte[] npy = new Fixtures.Bytes().op(0x93).text("NUMPY").op(1, 0).le(padded.length(), 2)
                .text(padded.toString()).raw(Fixtures.osSystemProtocol2()).bytes();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("arr_0.npy", npy);
        write(dir, "data.npz", Fixtures.zip(entries, false));

        assertThat(critical(scan())).singleElement().satisfies(f -> assertThat(f.file()).isEqualTo("data.npz!/arr_0.npy"));
    }

    @Test
    void shouldStopAtTheRawStorageDataOfLegacyTorchFiles() throws Exception {
        byte[] magic = new Fixtures.Bytes().op(0x80, 2).op(0x8a, 10)
                .raw(new byte[] {0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19})
                .op('.').bytes();
        byte[] small = new Fixtures.Bytes().op(0x80, 2).op('K', 1).op('.').bytes();
        byte[] keys = new Fixtures.Bytes().op(0x80, 2).op(']').op('.').bytes();
        byte[] rawStorage = new byte[64];
        Arrays.fill(rawStorage, (byte) 0xfe);
        byte[] file = concat(concat(concat(concat(magic, small), small), Fixtures.torchStateDictPickle()), keys);
        write(dir, "legacy.pt", concat(file, rawStorage));

        assertThat(scan().findings()).isEmpty();
    }

    @Test
    void shouldHonourAPolicyThatAllowsOsSystem() throws Exception {
        write(dir, "model.pkl", Fixtures.osSystemProtocol2());
        Path policy = write(policyDir, "policy.json",
                "{\"pickle\": {\"allow\": [\"os.system\"]}}".getBytes(StandardCharsets.UTF_8));

        ScanReport report = new ModelScanner(ScanPolicy.defaults().extendedWith(policy), ScanLimits.defaults())
                .scan(dir, line -> { });

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void shouldUseTheSeverityAUserPolicyGivesToADeniedGlobal() throws Exception {
        write(dir, "model.pkl", Fixtures.osSystemProtocol2());
        Path policy = write(policyDir, "policy.json",
                "{\"pickle\": {\"deny\": {\"os.system\": \"low\"}}}".getBytes(StandardCharsets.UTF_8));

        ScanReport report = new ModelScanner(ScanPolicy.defaults().extendedWith(policy), ScanLimits.defaults())
                .scan(dir, line -> { });

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.rule()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
        });
    }

    @Test
    void shouldCapTheFindingsOfOneFile() throws Exception {
        Fixtures.Bytes b = new Fixtures.Bytes().op(0x80, 2);
        for (int i = 0; i < 1500; i++) {
            b.global("pkg" + i, "Thing").op('0');
        }
        write(dir, "flood.pkl", b.op('N').op('.').bytes());

        ScanReport report = scan();

        assertThat(report.findings()).hasSize(FindingSink.MAX_PER_FILE);
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("FINDINGS_TRUNCATED")).hasSize(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

}
