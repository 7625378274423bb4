package org.secmlops.core.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.secmlops.core.result.Json;

/**
 * The reference statistics in a file (gzip JSON), keyed by the reference's digest: a cache made for another
 * reference, of another version or unreadable is ignored and rewritten, never used.
 */
final class ReferenceCache {
    private ReferenceCache() {
    }

    /** The cached statistics, where the file holds those of the reference with this digest. */
    static Optional<ReferenceStatistics> load(Path file, String digest) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ReferenceStatistics cached = Json.mapper().readValue(in, ReferenceStatistics.class);
            return digest.equals(cached.digest()) ? Optional.of(cached) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes the statistics through a temporary file moved into place. */
    static void store(Path file, ReferenceStatistics statistics) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".reference-cache", ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary))) {
                Json.mapper().writeValue(out, statistics);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
