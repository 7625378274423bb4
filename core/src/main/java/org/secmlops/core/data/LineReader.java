package org.secmlops.core.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.secmlops.core.run.Cancellation;

/**
 * Reads a text file line by line with bounds: a line longer than {@link Datasets#MAX_LINE_BYTES} is refused before
 * it is held in memory, every line must be UTF-8 (the message names the line), a UTF-8 byte order mark at the start
 * of the file is dropped. Lines end at {@code \n}, {@code \r\n} or {@code \r} (as {@link java.io.BufferedReader}
 * reads them). Line numbers start at 1.
 */
public final class LineReader implements Closeable {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final InputStream in;
    private final int maxBytes;
    private final boolean keepBom;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int number;
    private boolean bom;
    private boolean skipLineFeed;

    private LineReader(Path file, InputStream in, int maxBytes, boolean keepBom) {
        this.file = file;
        this.in = in;
        this.maxBytes = maxBytes;
        this.keepBom = keepBom;
    }

    /**
     * Opens the file, decompressing it if it is gzip; lines are bounded by {@link Datasets#MAX_LINE_BYTES}; a byte
     * order mark is dropped.
     */
    public static LineReader open(Path file) throws IOException {
        return new LineReader(file, decompressed(Files.newInputStream(file)), Datasets.MAX_LINE_BYTES, false);
    }

    /** Opens the file keeping a byte order mark at the start of the first line (for byte-faithful copies). */
    public static LineReader openKeepingBom(Path file) throws IOException {
        return new LineReader(file, decompressed(Files.newInputStream(file)), Datasets.MAX_LINE_BYTES, true);
    }

    /** The text of a gzip file ({@code .csv.gz}), recognised by its magic bytes; other files as they are. */
    private static InputStream decompressed(InputStream raw) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            try {
                return new java.util.zip.GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        return in;
    }

    static LineReader of(Path file, InputStream in, int maxBytes) {
        return new LineReader(file, in, maxBytes, false);
    }

    /** The number of the line last returned (1-based; 0 before the first). */
    public int lineNumber() {
        return number;
    }

    /** Whether the file started with a UTF-8 byte order mark. */
    public boolean hadByteOrderMark() {
        return bom;
    }

    /**
     * The next line without its end, or {@code null} at the end of the file.
     *
     * @throws DatasetException when the line is longer than the limit or not UTF-8
     */
    public String readLine() throws IOException, DatasetException {
        int length = 0;
        boolean ascii = true;
        boolean any = false;
        while (true) {
            if (position == limit) {
                Cancellation.check();
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                ascii &= buffer[end] >= 0;
                end++;
            }
            int chunk = end - start;
            if ((long) length + chunk > maxBytes) {
                throw new DatasetException(file + " line " + (number + 1) + " is longer than the limit of "
                        + org.secmlops.core.io.InputFiles.bytes(maxBytes) + " per line");
            }
            if (length + chunk > line.length) {
                line = java.util.Arrays.copyOf(line, (int) Math.min(maxBytes, Math.max(length + chunk,
                        2L * line.length)));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (end < limit) {
                skipLineFeed = buffer[end] == '\r';
                position = end + 1;
                break;
            }
            position = limit;
        }
        number++;
        int offset = 0;
        if (number == 1 && length >= 3 && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2]) {
            bom = true;
            offset = keepBom ? 0 : 3;
        }
        if (ascii) {
            return new String(line, offset, length - offset, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, offset, length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + " is not UTF-8 at line " + number + " (save it as UTF-8)", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
