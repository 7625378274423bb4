package org.secmlops.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A NumPy {@code .npy} file read element by element in C order: float32/64, integers and unsigned bytes. */
final class NpyArray implements AutoCloseable {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiub])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    final Path file;
    final int[] shape;
    final char kind;
    private final int size;
    private final ByteOrder order;
    private final DataInputStream in;
    private final byte[] buffer;

    private NpyArray(Path file, DataInputStream in, int[] shape, char kind, int size, ByteOrder order) {
        this.file = file;
        this.in = in;
        this.shape = shape;
        this.kind = kind;
        this.size = size;
        this.order = order;
        this.buffer = new byte[size];
    }

    static NpyArray open(Path file) throws DatasetException {
        DataInputStream in = null;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            byte[] magic = new byte[8];
            in.readFully(magic);
            if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new DatasetException(file + " is not a NumPy .npy file");
            }
            int headerLength = magic[6] == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.reverseBytes(in.readInt());
            if (headerLength < 0 || headerLength > 1 << 20) {
                throw new DatasetException(file + " has a malformed .npy header");
            }
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!descr.find() || !fortran.find() || !shape.find()) {
                throw new DatasetException(file + " has an unsupported .npy header: " + header.trim());
            }
            if (fortran.group(1).equals("True")) {
                throw new DatasetException(file + " is in Fortran order; save it in C order");
            }
            char kind = descr.group(2).charAt(0);
            int size = Integer.parseInt(descr.group(3));
            boolean supported = switch (kind) {
                case 'f' -> size == 4 || size == 8;
                case 'i' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'u' -> size == 1;
                default -> false;
            };
            if (!supported) {
                throw new DatasetException(file + " holds " + descr.group(1) + kind + size
                        + " values; supported: float32/64, int8/16/32/64, uint8");
            }
            int[] dims = Arrays.stream(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            return new NpyArray(file, in, dims, kind, size, order);
        } catch (EOFException e) {
            close(in);
            throw new DatasetException(file + " is empty or truncated", e);
        } catch (IOException | NumberFormatException e) {
            close(in);
            throw new DatasetException("Cannot read " + file + ": " + org.secmlops.core.io.InputFiles.message(e), e);
        } catch (DatasetException e) {
            close(in);
            throw e;
        }
    }

    private static void close(DataInputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to add to the first error
            }
        }
    }

    /** Whether the values are 8-bit unsigned. */
    boolean unsignedBytes() {
        return kind == 'u';
    }

    /** The next element as a double. */
    double next() throws IOException {
        try {
            in.readFully(buffer);
        } catch (EOFException e) {
            throw new EOFException(file + " is truncated");
        }
        ByteBuffer b = ByteBuffer.wrap(buffer).order(order);
        return switch (kind) {
            case 'f' -> size == 4 ? b.getFloat() : b.getDouble();
            case 'u' -> buffer[0] & 0xff;
            default -> switch (size) {
                case 1 -> buffer[0];
                case 2 -> b.getShort();
                case 4 -> b.getInt();
                default -> (double) b.getLong();
            };
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
