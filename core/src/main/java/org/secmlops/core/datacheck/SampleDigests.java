package org.secmlops.core.datacheck;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.IntStream;

/**
 * SHA-256 digests per sample: of its raw feature values alone (for exact duplicates) and of its features and label
 * (for the manifest). Values are hashed as big-endian IEEE 754 float32, the label as a big-endian int32 after them,
 * so a digest does not depend on how the file spelled a number ({@code 1}, {@code 1.0}).
 */
final class SampleDigests {
    private SampleDigests() {
    }

    static final int LENGTH = 32;

    /** The digests of the features alone, sample after sample ({@value #LENGTH} bytes each) in one array. */
    static byte[] features(DataTable data) {
        FeatureMatrix x = data.features();
        byte[] out = new byte[Math.multiplyExact(x.size(), LENGTH)];
        IntStream.range(0, x.size()).parallel()
                .forEach(i -> System.arraycopy(digest(x.row(i), null), 0, out, i * LENGTH, LENGTH));
        return out;
    }

    /** The lower-case hex digest of features and label, per sample. */
    static String[] samples(DataTable data) {
        FeatureMatrix x = data.features();
        int[] y = data.labels();
        String[] out = new String[x.size()];
        HexFormat hex = HexFormat.of();
        IntStream.range(0, x.size()).parallel().forEach(i -> out[i] = hex.formatHex(digest(x.row(i), y[i])));
        return out;
    }

    private static byte[] digest(float[] row, Integer label) {
        ByteBuffer buffer = ByteBuffer.allocate(row.length * 4 + 4);
        for (float v : row) {
            buffer.putFloat(v == 0f ? 0f : v);
        }
        if (label != null) {
            buffer.putInt(label);
        }
        return sha256().digest(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
