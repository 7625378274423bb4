package org.secmlops.core.scan;

/**
 * Resource limits that keep a scan bounded on hostile input. Immutable; derive variants with the
 * {@code with...} methods.
 *
 * <ul>
 *   <li>{@code maxTotalUncompressedBytes}: bytes a scan may inflate or read from one top-level
 *       archive, nested archives included (default 8 GiB);</li>
 *   <li>{@code maxCompressionRatio}: uncompressed/compressed size allowed for one archive entry,
 *       checked once an entry has produced more than 1 MiB (default 200);</li>
 *   <li>{@code maxEntries}: entries per archive (default 200,000);</li>
 *   <li>{@code maxNestingDepth}: archives inside archives (default 4; 1 means no nested archive is opened);</li>
 *   <li>{@code maxFileSizeToParse}: the largest protobuf, JSON, nested archive or archive-named member loaded into memory
 *       to be parsed (default 512 MiB); pickles are streamed and not bound by it.</li>
 * </ul>
 */
public final class ScanLimits {

    private static final ScanLimits DEFAULTS = new ScanLimits(8L << 30, 200, 200_000, 4, 512L << 20);

    private final long maxTotalUncompressedBytes;
    private final int maxCompressionRatio;
    private final int maxEntries;
    private final int maxNestingDepth;
    private final long maxFileSizeToParse;

    private ScanLimits(long maxTotalUncompressedBytes, int maxCompressionRatio, int maxEntries,
                       int maxNestingDepth, long maxFileSizeToParse) {
        this.maxTotalUncompressedBytes = positive(maxTotalUncompressedBytes, "maxTotalUncompressedBytes");
        this.maxCompressionRatio = (int) positive(maxCompressionRatio, "maxCompressionRatio");
        this.maxEntries = (int) positive(maxEntries, "maxEntries");
        this.maxNestingDepth = (int) positive(maxNestingDepth, "maxNestingDepth");
        this.maxFileSizeToParse = positive(maxFileSizeToParse, "maxFileSizeToParse");
    }

    /** @return the default limits */
    public static ScanLimits defaults() {
        return DEFAULTS;
    }

    /** @return bytes that may be inflated or read from one top-level archive, nested ones included */
    public long maxTotalUncompressedBytes() {
        return maxTotalUncompressedBytes;
    }

    /** @return the largest uncompressed/compressed ratio allowed for an archive entry */
    public int maxCompressionRatio() {
        return maxCompressionRatio;
    }

    /** @return the most entries read from one archive */
    public int maxEntries() {
        return maxEntries;
    }

    /** @return how many archive levels are opened (1: the top-level archive only) */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /** @return the largest file or member loaded into memory to be parsed */
    public long maxFileSizeToParse() {
        return maxFileSizeToParse;
    }

    /**
     * @param bytes the new limit, positive
     * @return a copy with that limit
     */
    public ScanLimits withMaxTotalUncompressedBytes(long bytes) {
        return new ScanLimits(bytes, maxCompressionRatio, maxEntries, maxNestingDepth, maxFileSizeToParse);
    }

    /**
     * @param ratio the new limit, positive
     * @return a copy with that limit
     */
    public ScanLimits withMaxCompressionRatio(int ratio) {
        return new ScanLimits(maxTotalUncompressedBytes, ratio, maxEntries, maxNestingDepth, maxFileSizeToParse);
    }

    /**
     * @param entries the new limit, positive
     * @return a copy with that limit
     */
    public ScanLimits withMaxEntries(int entries) {
        return new ScanLimits(maxTotalUncompressedBytes, maxCompressionRatio, entries, maxNestingDepth, maxFileSizeToParse);
    }

    /**
     * @param depth the new limit, positive
     * @return a copy with that limit
     */
    public ScanLimits withMaxNestingDepth(int depth) {
        return new ScanLimits(maxTotalUncompressedBytes, maxCompressionRatio, maxEntries, depth, maxFileSizeToParse);
    }

    /**
     * @param bytes the new limit, positive
     * @return a copy with that limit
     */
    public ScanLimits withMaxFileSizeToParse(long bytes) {
        return new ScanLimits(maxTotalUncompressedBytes, maxCompressionRatio, maxEntries, maxNestingDepth, bytes);
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ScanLimits[maxTotalUncompressedBytes=" + maxTotalUncompressedBytes
                + ", maxCompressionRatio=" + maxCompressionRatio + ", maxEntries=" + maxEntries
                + ", maxNestingDepth=" + maxNestingDepth + ", maxFileSizeToParse=" + maxFileSizeToParse + "]";
    }
}
