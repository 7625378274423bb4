package org.secmlops.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeOutputTest {
    private static final SafeOutput.Kind REPORT = SafeOutput.Kind.startingWith("test report", "REPORT v1\n");

    @TempDir
    Path dir;

    private static byte[] hostileBytes() {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 131 + 7);
        }
        return bytes;
    }

    private String[] leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toArray(String[]::new);
        }
    }

    @Test
    void shouldGiveAnOutputThePermissionsOfAPlainNewFileNotOwnerOnly() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path report = dir.resolve("report.html");

        SafeOutput.writeString(report, REPORT, "<html></html>");

        assertThat(Files.getPosixFilePermissions(report)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plain.txt", "report.html");
        }
    }

    @Test
    void shouldReplaceASymlinkAtTheFinalNameAndNeverWriteThroughIt() throws Exception {
        Path victim = Files.write(dir.resolve("earlier-report.txt"), "REPORT v1\nold content\n".getBytes());
        byte[] before = Files.readAllBytes(victim);
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), victim);

        SafeOutput.writeString(link, REPORT, "REPORT v1\nnew content\n");

        assertThat(Files.isSymbolicLink(link)).as("the link itself was replaced").isFalse();
        assertThat(Files.readString(link)).isEqualTo("REPORT v1\nnew content\n");
        assertThat(Files.readAllBytes(victim)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void shouldRefuseASymlinkToAFileThatIsNotAnEarlierOutputAndLeaveBothAlone() throws Exception {
        byte[] hostile = hostileBytes();
        Path victim = Files.write(dir.resolve("weights.bin"), hostile);
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), victim);

        assertThatThrownBy(() -> SafeOutput.writeString(link, REPORT, "REPORT v1\n"))
                .isInstanceOf(PathRefusedException.class)
                .hasMessageContaining("is a symbolic link to " + victim)
                .hasMessageContaining("not a test report");

        assertThat(Files.readAllBytes(victim)).isEqualTo(hostile);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void shouldReplaceADanglingSymlinkAndCreateNothingAtItsTarget() throws Exception {
        Path target = dir.resolve("elsewhere/never.txt");
        Path link = Files.createSymbolicLink(dir.resolve("report.txt"), target);

        SafeOutput.writeString(link, REPORT, "REPORT v1\n");

        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo("REPORT v1\n");
        assertThat(target).doesNotExist();
    }

    @Test
    void shouldRefuseFilesFoldersAndFifosThatAreNotEarlierOutputs() throws Exception {
        byte[] hostile = hostileBytes();
        Path file = Files.write(dir.resolve("data.csv"), hostile);
        Path emptyFile = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> SafeOutput.writeString(file, REPORT, "REPORT v1\n"))
                .isInstanceOf(PathRefusedException.class).hasMessageContaining("refusing to overwrite it");
        assertThatThrownBy(() -> SafeOutput.writeString(emptyFile, REPORT, "REPORT v1\n"))
                .isInstanceOf(PathRefusedException.class);
        assertThatThrownBy(() -> SafeOutput.writeString(folder, REPORT, "REPORT v1\n"))
                .isInstanceOf(PathRefusedException.class).hasMessageContaining("(a folder)");
        assertThatThrownBy(() -> SafeOutput.writeString(fifo, REPORT, "REPORT v1\n"))
                .isInstanceOf(PathRefusedException.class).hasMessageContaining("device, FIFO or socket");

        assertThat(Files.readAllBytes(file)).isEqualTo(hostile);
        assertThat(Files.size(emptyFile)).isZero();
        assertThat(Files.isDirectory(folder)).isTrue();
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void shouldReplaceAnEarlierOutputAtomicallyAndKeepItWhenWritingFails() throws Exception {
        Path report = dir.resolve("report.txt");
        SafeOutput.writeString(report, REPORT, "REPORT v1\nfirst\n");
        SafeOutput.writeString(report, REPORT, "REPORT v1\nsecond\n");

        assertThatThrownBy(() -> SafeOutput.write(report, REPORT, out -> {
            out.write("REPORT v1\nhalf".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(report)).isEqualTo("REPORT v1\nsecond\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void deletePendingShouldRemoveTheTemporaryFileOfAnOutputBeingWritten() throws Exception {
        Path report = dir.resolve("report.txt");
        String[] during = new String[1];

        assertThatThrownBy(() -> SafeOutput.write(report, REPORT, out -> {
            out.write("REPORT v1\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            during[0] = String.join(",", leftovers());
            SafeOutput.deletePending();
            throw new IOException("stopped");
        })).hasMessage("stopped");

        assertThat(during[0]).startsWith(".report.txt.").endsWith(".tmp");
        assertThat(leftovers()).isEmpty();
        assertThat(report).doesNotExist();
    }

    @Test
    void aPlanShouldRefuseTwoOutputsNamingTheSameFileAndOutputsThatAreInputs() throws Exception {
        byte[] hostile = hostileBytes();
        Path data = Files.write(dir.resolve("data.csv"), hostile);
        Path linkToData = Files.createSymbolicLink(dir.resolve("link.csv"), data);
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), data);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path out = dir.resolve("out.txt");

        assertThatThrownBy(() -> new SafeOutput.Plan().output("--a", out, REPORT)
                .output("--b", sub.resolve("../out.txt"), REPORT).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--a " + out).hasMessageContaining("name the same file");
        for (Path alias : new Path[] {data, sub.resolve("../data.csv"), linkToData, hardLink}) {
            assertThatThrownBy(() -> new SafeOutput.Plan().input("--data", data).output("--out", alias, REPORT)
                    .check()).as(alias.toString()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is an input of this run (--data " + data + ")");
        }
        new SafeOutput.Plan().input("--data", data).output("--out", out, REPORT).output("--other",
                dir.resolve("other.txt"), REPORT).check();

        assertThat(Files.readAllBytes(data)).isEqualTo(hostile);
    }

    @Test
    void aPlanShouldRefuseDeviceAndFifoInputs() throws Exception {
        Path fifo = dir.resolve("fifo.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();

        for (Path special : new Path[] {Path.of("/dev/zero"), Path.of("/dev/urandom"), fifo}) {
            assertThatThrownBy(() -> new SafeOutput.Plan().input("--data", special)
                    .output("--out", dir.resolve("out.txt"), REPORT).check()).as(special.toString())
                    .isInstanceOf(PathRefusedException.class)
                    .hasMessage("--data " + special + " is not a regular file or folder (a device, FIFO or socket);"
                            + " only files and folders are read");
        }
    }

    @Test
    void boundedReadsShouldRefuseDevicesAndFilesOverTheLimitAndNameEmptyExceptions() throws Exception {
        Path small = Files.write(dir.resolve("key.pem"), hostileBytes());
        assertThat(InputFiles.readBounded(small, 4096, "--key")).isEqualTo(hostileBytes());
        assertThatThrownBy(() -> InputFiles.readBounded(small, 4095, "--key"))
                .isInstanceOf(PathRefusedException.class).hasMessageContaining("the limit is 4095 bytes");
        assertThatThrownBy(() -> InputFiles.readBounded(Path.of("/dev/zero"), 1 << 20, "--key"))
                .isInstanceOf(PathRefusedException.class).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> InputFiles.readBounded(dir, 1 << 20, "--key"))
                .isInstanceOf(PathRefusedException.class).hasMessageContaining("is a folder");
        assertThat(InputFiles.message(new java.io.EOFException())).isEqualTo(
                "unexpected end of file (the file is empty or truncated)");
        assertThat(InputFiles.message(new IOException())).isEqualTo("IOException");
    }
}
