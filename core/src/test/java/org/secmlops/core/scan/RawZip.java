package org.secmlops.core.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Writes a zip archive byte by byte, so entries can use compression methods the JDK cannot write
 * (bzip2 = 12, lzma = 14, ...). Offsets are relative to the archive's first byte.
 */
final class RawZip {

    private record Entry(String name, int method, byte[] stored, long crc, long size, long offset) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Entry> entries = new ArrayList<>();

    /** Adds an entry whose data is already compressed with {@code method}. */
    RawZip entry(String name, int method, byte[] compressedData, byte[] uncompressed) {
        CRC32 crc = new CRC32();
        crc.update(uncompressed);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        Entry e = new Entry(name, method, compressedData, crc.getValue(), uncompressed.length, out.size());
        le(0x04034b50, 4).le(method == 12 ? 46 : 20, 2).le(0x0800, 2).le(method, 2).le(0, 4)
                .le(e.crc, 4).le(compressedData.length, 4).le(uncompressed.length, 4).le(n.length, 2).le(0, 2);
        out.writeBytes(n);
        out.writeBytes(compressedData);
        entries.add(e);
        return this;
    }

    /** Adds a bzip2-compressed (method 12) entry. */
    RawZip bzip2(String name, byte[] data) {
        return entry(name, 12, bzip2(data), data);
    }

    byte[] bytes() {
        long cdStart = out.size();
        for (Entry e : entries) {
            byte[] n = e.name.getBytes(StandardCharsets.UTF_8);
            le(0x02014b50, 4).le(46, 2).le(e.method == 12 ? 46 : 20, 2).le(0x0800, 2).le(e.method, 2).le(0, 4)
                    .le(e.crc, 4).le(e.stored.length, 4).le(e.size, 4).le(n.length, 2).le(0, 2).le(0, 2).le(0, 2)
                    .le(0, 2).le(0, 4).le(e.offset, 4);
            out.writeBytes(n);
        }
        long cdSize = out.size() - cdStart;
        le(0x06054b50, 4).le(0, 2).le(0, 2).le(entries.size(), 2).le(entries.size(), 2).le(cdSize, 4)
                .le(cdStart, 4).le(0, 2);
        return out.toByteArray();
    }

    private RawZip le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    static byte[] bzip2(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(b)) {
            bz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
