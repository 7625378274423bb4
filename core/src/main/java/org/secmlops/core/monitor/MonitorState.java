package org.secmlops.core.monitor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.secmlops.core.data.DatasetException;

/**
 * The attack detector's state carried from one window to the next: a gzip file holding the reference digest and,
 * per tracked client (least recently seen first), its counters and buffered query embeddings. Written to a temporary
 * file and moved into place, so a failed run leaves the previous state.
 */
final class MonitorState {
    private static final String MAGIC = "secmlops-monitor-state";
    private static final int VERSION = 1;

    private MonitorState() {
    }

    /**
     * Restores the clients of a state file into the detector; a missing file is an empty state.
     *
     * @throws DatasetException when the file is not a state file, is damaged, or was made against another reference
     */
    static void read(Path file, String digest, AttackDetector detector) throws IOException, DatasetException {
        if (!Files.exists(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new DatasetException(file + " is not a monitor state file of this version");
            }
            String stateDigest = in.readUTF();
            int dimensions = in.readInt();
            if (!stateDigest.equals(digest) || dimensions != detector.dimensions()) {
                throw new DatasetException("The state file " + file + " was made against another reference or"
                        + " model; delete it to start tracking clients afresh");
            }
            int count = in.readInt();
            if (count < 0 || count > AttackDetector.MAX_CLIENTS) {
                throw new DatasetException("The state file " + file + " is damaged: " + count + " clients");
            }
            for (int c = 0; c < count; c++) {
                String client = in.readUTF();
                ClientHistory h = new ClientHistory(dimensions);
                h.queriesSeen = in.readLong();
                h.closeQueries = in.readLong();
                h.firstFlaggedQuery = in.readLong();
                h.flaggedAt = in.readUTF();
                h.minDistance = in.readDouble();
                h.size = in.readInt();
                h.next = in.readInt();
                if (h.size < 0 || h.size > AttackDetector.BUFFER || h.next < 0 || h.next >= AttackDetector.BUFFER) {
                    throw new DatasetException("The state file " + file + " is damaged at client " + (c + 1));
                }
                h.ring = new float[h.size * dimensions];
                for (int i = 0; i < h.ring.length; i++) {
                    h.ring[i] = in.readFloat();
                }
                detector.restore(client, h);
            }
        } catch (EOFException | ZipException e) {
            throw new DatasetException("The state file " + file + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the detector's clients. */
    static void write(Path file, String digest, AttackDetector detector) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".monitor-state", ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(
                    Files.newOutputStream(temporary))))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(digest);
                out.writeInt(detector.dimensions());
                out.writeInt(detector.clients().size());
                for (Map.Entry<String, ClientHistory> e : detector.clients().entrySet()) {
                    ClientHistory h = e.getValue();
                    out.writeUTF(e.getKey());
                    out.writeLong(h.queriesSeen);
                    out.writeLong(h.closeQueries);
                    out.writeLong(h.firstFlaggedQuery);
                    out.writeUTF(h.flaggedAt);
                    out.writeDouble(h.minDistance);
                    out.writeInt(h.size);
                    out.writeInt(h.next);
                    for (int i = 0; i < h.size * h.dimensions; i++) {
                        out.writeFloat(h.ring[i]);
                    }
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
