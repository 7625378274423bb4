package org.secmlops.core.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds a zip archive by its end, as Python's {@code zipfile} does: the end-of-central-directory
 * record in the last 64 KiB, pointing back at a central directory. Such an archive can sit after
 * other data (a self-extracting stub, junk, or a pickle), and loaders built on {@code zipfile}
 * still open it.
 */
final class ZipLocator {

    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;

    private ZipLocator() {
    }

    /**
     * Tells whether a file that does not start with a zip local header still holds a readable zip
     * archive at its end.
     *
     * @param file the file
     * @param size its size in bytes
     * @return {@code true} when a consistent end record and central directory were found
     * @throws IOException when the file cannot be read
     */
    static boolean endsWithArchive(Path file, long size) throws IOException {
        if (size < EOCD_SIZE) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return endsWithArchive(ch, size);
        }
    }

    /**
     * Tells whether content read through a channel (a file, or an archive member held in memory)
     * holds a readable zip archive at its end.
     *
     * @param ch   the content, read at absolute positions
     * @param size its size in bytes
     * @return {@code true} when a consistent end record and central directory were found
     * @throws IOException when reading fails
     */
    static boolean endsWithArchive(SeekableByteChannel ch, long size) throws IOException {
        if (size < EOCD_SIZE) {
            return false;
        }
        int tailLength = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        long tailStart = size - tailLength;
        ByteBuffer tail = read(ch, tailStart, tailLength);
        for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) != 0x06054b50) {
                continue;
            }
            long eocd = tailStart + i;
            long cdSize = tail.getInt(i + 12) & 0xffffffffL;
            long cdOffset = tail.getInt(i + 16) & 0xffffffffL;
            int commentLength = tail.getShort(i + 20) & 0xffff;
            if (eocd + EOCD_SIZE + commentLength > size) {
                continue;
            }
            if (cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
                // zip64: the locator sits just before the end record
                return eocd >= 20 && read(ch, eocd - 20, 4).getInt(0) == 0x07064b50;
            }
            long cdStart = eocd - cdSize;
            if (cdStart < 0 || cdStart - cdOffset < 0) {
                continue;
            }
            if (cdSize == 0) {
                return false;
            }
            return read(ch, cdStart, 4).getInt(0) == 0x02014b50;
        }
        return false;
    }

    private static ByteBuffer read(SeekableByteChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            ch.position(position + buf.position());
            if (ch.read(buf) < 0) {
                break;
            }
        }
        buf.flip();
        if (buf.remaining() < length) {
            return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        }
        return buf;
    }
}
