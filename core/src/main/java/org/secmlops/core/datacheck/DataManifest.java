package org.secmlops.core.datacheck;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.digest.Digests;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.result.Json;

/**
 * The identity of a data set: a SHA-256 digest per sample, sorted by sample id, and the digest of the whole list.
 * A sample's digest covers its raw feature values (big-endian float32) and its label (big-endian int32), so it
 * changes when a value or the label changes, whatever the file's number formatting. The manifest is a JSON file;
 * sign it like a one-file model ({@code secmlops sign data-manifest.json --key ...}) to make it tamper-evident.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param algorithm     {@code sha256}
 * @param data          what was hashed (the reader's description)
 * @param samples       the number of samples
 * @param digest        SHA-256 over the UTF-8 lines {@code id NUL digest LF} of all entries, in order
 * @param entries       one per sample, sorted by id ({@link Digests#NAME_ORDER})
 */
public record DataManifest(int schemaVersion, String algorithm, String data, long samples, String digest,
        List<Entry> entries) {
    public static final int SCHEMA_VERSION = 1;

    /**
     * One sample.
     *
     * @param id     the sample's stable id ({@code line 12}, {@code #3}, {@code cat/1.png})
     * @param digest lower-case hex SHA-256 of its features and label
     */
    public record Entry(String id, String digest) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(digest, "digest");
        }
    }

    public DataManifest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(digest, "digest");
        entries = List.copyOf(entries);
    }

    /** The manifest of a data set. */
    public static DataManifest of(DataTable table) {
        return of(table, SampleDigests.samples(table));
    }

    /** The manifest of a data set whose sample digests ({@link SampleDigests#samples}) are known, in table order. */
    static DataManifest of(DataTable table, String[] digests) {
        List<Entry> entries = new ArrayList<>(digests.length);
        for (int i = 0; i < digests.length; i++) {
            entries.add(new Entry(table.ids().get(i), digests[i]));
        }
        entries.sort((a, b) -> Digests.NAME_ORDER.compare(a.id(), b.id()));
        return new DataManifest(SCHEMA_VERSION, Digests.SHA256, table.description(), entries.size(),
                rootDigest(entries), entries);
    }

    static String rootDigest(List<Entry> entries) {
        var sha = SampleDigests.sha256();
        for (Entry e : entries) {
            sha.update((e.id() + "\0" + e.digest() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Manifests: an earlier one starts with <code>{"schemaVersion":1,"algorithm":"sha256",</code>. */
    public static final SafeOutput.Kind KIND = SafeOutput.Kind.json("data manifest",
            "{\"schemaVersion\":" + SCHEMA_VERSION + ",\"algorithm\":\"" + Digests.SHA256 + "\",");

    /** Writes the manifest as JSON; only an earlier manifest is replaced ({@link SafeOutput}). */
    public void write(Path file) throws IOException {
        SafeOutput.write(file, KIND, out -> Json.mapper().writer().without(
                com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, this));
    }

    /**
     * Reads a manifest and checks it: known schema and algorithm, entries sorted and unique, and the digest over the
     * entries equal to the stated one.
     *
     * @throws DatasetException when the file is missing, malformed, or its digest does not match its entries
     */
    public static DataManifest read(Path file) throws DatasetException {
        DataManifest manifest;
        try {
            manifest = Json.mapper().readValue(file.toFile(), DataManifest.class);
        } catch (JacksonException e) {
            throw new DatasetException("Manifest " + file + " is malformed: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read manifest " + file + ": " + e.getMessage(), e);
        }
        if (manifest == null || manifest.schemaVersion() != SCHEMA_VERSION
                || !Digests.SHA256.equals(manifest.algorithm())) {
            throw new DatasetException("Manifest " + file + " is not a version " + SCHEMA_VERSION
                    + " sha256 data manifest");
        }
        for (int i = 1; i < manifest.entries().size(); i++) {
            if (Digests.NAME_ORDER.compare(manifest.entries().get(i - 1).id(),
                    manifest.entries().get(i).id()) >= 0) {
                throw new DatasetException("Manifest " + file + " lists its samples out of order or twice at '"
                        + manifest.entries().get(i).id() + "'");
            }
        }
        String actual = rootDigest(manifest.entries());
        if (!actual.equals(manifest.digest()) || manifest.samples() != manifest.entries().size()) {
            throw new DatasetException("Manifest " + file + " is corrupt or was edited: its entries hash to sha256:"
                    + actual + ", it states sha256:" + manifest.digest());
        }
        return manifest;
    }
}
