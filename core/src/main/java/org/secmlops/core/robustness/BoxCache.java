package org.secmlops.core.robustness;

/**
 * The L∞ box {@code [smallest float ≥ c − ε, largest float ≤ c + ε]} of recently seen clean values {@code c}, as
 * order-preserving int keys, in a direct-mapped table; already clipped to the valid range where that range is the
 * same for every position ({@link #bounded()}, e.g. {@code --input-range 0,1}), else unbounded. Pays off on data
 * with few distinct values (8-bit images after scaling have at most 256 per channel): a hit costs a hash and three
 * loads, computing the box two conversions through double precision each way (about 12 ns per value on one core).
 * {@link #worthIt()} turns false once misses make up a quarter of many lookups, and callers then compute directly.
 * Not thread-safe.
 */
final class BoxCache {
    private static final int SLOT_BITS = 12;
    private static final int MIN_LOOKUPS = 2048;

    private final double eps;
    private final boolean bounded;
    private final int lowBound;
    private final int highBound;
    private final long[] tags = new long[1 << SLOT_BITS];
    private final int[] lowKeys = new int[1 << SLOT_BITS];
    private final int[] highKeys = new int[1 << SLOT_BITS];
    private int lookups;
    private int misses;

    BoxCache(double eps, InputBounds bounds) {
        this.eps = eps;
        int size = bounds.size();
        boolean uniform = size > 0;
        for (int j = 1; j < size && uniform; j++) {
            uniform = bounds.low(j) == bounds.low(0) && bounds.high(j) == bounds.high(0);
        }
        bounded = uniform;
        lowBound = uniform ? Ball.key(Float.floatToRawIntBits(bounds.low(0))) : Integer.MIN_VALUE;
        highBound = uniform ? Ball.key(Float.floatToRawIntBits(bounds.high(0))) : Integer.MAX_VALUE;
    }

    /** Whether the keys are clipped to the valid range already (the same at every position). */
    boolean bounded() {
        return bounded;
    }

    /** Whether the hit rate so far makes the table cheaper than computing each box. */
    boolean worthIt() {
        return lookups < MIN_LOOKUPS || misses * 4 < lookups;
    }

    /** The low key of the box of the value that {@link #find} put in {@code slot}. */
    int lowKey(int slot) {
        return lowKeys[slot];
    }

    /** The high key of the box of the value that {@link #find} put in {@code slot}. */
    int highKey(int slot) {
        return highKeys[slot];
    }

    /**
     * MurmurHash3's finalizer: nearby floats (8-bit levels scaled by 1/255) differ in scattered mantissa bits, which
     * a single multiplication left in 164 slots for 256 levels.
     */
    private static int mix(int bits) {
        int h = bits ^ bits >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    /** The slot holding the box of {@code clean}, filled first if it held another value. */
    int find(float clean) {
        int bits = Float.floatToRawIntBits(clean);
        int slot = mix(bits) & (1 << SLOT_BITS) - 1;
        long tag = 1L << 32 | bits & 0xFFFFFFFFL;
        lookups++;
        if (tags[slot] != tag) {
            misses++;
            tags[slot] = tag;
            int highKey = Math.min(Ball.key(Ball.largestFloatAtMost((double) clean + eps)), highBound);
            int lowKey = Math.max(Ball.key(Ball.smallestFloatAtLeast((double) clean - eps)), lowBound);
            lowKeys[slot] = Math.min(lowKey, highKey);
            highKeys[slot] = highKey;
        }
        return slot;
    }
}
