package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets a documented exit code and a message that says what, before any work. */
class HostileInputsTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    private String console() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
        return fifo;
    }

    private Path data() throws Exception {
        return Files.writeString(dir.resolve("good.csv"), "a,label\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n");
    }

    @Test
    void atFileArgumentsShouldNeverBeExpandedOrTheirContentPrinted() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "hunter2-TOKEN-4711\n--report-dir\n/tmp/x\n");
        Path reportDir = dir.resolve("r");

        int scan = SecMLOpsCli.execute("scan", "@" + secret, "--report-dir", reportDir.toString());
        int dataCheck = SecMLOpsCli.execute("data-check", "@" + secret);
        int top = SecMLOpsCli.execute("@" + secret);

        assertThat(scan).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(dataCheck).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(top).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(console()).contains("@" + secret).doesNotContain("hunter2", "TOKEN-4711");
    }

    @Test
    void keysAndSignaturesThatAreDevicesFifosOrHugeShouldBeInputErrors() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("weights.bin"), "0123456789");
        Path keyFifo = fifo("key.pem");
        Path huge = dir.resolve("huge.pem");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        Path publicKey = Files.writeString(dir.resolve("key.pub"), SignCommandTest.P384_PUBLIC);
        Path reportDir = dir.resolve("r");

        int[] exits = {
            SecMLOpsCli.execute("sign", model.toString(), "--key", "/dev/zero", "--signature",
                    dir.resolve("a.sig").toString(), "--report-dir", reportDir.toString()),
            SecMLOpsCli.execute("sign", model.toString(), "--key", keyFifo.toString(), "--signature",
                    dir.resolve("b.sig").toString(), "--report-dir", reportDir.toString()),
            SecMLOpsCli.execute("sign", model.toString(), "--key", huge.toString(), "--signature",
                    dir.resolve("c.sig").toString(), "--report-dir", reportDir.toString()),
            SecMLOpsCli.execute("verify", model.toString(), "--public-key", publicKey.toString(), "--signature",
                    "/dev/zero", "--report-dir", reportDir.toString()),
            SecMLOpsCli.execute("verify", model.toString(), "--public-key", "/dev/urandom", "--signature",
                    dir.resolve("x.sig").toString(), "--report-dir", reportDir.toString()),
        };

        assertThat(exits).containsOnly(ExitCode.INPUT_ERROR.code());
        assertThat(console()).contains("--key /dev/zero is not a regular file or folder (a device, FIFO or socket)",
                "--key " + keyFifo + " is not a regular file or folder",
                "is larger than 1 MiB: not a PEM key",
                "--signature /dev/zero is not a regular file or folder",
                "--public-key /dev/urandom is not a regular file or folder");
        assertThat(reportDir).doesNotExist();
    }

    @Test
    void dataThatIsADeviceOrFifoShouldBeAnInputErrorForEveryCommand() throws Exception {
        Path fifo = fifo("data.csv");
        Path model = Files.createDirectories(dir.resolve("model"));
        Path reportDir = dir.resolve("r");

        int dataCheck = SecMLOpsCli.execute("data-check", "--data", fifo.toString(), "--label-column", "label",
                "--report-dir", reportDir.toString());
        int evaluate = SecMLOpsCli.execute("evaluate", "--model", model.toString(), "--data", "/dev/zero",
                "--label-column", "label", "--report-dir", reportDir.toString());
        int robustness = SecMLOpsCli.execute("robustness", "--model", model.toString(), "--data", fifo.toString(),
                "--label-column", "label", "--report-dir", reportDir.toString());
        int scan = SecMLOpsCli.execute("scan", "/dev/zero", "--report-dir", reportDir.toString());
        int reference = SecMLOpsCli.execute("data-check", "--data", data().toString(), "--label-column", "label",
                "--reference", "/dev/zero", "--report-dir", reportDir.toString());

        assertThat(new int[] {dataCheck, evaluate, robustness, scan, reference})
                .containsOnly(ExitCode.INPUT_ERROR.code());
        assertThat(console()).contains("--data " + fifo + " is not a regular file or folder",
                "--data /dev/zero is not a regular file or folder", "PATH /dev/zero is not a regular file or folder",
                "--reference /dev/zero is not a regular file or folder");
        assertThat(reportDir).doesNotExist();
    }

    @Test
    void anUnusableReportDirectoryShouldBeRefusedBeforeAnyWorkWhateverKindOfPathItIs() throws Exception {
        Path data = data();
        Path file = Files.writeString(dir.resolve("file.txt"), "keep");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere/at/all"));
        Path linkToFile = Files.createSymbolicLink(dir.resolve("link-to-file"), file);
        Path fifo = fifo("fifo");
        Path[] unusable = {file, file.resolve("sub"), dangling, dangling.resolve("sub"), linkToFile, fifo,
            Path.of("/dev/null"), Path.of("/proc/version/x")};

        for (Path reportDir : unusable) {
            int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                    "--report-dir", reportDir.toString());

            assertThat(exit).as(reportDir.toString()).isEqualTo(ExitCode.INPUT_ERROR.code());
        }
        assertThat(console()).contains("--report-dir " + dangling + " is a symbolic link to nothing",
                "--report-dir " + file + " exists and is not a directory",
                "--report-dir " + fifo + " exists and is not a directory")
                .doesNotContain("internal error", "data: CSV");
        assertThat(Files.readString(file)).isEqualTo("keep");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void csvProblemsShouldBeInputErrorsThatNameTheLine() throws Exception {
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, ("\uFEFFlabel,a\n" + "0,1\n1,5\n".repeat(20)).getBytes(StandardCharsets.UTF_8));
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "a,label\n1,0\n2,1\n3,0 caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path bigLabel = Files.writeString(dir.resolve("big.csv"), "a,label\n1,0\n2,1000000000\n");
        Path emptyGz = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[0]);
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[0]);

        int withBom = SecMLOpsCli.execute("data-check", "--data", bom.toString(), "--label-column", "label",
                "--folds", "2", "--report-dir", dir.resolve("r1").toString());
        int notUtf8 = SecMLOpsCli.execute("data-check", "--data", latin1.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r2").toString());
        int billion = SecMLOpsCli.execute("data-check", "--data", bigLabel.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("r3").toString());
        int gz = SecMLOpsCli.execute("data-check", "--data", emptyGz.toString(), "--report-dir",
                dir.resolve("r4").toString());

        assertThat(withBom).isBetween(0, 2);
        assertThat(notUtf8).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(billion).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(gz).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(console()).contains(latin1 + " is not UTF-8 at line 4",
                "label 1000000000 is above the largest class index 9999",
                "Cannot read IDX data " + emptyGz + ": unexpected end of file (the file is empty or truncated)")
                .doesNotContain("null", "internal error");
    }
}
