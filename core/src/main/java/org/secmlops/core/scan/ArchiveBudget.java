package org.secmlops.core.scan;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes really produced while reading one top-level archive (nested archives
 * included) and stops reading when a {@link ScanLimits} limit is passed.
 */
final class ArchiveBudget {

    /** Below this many bytes an entry's compression ratio is not judged. */
    static final long RATIO_GRACE_BYTES = 1L << 20;

    private final ScanLimits limits;
    private long total;

    ArchiveBudget(ScanLimits limits) {
        this.limits = limits;
    }

    /**
     * Wraps an entry's decompressed stream.
     *
     * @param compressedSize the entry's compressed size, or a value {@code <= 0} when unknown
     */
    InputStream guard(InputStream in, String entry, long compressedSize) {
        return new Guarded(in, entry, compressedSize);
    }

    private final class Guarded extends FilterInputStream {
        private final String entry;
        private final long compressedSize;
        private long produced;

        Guarded(InputStream in, String entry, long compressedSize) {
            super(in);
            this.entry = entry;
            this.compressedSize = compressedSize;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) {
                count(s);
            }
            return s;
        }

        private void count(long n) throws ArchiveLimitException {
            produced += n;
            total += n;
            if (total > limits.maxTotalUncompressedBytes()) {
                throw new ArchiveLimitException("the archive expands to more than " + limits.maxTotalUncompressedBytes()
                        + " bytes (limit reached while reading '" + Text.quote(entry) + "')");
            }
            if (compressedSize > 0 && produced > RATIO_GRACE_BYTES
                    && produced / compressedSize > limits.maxCompressionRatio()) {
                throw new ArchiveLimitException("entry '" + Text.quote(entry) + "' expands more than "
                        + limits.maxCompressionRatio() + " times (" + compressedSize + " compressed bytes gave over "
                        + produced + " bytes)");
            }
        }
    }
}
