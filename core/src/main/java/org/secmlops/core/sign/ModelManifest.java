package org.secmlops.core.sign;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.secmlops.core.digest.Digests;

/**
 * What a model signature says about a model: its resources (files or file shards with their digests), how
 * they were serialized, and the model's name. The {@link #rootDigest()} over the resources is the model's
 * identity, the subject digest of the in-toto statement.
 *
 * @param modelName     informational name of the model (the basename of its path)
 * @param serialization how files were enumerated and hashed
 * @param resources     one entry per file ({@code files}) or per non-empty byte range ({@code shards}), in
 *                      the order they are listed (signers sort them by {@link #NAME_ORDER})
 */
public record ModelManifest(String modelName, Serialization serialization, List<Resource> resources) {
    /** The {@code files} serialization: one digest per file. */
    public static final String FILES = "files";
    /** The {@code shards} serialization: one digest per byte range of {@code shard_size} bytes. */
    public static final String SHARDS = "shards";
    /** The one hash algorithm implemented here and required by the specification. */
    public static final String SHA256 = Digests.SHA256;
    /** The shard size the specification recommends: 1,000,000,000 bytes. */
    public static final long DEFAULT_SHARD_SIZE = 1_000_000_000L;

    /** Lexicographic order of Unicode code points, as the specification sorts resource names. */
    public static final Comparator<String> NAME_ORDER = Digests.NAME_ORDER;

    public ModelManifest {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(serialization, "serialization");
        resources = List.copyOf(resources);
    }

    /**
     * A resource descriptor of the predicate.
     *
     * @param name      relative {@code /}-separated path; for shards {@code path:start:end}
     * @param algorithm the hash algorithm, e.g. {@code sha256}
     * @param digest    lower-case hex digest of the file or byte range
     */
    public record Resource(String name, String algorithm, String digest) {
        public Resource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /**
     * The predicate's {@code serialization}.
     *
     * @param method        {@link #FILES} or {@link #SHARDS}
     * @param hashType      e.g. {@code sha256}
     * @param shardSize     bytes per shard for {@link #SHARDS}; {@code null} for {@link #FILES}
     * @param allowSymlinks whether symbolic links were followed
     * @param ignorePaths   paths excluded from the signing scope, relative to the model root; may be empty
     */
    public record Serialization(String method, String hashType, Long shardSize, boolean allowSymlinks,
            List<String> ignorePaths) {
        public Serialization {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(hashType, "hashType");
            ignorePaths = List.copyOf(ignorePaths);
        }

        public boolean sharded() {
            return SHARDS.equals(method);
        }
    }

    /** A shard resource name split into its file path and byte range. */
    record ShardName(String path, long start, long end) {
        /**
         * Splits {@code path:start:end} at its last two colons (paths may contain colons).
         *
         * @return {@code null} if the name does not end in two decimal offsets with start &lt; end
         */
        static ShardName parse(String name) {
            int second = name.lastIndexOf(':');
            int first = second <= 0 ? -1 : name.lastIndexOf(':', second - 1);
            if (first <= 0) {
                return null;
            }
            String start = name.substring(first + 1, second);
            String end = name.substring(second + 1);
            if (!decimal(start) || !decimal(end)) {
                return null;
            }
            try {
                long from = Long.parseLong(start);
                long to = Long.parseLong(end);
                return from < to ? new ShardName(name.substring(0, first), from, to) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static boolean decimal(String text) {
            return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        static String format(String path, long start, long end) {
            return path + ":" + start + ":" + end;
        }
    }

    /** SHA-256 (hex) over the concatenated raw digests of the resources in their listed order. */
    public String rootDigest() {
        return rootDigest(resources);
    }

    static String rootDigest(List<Resource> resources) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            HexFormat hex = HexFormat.of();
            for (Resource resource : resources) {
                sha256.update(hex.parseHex(resource.digest()));
            }
            return hex.formatHex(sha256.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** The file path a resource names: the name itself, or the path before {@code :start:end} for shards. */
    public String filePath(Resource resource) {
        if (serialization.sharded()) {
            ShardName shard = ShardName.parse(resource.name());
            return shard == null ? resource.name() : shard.path();
        }
        return resource.name();
    }

    /** The distinct file paths the resources cover, in listed order. */
    public List<String> filePaths() {
        Set<String> paths = new LinkedHashSet<>();
        for (Resource resource : resources) {
            paths.add(filePath(resource));
        }
        return new ArrayList<>(paths);
    }
}
