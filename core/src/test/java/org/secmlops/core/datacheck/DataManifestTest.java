package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.data.DatasetException;

class DataManifestTest {
    @TempDir
    Path dir;

    private static DataTable table(List<String> ids, float[][] x, int[] y) {
        return new DataTable("t", ids, x, y, new int[] {2}, false);
    }

    @Test
    void shouldDigestEachSampleAsItsBigEndianFloatsAndLabel() throws Exception {
        DataTable data = table(List.of("line 2"), new float[][] {{1f, 2f}}, new int[] {3});
        byte[] bytes = java.nio.ByteBuffer.allocate(12).putFloat(1f).putFloat(2f).putInt(3).array();
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes));

        DataManifest manifest = DataManifest.of(data);

        assertThat(manifest.entries()).containsExactly(new DataManifest.Entry("line 2", expected));
        assertThat(manifest.digest()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(
                        ("line 2\0" + expected + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void shouldReadBackWhatItWrote() throws Exception {
        DataManifest manifest = DataManifest.of(table(List.of("b", "a"), new float[][] {{1, 2}, {3, 4}},
                new int[] {0, 1}));
        Path file = dir.resolve("m.json");

        manifest.write(file);

        assertThat(DataManifest.read(file)).isEqualTo(manifest);
        assertThat(manifest.entries()).extracting(DataManifest.Entry::id).containsExactly("a", "b");
    }

    @Test
    void shouldRejectAManifestWhoseEntriesWereEdited() throws Exception {
        Path file = dir.resolve("m.json");
        DataManifest manifest = DataManifest.of(table(List.of("a", "b"), new float[][] {{1, 2}, {3, 4}},
                new int[] {0, 1}));
        manifest.write(file);
        String digestOfA = manifest.entries().get(0).digest();
        Files.writeString(file, Files.readString(file).replace(digestOfA, "0".repeat(64)));

        assertThatThrownBy(() -> DataManifest.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("corrupt or was edited");
    }

    @Test
    void shouldRejectAMalformedManifest() throws Exception {
        Path file = Files.writeString(dir.resolve("m.json"), "{\"schemaVersion\": 1, ");

        assertThatThrownBy(() -> DataManifest.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void shouldListAddedRemovedAndModifiedSamplesAndCountMovedOnes() {
        float[][] x = {{1, 1}, {2, 2}, {3, 3}, {4, 4}};
        DataManifest approved = DataManifest.of(table(List.of("r1", "r2", "r3", "r4"), x, new int[] {0, 0, 1, 1}));
        // r1 unchanged; r2 relabelled; r3 gone; r4's content now under r9 (moved); r5 new
        DataManifest now = DataManifest.of(table(List.of("r1", "r2", "r9", "r5"),
                new float[][] {{1, 1}, {2, 2}, {4, 4}, {7, 7}}, new int[] {0, 1, 1, 0}));

        ManifestComparison comparison = ManifestComparison.compare(approved, now);

        assertThat(comparison.added()).containsExactly("r5");
        assertThat(comparison.removed()).containsExactly("r3");
        assertThat(comparison.modified()).containsExactly("r2");
        assertThat(comparison.moved()).isEqualTo(1);
        assertThat(comparison.changes()).isEqualTo(3);
    }

    @Test
    void shouldFindNoChangeAgainstItself() {
        DataManifest manifest = DataManifest.of(table(List.of("a", "b"), new float[][] {{1, 2}, {1, 2}},
                new int[] {0, 0}));

        assertThat(ManifestComparison.compare(manifest, manifest).changes()).isZero();
    }
}
