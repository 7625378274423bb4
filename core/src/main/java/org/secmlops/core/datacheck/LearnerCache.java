package org.secmlops.core.datacheck;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.secmlops.core.io.SafeOutput;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * What a data check's cross-validated learners said about each sample, keyed by the sample's manifest digest (its
 * features and label), so that a later check of a changed data set trains its learners only for the added and
 * modified samples and takes the others' out-of-sample probabilities from here. A cache made with other settings
 * (learner, folds, seed, classes, input width) is not used: its {@link #fingerprint()} differs.
 *
 * <pre>{@code
 * LearnerCache previous = Files.exists(file) ? LearnerCache.read(file) : null;
 * DataCheckResult result = new DataCheck(options, log::println).run(table, null, null, null, previous);
 * result.learnerCache().write(file);
 * }</pre>
 */
public final class LearnerCache {
    private static final int MAGIC = 0x534d4c43;
    private static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;
    private static final int MAX_CLASSES = 1 << 16;

    private final String fingerprint;
    private final int classes;
    private final Map<String, float[][]> entries;

    LearnerCache(String fingerprint, int classes, Map<String, float[][]> entries) {
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.classes = classes;
        this.entries = Collections.unmodifiableMap(new HashMap<>(entries));
    }

    /** The settings the probabilities were made with. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The number of distinct samples held. */
    public int size() {
        return entries.size();
    }

    /** The learners' probabilities for a sample digest (the main learner's, then the linear one's or null). */
    float[][] lookup(String digest) {
        return entries.get(digest);
    }

    /** Whether {@code file} starts like a learner cache (so that writing a new cache over it loses nothing else). */
    public static boolean isLearnerCache(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return in.readInt() == MAGIC;
        } catch (EOFException e) {
            return false;
        }
    }

    /**
     * Reads a cache written by {@link #write}.
     *
     * @throws IOException when the file cannot be read, is not a SecMLOps learner cache, or is truncated
     */
    public static LearnerCache read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a SecMLOps learner cache");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " is a learner cache of version " + version + "; this SecMLOps reads "
                        + VERSION);
            }
            String fingerprint = in.readUTF();
            int classes = in.readInt();
            int count = in.readInt();
            if (classes < 2 || classes > MAX_CLASSES || count < 0) {
                throw new IOException(file + " is a damaged learner cache");
            }
            Map<String, float[][]> entries = new HashMap<>();
            byte[] digest = new byte[DIGEST_BYTES];
            for (int e = 0; e < count; e++) {
                in.readFully(digest);
                boolean linear = in.readBoolean();
                float[][] values = new float[linear ? 2 : 1][classes];
                for (float[] row : values) {
                    for (int c = 0; c < classes; c++) {
                        row[c] = in.readFloat();
                        if (!(row[c] >= 0 && row[c] <= 1)) {
                            throw new IOException(file + " is a damaged learner cache (probability " + row[c] + ")");
                        }
                    }
                }
                entries.put(HexFormat.of().formatHex(digest), values);
            }
            return new LearnerCache(fingerprint, classes, entries);
        } catch (EOFException e) {
            throw new IOException(file + " is a truncated learner cache", e);
        }
    }

    /** Learner caches: an earlier one starts with the magic number. */
    public static final SafeOutput.Kind KIND = new SafeOutput.Kind("learner cache", (content, size) ->
            content.length >= 4 && ((content[0] & 0xff) << 24 | (content[1] & 0xff) << 16 | (content[2] & 0xff) << 8
                    | content[3] & 0xff) == MAGIC);

    /** Writes the cache atomically; only an earlier cache is replaced ({@link SafeOutput}). */
    public void write(Path file) throws IOException {
        SafeOutput.write(file, KIND, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(classes);
            out.writeInt(entries.size());
            for (Map.Entry<String, float[][]> entry : entries.entrySet()) {
                out.write(HexFormat.of().parseHex(entry.getKey()));
                out.writeBoolean(entry.getValue().length > 1 && entry.getValue()[1] != null);
                for (float[] row : entry.getValue()) {
                    if (row == null) {
                        continue;
                    }
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
            out.flush();
        });
    }
}
