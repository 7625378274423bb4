package org.secmlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {
    @Test
    void shouldReportEveryTenthOfAKnownLength() throws Exception {
        List<String> lines = new ArrayList<>();
        try (InputStream in = new DownloadProgress(new ByteArrayInputStream(new byte[2_000_000]), "engine.jar",
                2_000_000, lines::add)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }

        assertThat(lines).hasSize(10).first().isEqualTo("downloading engine.jar: 10% (0.2 of 2.0 MB)");
        assertThat(lines).last().isEqualTo("downloading engine.jar: 100% (2.0 of 2.0 MB)");
    }

    @Test
    void shouldReportEvery50MegabytesWhenTheLengthIsUnknown() throws Exception {
        List<String> lines = new ArrayList<>();
        byte[] chunk = new byte[1 << 20];
        try (InputStream in = new DownloadProgress(new java.io.SequenceInputStream(java.util.Collections.enumeration(
                java.util.Collections.nCopies(120, chunk).stream().map(b -> (InputStream) new ByteArrayInputStream(b))
                        .toList())), "engine.jar", -1, lines::add)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }

        assertThat(lines).containsExactly("downloading engine.jar: 50.0 MB", "downloading engine.jar: 100.0 MB");
        assertThat(DownloadProgress.describe(-1)).isEqualTo("size unknown");
        assertThat(DownloadProgress.describe(485_300_000)).isEqualTo("485.3 MB");
    }
}
