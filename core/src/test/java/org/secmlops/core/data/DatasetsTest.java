package org.secmlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.testsupport.ExternalData;

class DatasetsTest {

    @TempDir
    Path dir;

    private static List<Batch> readAll(SampleSource source, int batch) throws Exception {
        List<Batch> batches = new ArrayList<>();
        try (source) {
            for (Batch b = source.next(batch); b != null; b = source.next(batch)) {
                batches.add(b);
            }
        }
        return batches;
    }

    @Test
    void shouldStreamCsvInBatchesWithLineIdsAndTheLabelColumnByName() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "f1,label,f2\n1,0,2\n\n3,1,4\n5,1,6\n");

        List<Batch> batches = readAll(Datasets.open(DataSpec.of(csv).withLabelColumn("label")), 2);

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).ids()).containsExactly("line 2", "line 4");
        assertThat(batches.get(0).features()).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
        assertThat(batches.get(0).labels()).containsExactly(0, 1);
        assertThat(batches.get(1).ids()).containsExactly("line 5");
    }

    @Test
    void shouldReadTsvWithoutHeaderAndTheLabelColumnByIndex() throws Exception {
        Path tsv = Files.writeString(dir.resolve("d.tsv"), "1\t2\t0\n3\t4\t1\n");

        List<Batch> batches = readAll(Datasets.open(DataSpec.of(tsv).withLabelColumn("-1").withHeader(false)), 10);

        assertThat(batches.get(0).features()).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
        assertThat(batches.get(0).ids()).containsExactly("line 1", "line 2");
    }

    @Test
    void shouldRefuseAHeaderLineThatHoldsOnlyNumbersInsteadOfLosingTheFirstSample() throws Exception {
        Path headerless = Files.writeString(dir.resolve("d.csv"), "0.0,5.5,-1e3,2\n1,2,3,0\n");
        Path named = Files.writeString(dir.resolve("n.csv"), "2019,2020,label\n1,2,0\n");
        Path pandas = Files.writeString(dir.resolve("p.csv"), "0,1,2\n7,8,1\n");

        assertThatThrownBy(() -> Datasets.open(DataSpec.of(headerless).withLabelColumn("-1")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("line 1 holds only numbers")
                .hasMessageContaining("--no-header");
        assertThat(readAll(Datasets.open(DataSpec.of(headerless).withLabelColumn("-1").withHeader(false)), 10)
                .get(0).size()).isEqualTo(2);
        assertThat(readAll(Datasets.open(DataSpec.of(named).withLabelColumn("label")), 10).get(0).size())
                .as("a header with some names").isEqualTo(1);
        assertThat(readAll(Datasets.open(DataSpec.of(pandas).withLabelColumn("2")), 10).get(0).size())
                .as("pandas' column numbers").isEqualTo(1);
    }

    @Test
    void shouldReadGzippedCsvByItsContentAndTheCsvGzName() throws Exception {
        Path gz = dir.resolve("d.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b,label\n1,2,0\n3,4,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path digits = ExternalData.digitsCsv();

        List<Batch> batches = readAll(Datasets.open(DataSpec.of(gz).withLabelColumn("label")), 10);
        List<Batch> sklearn = readAll(Datasets.open(DataSpec.of(digits).withLabelColumn("-1").withHeader(false)),
                2000);

        assertThat(batches.get(0).features()).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
        assertThat(sklearn.stream().mapToInt(Batch::size).sum()).isEqualTo(1797);
        assertThat(sklearn.get(0).features()[0]).hasSize(64);
    }

    @Test
    void shouldNameLineAndColumnOfABadCsvValue() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,b,y\n1,2,0\n1,NaN,1\n");
        assertThatThrownBy(() -> readAll(Datasets.open(DataSpec.of(csv).withLabelColumn("y")), 10))
                .isInstanceOf(DatasetException.class).hasMessageContaining("line 3, column 2")
                .hasMessageContaining("not a finite number");

        Path ragged = Files.writeString(dir.resolve("r.csv"), "a,b,y\n1,2,0\n1,1\n");
        assertThatThrownBy(() -> readAll(Datasets.open(DataSpec.of(ragged).withLabelColumn("y")), 10))
                .hasMessageContaining("line 3: 2 columns, expected 3");

        Path label = Files.writeString(dir.resolve("l.csv"), "a,y\n1,0.5\n");
        assertThatThrownBy(() -> readAll(Datasets.open(DataSpec.of(label).withLabelColumn("y")), 10))
                .hasMessageContaining("line 2, column 2: label 0.5 is not a class index");
    }

    @Test
    void shouldRejectEmptyFilesUnknownColumnsAndUnknownKinds() throws Exception {
        Path empty = Files.writeString(dir.resolve("e.csv"), "\n");
        assertThatThrownBy(() -> Datasets.open(DataSpec.of(empty).withLabelColumn("y")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("is empty");
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,b\n1,0\n");
        assertThatThrownBy(() -> Datasets.open(DataSpec.of(csv).withLabelColumn("y")))
                .hasMessageContaining("no column 'y'; columns: a, b");
        assertThatThrownBy(() -> Datasets.open(DataSpec.of(csv)))
                .hasMessageContaining("needs a label column");
        Path other = Files.writeString(dir.resolve("d.parquet"), "x");
        assertThatThrownBy(() -> Datasets.open(DataSpec.of(other))).hasMessageContaining("Cannot tell the kind");
        assertThatThrownBy(() -> Datasets.open(DataSpec.of(dir.resolve("missing.csv"))))
                .hasMessageContaining("Data not found");
    }

    @Test
    void shouldReadGzippedFashionMnistIdxWithItsLabelFile() throws Exception {
        try (SampleSource source = Datasets.open(DataSpec.of(ExternalData.fashionMnist().resolve("t10k-images-idx3-ubyte.gz")))) {
            assertThat(source.sampleShape()).containsExactly(28, 28);
            assertThat(source.eightBit()).isTrue();
            assertThat(source.description()).contains("10000 samples");
            Batch first = source.next(64);
            assertThat(first.size()).isEqualTo(64);
            assertThat(first.ids().get(3)).isEqualTo("#3");
            assertThat(first.features()[0]).hasSize(784);
            assertThat(java.util.Arrays.stream(first.labels()).boxed().toList()).allMatch(l -> l >= 0 && l <= 9);
            long total = first.size();
            for (Batch b = source.next(1000); b != null; b = source.next(1000)) {
                total += b.size();
            }
            assertThat(total).isEqualTo(10_000);
        }
    }

    @Test
    void shouldRejectTruncatedIdx() throws Exception {
        ByteBuffer images = ByteBuffer.allocate(16 + 4).putInt(0x803).putInt(2).putInt(2).putInt(2).put(new byte[4]);
        ByteBuffer labels = ByteBuffer.allocate(8 + 2).putInt(0x801).putInt(2).put(new byte[] {0, 1});
        Path x = Files.write(dir.resolve("t-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("t-labels-idx1-ubyte"), labels.array());

        assertThatThrownBy(() -> readAll(Datasets.open(DataSpec.of(x)), 10))
                .isInstanceOf(DatasetException.class).hasMessageContaining("truncated");
    }

    @Test
    void shouldReadIdxPixelsAndNameTheSampleWhereTheLabelsEnd() throws Exception {
        // 3 images of 2x2 (pixels 0..11, one of them 255), only 2 labels: the third sample is where it ends.
        ByteBuffer images = ByteBuffer.allocate(16 + 12).putInt(0x803).putInt(3).putInt(2).putInt(2);
        for (int i = 0; i < 11; i++) {
            images.put((byte) i);
        }
        images.put((byte) 255);
        ByteBuffer labels = ByteBuffer.allocate(8 + 2).putInt(0x801).putInt(3).put(new byte[] {7, 1});
        Path x = Files.write(dir.resolve("u-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("u-labels-idx1-ubyte"), labels.array());

        try (SampleSource source = Datasets.open(DataSpec.of(x))) {
            Batch first = source.next(2);
            assertThat(first.features()[0]).containsExactly(0f, 1f, 2f, 3f);
            assertThat(first.features()[1]).containsExactly(4f, 5f, 6f, 7f);
            assertThat(first.labels()).containsExactly(7, 1);
            assertThat(first.ids()).containsExactly("#0", "#1");
            assertThatThrownBy(() -> source.next(2)).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("ends at sample 2 of 3 (truncated)");
        }
    }

    @Test
    void shouldPreprocessWithOneMeanAndStdAsWithOnePerChannel() throws Exception {
        float[] raw = {0f, 51f, 102f, 153f, 204f, 255f};
        Preprocessing one = Preprocessing.inputRange(-1f, 1f).withMeanStd(new float[] {0.25f}, new float[] {0.5f});
        float[] expected = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            expected[i] = (raw[i] * (2f / 255f) + -1f - 0.25f) / 0.5f;
        }
        assertThat(one.apply(raw, new int[] {2, 3})).containsExactly(expected);
        assertThat(one.withLayout(Layout.NHWC).apply(raw, new int[] {2, 3})).containsExactly(expected);
        // The per-channel path gives the same values when every channel has the same mean and std.
        Preprocessing perChannel = one.withMeanStd(new float[] {0.25f, 0.25f, 0.25f},
                new float[] {0.5f, 0.5f, 0.5f});
        assertThat(perChannel.apply(raw, new int[] {1, 2, 3})).containsExactly(expected);
    }

    @Test
    void shouldReadNpyFeaturesWithNpyLabels() throws Exception {
        Path x = npy(dir.resolve("x.npy"), "<f4", "(3, 2)", ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1).putFloat(2).putFloat(3).putFloat(4).putFloat(5).putFloat(6).array());
        Path y = npy(dir.resolve("y.npy"), "<i8", "(3,)", ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0).putLong(2).putLong(1).array());

        List<Batch> batches = readAll(Datasets.open(DataSpec.of(x).withLabels(y)), 2);

        assertThat(batches.get(0).features()).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
        assertThat(batches.get(1).labels()).containsExactly(1);
        assertThat(batches.get(1).ids()).containsExactly("#2");

        Path shortLabels = npy(dir.resolve("s.npy"), "<i8", "(2,)", new byte[16]);
        assertThatThrownBy(() -> Datasets.open(DataSpec.of(x).withLabels(shortLabels)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("1-D integer array of 3 labels");
        Path inf = npy(dir.resolve("inf.npy"), "<f4", "(1, 1)", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(Float.POSITIVE_INFINITY).array());
        Path one = npy(dir.resolve("one.npy"), "<i8", "(1,)", new byte[8]);
        assertThatThrownBy(() -> readAll(Datasets.open(DataSpec.of(inf).withLabels(one)), 2))
                .hasMessageContaining("sample #0, element 0: value Infinity is not a finite number");
    }

    private static Path npy(Path file, String descr, String shape, byte[] data) throws IOException {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return Files.write(file, out.array());
    }

    @Test
    void shouldReadImageFoldersWithPathIdsResizedToTheDeclaredSize() throws Exception {
        image(dir.resolve("imgs/cat/a.png"), 4, 4, Color.RED);
        image(dir.resolve("imgs/dog/b.png"), 8, 8, Color.BLUE);

        List<Batch> batches = readAll(Datasets.open(DataSpec.of(dir.resolve("imgs")).withImageSize(2, 2)), 10);

        Batch batch = batches.get(0);
        assertThat(batch.ids()).containsExactly("cat/a.png", "dog/b.png");
        assertThat(batch.labels()).containsExactly(0, 1);
        assertThat(batch.features()[0]).hasSize(12).startsWith(255f, 0f, 0f);
        assertThat(batch.features()[1]).startsWith(0f, 0f, 255f);

        assertThatThrownBy(() -> readAll(Datasets.open(DataSpec.of(dir.resolve("imgs"))), 10))
                .isInstanceOf(DatasetException.class).hasMessageContaining("dog/b.png is 8x8")
                .hasMessageContaining("declare an image size");
        List<Batch> gray = readAll(Datasets.open(DataSpec.of(dir.resolve("imgs")).withImageSize(2, 2)
                .withChannels(1)), 10);
        assertThat(gray.get(0).features()[0]).hasSize(4);
    }

    private static void image(Path file, int w, int h, Color color) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void preprocessingShouldNormalizePerChannelAndMoveChannelsFirst() throws Exception {
        Preprocessing p = Preprocessing.inputRange(0, 1).withMeanStd(new float[] {0.5f, 0f}, new float[] {0.5f, 1f})
                .withLayout(Layout.NCHW);
        int[] raw = {1, 2, 2};
        float[] hwc = {255, 0, 0, 255};

        assertThat(p.shape(raw)).containsExactly(2, 1, 2);
        assertThat(p.apply(hwc, raw)).containsExactly(1f, -1f, 0f, 1f);
        assertThat(Preprocessing.NONE.withLayout(Layout.NHWC).shape(new int[] {28, 28})).containsExactly(28, 28, 1);
        assertThatThrownBy(() -> p.shape(new int[] {1, 1, 3})).hasMessageContaining("3 channels");
        assertThatThrownBy(() -> Preprocessing.NONE.withLayout(Layout.NCHW).shape(new int[] {64}))
                .hasMessageContaining("image-like");
    }
}
