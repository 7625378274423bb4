package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanedCopyTest {
    @TempDir
    Path dir;

    @Test
    void shouldCopyEveryCsvLineExceptTheSuspiciousOnesByteForByte() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,label\n1.50,0\n\n2,1\n 3 ,0\n");
        DataTable data = new DataTable("d", List.of("line 2", "line 4", "line 5"), new float[][] {{1.5f}, {2}, {3}},
                new int[] {0, 1, 0}, new int[] {1}, false);

        int kept = CleanedCopy.write(csv, List.of(csv), dir.resolve("clean.csv"), data,
                new boolean[] {false, true, false});

        assertThat(kept).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("clean.csv"))).isEqualTo("a,label\n1.50,0\n\n 3 ,0\n");
    }

    @Test
    void shouldWriteOtherDataAsCsvOfRawValues() throws Exception {
        DataTable data = new DataTable("d", List.of("#0", "#1"), new float[][] {{0, 255}, {1.5f, 2}},
                new int[] {3, 4}, new int[] {2}, true);

        CleanedCopy.write(dir.resolve("x.npy"), List.of(), dir.resolve("clean.csv"), data,
                new boolean[] {false, true});

        assertThat(Files.readString(dir.resolve("clean.csv"))).isEqualTo("f0,f1,label\n0,255,3\n");
    }

    @Test
    void shouldRefuseToOverwriteAnInput() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,label\n1,0\n");
        DataTable data = new DataTable("d", List.of("line 2"), new float[][] {{1}}, new int[] {0}, new int[] {1},
                false);

        assertThatThrownBy(() -> CleanedCopy.write(csv, List.of(csv), dir.resolve("sub/../d.csv"), data,
                new boolean[] {true})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the input");
        assertThat(Files.readString(csv)).isEqualTo("a,label\n1,0\n");
    }
}
