package org.secmlops.core.monitor;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;

/**
 * Follows a growing text log as {@code tail -F} does, one complete line at a time. A last line without its newline is
 * held back until the newline arrives. When the file shrinks below what was read (truncated in place, {@code
 * copytruncate}), it is read again from its start. When the path names another file than the one open (rotated:
 * renamed away and created anew), the open file is read to its end, an unterminated last line of it handed out as
 * it is, and the new file is followed from its start; while the path names no file, the open one is kept. A line
 * longer than {@link Datasets#MAX_LINE_BYTES} is handed out as a problem, not held in memory.
 */
final class LogTail implements Closeable {
    private static final int CHUNK = 1 << 16;

    /** One line of the log: its text, or the problem that kept it from being read. Line numbers start at 1. */
    record Line(long number, String text, String problem) {
    }

    private final Path path;
    private final Consumer<String> progress;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private final ArrayDeque<Line> ready = new ArrayDeque<>();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private long lineNumber;
    private byte[] partial = new byte[1024];
    private int partialLength;
    private boolean overlong;

    private LogTail(Path path, Consumer<String> progress) {
        this.path = path;
        this.progress = progress;
    }

    /**
     * Opens the log.
     *
     * @param fromEnd whether to skip what the log already holds (else it is read from its start)
     * @throws DatasetException when the log is missing, not a regular file or gzip-compressed
     */
    static LogTail open(Path path, boolean fromEnd, Consumer<String> progress) throws IOException, DatasetException {
        if (!Files.isRegularFile(path)) {
            throw new DatasetException("Traffic log not found: " + path);
        }
        LogTail tail = new LogTail(path, progress);
        tail.openCurrent();
        ByteBuffer magic = ByteBuffer.allocate(2);
        tail.channel.read(magic, 0);
        if (magic.position() == 2 && magic.get(0) == (byte) 0x1f && magic.get(1) == (byte) 0x8b) {
            tail.close();
            throw new DatasetException("The traffic log " + path + " is gzip-compressed: --follow reads the plain"
                    + " log the server appends to (use --traffic for a compressed window)");
        }
        if (fromEnd) {
            tail.skipCompleteLines();
        }
        return tail;
    }

    private void openCurrent() throws IOException {
        FileChannel opened = FileChannel.open(path, StandardOpenOption.READ);
        channel = opened;
        fileKey = key(path);
        position = 0;
        lineNumber = 0;
        partialLength = 0;
        overlong = false;
    }

    /** Skips the complete lines the log holds now, counting them; a last line still being written is read later. */
    private void skipCompleteLines() throws IOException {
        long end = channel.size();
        long afterLastNewline = 0;
        for (long offset = 0; offset < end; ) {
            chunk.clear();
            int read = channel.read(chunk, offset);
            if (read <= 0) {
                break;
            }
            byte[] bytes = chunk.array();
            for (int i = 0; i < read; i++) {
                if (bytes[i] == '\n') {
                    lineNumber++;
                    afterLastNewline = offset + i + 1;
                }
            }
            offset += read;
        }
        position = afterLastNewline;
    }

    private static Object key(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    /** The next complete line, or {@code null} when the log holds none yet. */
    Line next() throws IOException {
        while (ready.isEmpty()) {
            chunk.clear();
            int read = channel.read(chunk, position);
            if (read > 0) {
                position += read;
                split(chunk.array(), read);
                continue;
            }
            if (channel.size() < position) {
                progress.accept(path + " was truncated: reading it from its start");
                position = 0;
                lineNumber = 0;
                partialLength = 0;
                overlong = false;
                continue;
            }
            if (!rotated()) {
                return null;
            }
            if (partialLength > 0 || overlong) {
                endLine();
            }
            channel.close();
            openCurrent();
            progress.accept(path + " was rotated: following the new file from its start");
        }
        return ready.poll();
    }

    private boolean rotated() throws IOException {
        try {
            return !Objects.equals(key(path), fileKey);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private void split(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(bytes, start, length - start);
    }

    private void append(byte[] bytes, int offset, int length) {
        if (overlong || length == 0) {
            return;
        }
        if (partialLength + length > Datasets.MAX_LINE_BYTES) {
            overlong = true;
            partialLength = 0;
            partial = new byte[1024];
            return;
        }
        if (partialLength + length > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partialLength + length, partial.length * 2));
        }
        System.arraycopy(bytes, offset, partial, partialLength, length);
        partialLength += length;
    }

    private void endLine() {
        long number = ++lineNumber;
        if (overlong) {
            overlong = false;
            ready.add(new Line(number, null, "line longer than " + (Datasets.MAX_LINE_BYTES >> 20) + " MiB"));
            return;
        }
        int length = partialLength;
        if (length > 0 && partial[length - 1] == '\r') {
            length--;
        }
        partialLength = 0;
        try {
            ready.add(new Line(number, decoder.decode(ByteBuffer.wrap(partial, 0, length)).toString(), null));
        } catch (CharacterCodingException e) {
            ready.add(new Line(number, null, "not UTF-8 text"));
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
