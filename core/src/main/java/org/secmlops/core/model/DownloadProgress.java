package org.secmlops.core.model;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reports a download as it goes: one line at every tenth of a known length, or every 50 MB where the server
 * did not say how long it is.
 */
final class DownloadProgress extends FilterInputStream {
    private static final long UNKNOWN_STEP = 50_000_000L;

    private final String name;
    private final long length;
    private final Consumer<String> progress;
    private long read;
    private long nextReport;

    /** @param length the announced length in bytes, or a negative number if unknown */
    DownloadProgress(InputStream in, String name, long length, Consumer<String> progress) {
        super(in);
        this.name = name;
        this.length = length;
        this.progress = progress;
        this.nextReport = step();
    }

    /** How a download is announced: its size where known. */
    static String describe(long length) {
        return length >= 0 ? String.format(Locale.ROOT, "%.1f MB", length / 1e6) : "size unknown";
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private long step() {
        return length > 0 ? Math.max(1, length / 10) : UNKNOWN_STEP;
    }

    private void advance(int n) {
        read += n;
        while (read >= nextReport && (length <= 0 || nextReport <= length)) {
            if (length > 0) {
                progress.accept(String.format(Locale.ROOT, "downloading %s: %d%% (%.1f of %.1f MB)", name,
                        Math.min(100, read * 100 / length), read / 1e6, length / 1e6));
            } else {
                progress.accept(String.format(Locale.ROOT, "downloading %s: %.1f MB", name, read / 1e6));
            }
            nextReport += step();
        }
    }
}
