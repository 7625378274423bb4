package org.secmlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.run.Cancellation;

/** Data written to hurt the reader: each is refused with a message that says what, before memory runs out. */
class HostileDataTest {
    @TempDir
    Path dir;

    private static List<Batch> readAll(DataSpec spec) throws Exception {
        List<Batch> batches = new ArrayList<>();
        try (SampleSource source = Datasets.open(spec)) {
            for (Batch b = source.next(64); b != null; b = source.next(64)) {
                batches.add(b);
            }
        }
        return batches;
    }

    private Path write(String name, byte[]... parts) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
        return file;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldDropAUtf8ByteOrderMarkBeforeTheHeader() throws Exception {
        Path csv = write("bom.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("label,x\n1,0.5\n0,2\n"));

        List<Batch> batches = readAll(DataSpec.of(csv).withLabelColumn("label"));

        assertThat(batches.get(0).labels()).containsExactly(1, 0);
        assertThat(batches.get(0).features()[1]).containsExactly(2f);
    }

    @Test
    void shouldNameTheLineThatIsNotUtf8() throws Exception {
        Path latin1 = write("latin1.csv", utf8("x,label\n1,0\n"), new byte[] {'2', ',', '1', (byte) 0xE9, '\n'});
        Path lone = write("lone.csv", utf8("x,label\n1,0\n2,1\n3,0\n"), new byte[] {(byte) 0xC3, ',', '1', '\n'});
        Path header = write("header.csv", new byte[] {'x', (byte) 0xFF, ',', 'y', '\n'}, utf8("1,0\n"));

        assertThatThrownBy(() -> readAll(DataSpec.of(latin1).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class).hasMessage(latin1 + " is not UTF-8 at line 3 (save it as UTF-8)");
        assertThatThrownBy(() -> readAll(DataSpec.of(lone).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("is not UTF-8 at line 5");
        assertThatThrownBy(() -> readAll(DataSpec.of(header).withLabelColumn("y")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("is not UTF-8 at line 1");
    }

    @Test
    void shouldRefuseALineLongerThanTheLimitWithoutHoldingIt() throws Exception {
        byte[] digits = new byte[Datasets.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(digits, (byte) '7');
        Path csv = write("long.csv", utf8("x,label\n1,0\n"), digits, utf8(",1\n"));

        assertThatThrownBy(() -> readAll(DataSpec.of(csv).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class)
                .hasMessage(csv + " line 3 is longer than the limit of 8 MiB per line");

        LineReader small = LineReader.of(csv, new ByteArrayInputStream(utf8("ok\r\n0123456789\n")), 5);
        assertThat(small.readLine()).isEqualTo("ok");
        assertThatThrownBy(small::readLine).hasMessageContaining("line 2 is longer than the limit of 5 bytes");
        LineReader endings = LineReader.of(csv, new ByteArrayInputStream(utf8("a\r\nb\rc\n\nd\r")), 5);
        List<String> lines = new ArrayList<>();
        for (String line = endings.readLine(); line != null; line = endings.readLine()) {
            lines.add(endings.lineNumber() + ":" + line);
        }
        assertThat(lines).containsExactly("1:a", "2:b", "3:c", "4:", "5:d");
    }

    @Test
    void shouldRefuseAMillionColumnHeaderAndAWideRow() throws Exception {
        StringBuilder header = new StringBuilder("label");
        for (int i = 0; i < 1_000_000; i++) {
            header.append(",c");
        }
        Path wideHeader = write("wide.csv", utf8(header + "\n"), utf8("1,2\n"));
        StringBuilder row = new StringBuilder("1");
        for (int i = 0; i < Datasets.MAX_COLUMNS; i++) {
            row.append(",0");
        }
        Path wideRow = write("row.csv", utf8("label,x\n0,1\n"), utf8(row + "\n"));

        assertThatThrownBy(() -> readAll(DataSpec.of(wideHeader).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class)
                .hasMessage(wideHeader + " line 1 has more than the limit of 100000 columns");
        assertThatThrownBy(() -> readAll(DataSpec.of(wideRow).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("line 3 has more than the limit");
    }

    @Test
    void shouldRefuseLabelsAboveTheLargestClassIndex() throws Exception {
        Path billion = write("billion.csv", utf8("x,label\n1,0\n2,1000000000\n"));
        Path edge = write("edge.csv", utf8("x,label\n1,0\n2,10000\n"));
        Path fine = write("fine.csv", utf8("x,label\n1,0\n2,9999\n"));
        Files.createDirectories(dir.resolve("images/999999999"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", dir.resolve("images/999999999/a.png").toFile());

        assertThatThrownBy(() -> readAll(DataSpec.of(billion).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("line 3, column 2: label 1000000000 is"
                        + " above the largest class index 9999 (at most 10000 classes)");
        assertThatThrownBy(() -> readAll(DataSpec.of(edge).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("label 10000 is above");
        assertThat(readAll(DataSpec.of(fine).withLabelColumn("label")).get(0).labels()).containsExactly(0, 9999);
        assertThatThrownBy(() -> readAll(DataSpec.of(dir.resolve("images"))))
                .isInstanceOf(DatasetException.class).hasMessageContaining("class folder 999999999 is above the"
                        + " largest class index 9999");
    }

    @Test
    void shouldRefuseSamplesOfMoreValuesThanTheLimitBeforeAllocatingThem() throws Exception {
        ByteBuffer images = ByteBuffer.allocate(4 + 4 * 3 + 16);
        images.putInt(0x00000803).putInt(64).putInt(65536).putInt(65536);
        ByteBuffer labels = ByteBuffer.allocate(8 + 64).putInt(0x00000801).putInt(64);
        Path x = write("big-images-idx3-ubyte", images.array());
        write("big-labels-idx1-ubyte", labels.array());

        assertThatThrownBy(() -> readAll(DataSpec.of(x)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("more than the limit of 16777216 values per sample");
    }

    @Test
    void shouldNameAnEmptyOrTruncatedGzipFileInsteadOfSayingNull() throws Exception {
        Path empty = write("empty-images-idx3-ubyte.gz");
        write("empty-labels-idx1-ubyte.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 1});
        }
        byte[] truncated = java.util.Arrays.copyOf(gz.toByteArray(), 12);
        Path cut = write("cut-images-idx3-ubyte.gz", truncated);
        write("cut-labels-idx1-ubyte.gz", truncated);

        for (Path file : new Path[] {empty, cut}) {
            assertThatThrownBy(() -> readAll(DataSpec.of(file))).as(file.toString())
                    .isInstanceOf(DatasetException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("null").contains(file.toString()));
        }
    }

    @Test
    void shouldRefuseDevicesAndFifosAsDataOrLabels() throws Exception {
        Path fifo = dir.resolve("fifo.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path npy = write("x.npy", new byte[16]);

        assertThatThrownBy(() -> readAll(DataSpec.of(fifo).withLabelColumn("label")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("is not a regular file or folder");
        assertThatThrownBy(() -> readAll(DataSpec.of(npy).withLabels(Path.of("/dev/zero"))))
                .isInstanceOf(DatasetException.class)
                .hasMessage("label file /dev/zero is not a regular file or folder (a device, FIFO or socket); only"
                        + " files and folders are read");
    }

    @Test
    void readingShouldStopWhenTheThreadIsInterrupted() throws Exception {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(',').append(i % 2).append('\n');
        }
        Path file = write("many.csv", utf8(csv.toString()));

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> readAll(DataSpec.of(file).withLabelColumn("label")))
                    .isInstanceOf(Cancellation.CancelledException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
