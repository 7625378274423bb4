package org.secmlops.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Refuses inputs that are not plain files or folders (devices such as {@code /dev/zero}, FIFOs and sockets never end
 * or block a reader) and bounds what is read from small inputs such as keys and bundles.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Checks that an input (through links) is a regular file or a directory.
     *
     * @param what how the input is named in the message, e.g. {@code "--key"}
     * @throws PathRefusedException when it is missing, or a device, FIFO, socket or other special file
     */
    public static BasicFileAttributes requireFileOrDirectory(Path path, String what) throws PathRefusedException {
        BasicFileAttributes attributes = attributes(path, what);
        if (!attributes.isRegularFile() && !attributes.isDirectory()) {
            throw new PathRefusedException(what + " " + path + " is not a regular file or folder (a device, FIFO or"
                    + " socket); only files and folders are read");
        }
        return attributes;
    }

    /**
     * Checks that an input (through links) is a regular file.
     *
     * @throws PathRefusedException when it is missing, a folder, or a special file
     */
    public static BasicFileAttributes requireFile(Path path, String what) throws PathRefusedException {
        BasicFileAttributes attributes = requireFileOrDirectory(path, what);
        if (!attributes.isRegularFile()) {
            throw new PathRefusedException(what + " " + path + " is a folder; a file is needed");
        }
        return attributes;
    }

    /**
     * Reads a small input whole: a regular file of at most {@code maxBytes}.
     *
     * @throws PathRefusedException when it is not a regular file or is larger than the limit
     */
    public static byte[] readBounded(Path path, long maxBytes, String what) throws IOException {
        BasicFileAttributes attributes = requireFile(path, what);
        if (attributes.size() > maxBytes) {
            throw new PathRefusedException(what + " " + path + " has " + attributes.size() + " bytes; the limit is "
                    + bytes(maxBytes));
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw new PathRefusedException(what + " " + path + " is larger than the limit of " + bytes(maxBytes));
            }
            return content;
        }
    }

    /** {@code 64 KiB}, {@code 16 MiB}: a limit as written in messages and the documentation. */
    public static String bytes(long count) {
        if (count >= 1 << 20 && count % (1 << 20) == 0) {
            return (count >> 20) + " MiB";
        }
        if (count >= 1 << 10 && count % (1 << 10) == 0) {
            return (count >> 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%d bytes", count);
    }

    /** An exception's message, never {@code null}: the exception's type when it has none. */
    public static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            if (e instanceof java.io.EOFException) {
                return "unexpected end of file (the file is empty or truncated)";
            }
            return e.getClass().getSimpleName();
        }
        return message;
    }

    private static BasicFileAttributes attributes(Path path, String what) throws PathRefusedException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new PathRefusedException(what + " " + path + " does not exist");
        } catch (IOException e) {
            throw new PathRefusedException(what + " " + path + " cannot be read: " + message(e));
        }
    }
}
