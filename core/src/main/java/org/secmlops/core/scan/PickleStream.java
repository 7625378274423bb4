package org.secmlops.core.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a pickle byte stream, tracking the offset and turning an early end into a clear error. */
final class PickleStream {

    private final InputStream in;
    private long position;
    private int peeked = -2;

    PickleStream(InputStream in, long startOffset) {
        this.in = in;
        this.position = startOffset;
    }

    long position() {
        return position;
    }

    /** @return the next byte, or -1 at the end */
    int read() throws IOException {
        int b;
        if (peeked != -2) {
            b = peeked;
            peeked = -2;
        } else {
            b = in.read();
        }
        if (b >= 0) {
            position++;
        }
        return b;
    }

    /** @return whether no byte is left */
    boolean atEnd() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked < 0;
    }

    int readByte(PickleOpcode op, long opOffset) throws IOException, MalformedModelException {
        int b = read();
        if (b < 0) {
            throw truncated(op, opOffset, 1);
        }
        return b;
    }

    /** Reads an unsigned little-endian integer of {@code n} bytes (n at most 8). */
    long readLittleEndian(int n, PickleOpcode op, long opOffset) throws IOException, MalformedModelException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= ((long) readByte(op, opOffset)) << (8 * i);
        }
        return v;
    }

    byte[] readBytes(int n, PickleOpcode op, long opOffset) throws IOException, MalformedModelException {
        byte[] buf = new byte[n];
        int done = 0;
        if (peeked != -2 && n > 0) {
            if (peeked < 0) {
                throw truncated(op, opOffset, n);
            }
            buf[done++] = (byte) peeked;
            peeked = -2;
            position++;
        }
        while (done < n) {
            int r = in.read(buf, done, n - done);
            if (r < 0) {
                throw truncated(op, opOffset, n - done);
            }
            done += r;
            position += r;
        }
        return buf;
    }

    void skip(long n, PickleOpcode op, long opOffset) throws IOException, MalformedModelException {
        long left = n;
        if (left > 0 && peeked != -2) {
            if (peeked < 0) {
                throw truncated(op, opOffset, left);
            }
            peeked = -2;
            position++;
            left--;
        }
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw truncated(op, opOffset, left);
                }
                s = 1;
            }
            left -= s;
            position += s;
        }
    }

    /** Reads up to a newline, which is consumed and not returned. */
    byte[] readLine(int max, PickleOpcode op, long opOffset) throws IOException, MalformedModelException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b < 0) {
                throw new MalformedModelException("truncated pickle at offset " + position + ": opcode " + op
                        + " at offset " + opOffset + " has no end of line", position);
            }
            if (b == '\n') {
                return out.toByteArray();
            }
            if (out.size() >= max) {
                throw new MalformedModelException("opcode " + op + " at offset " + opOffset
                        + " has an argument line longer than " + max + " bytes", opOffset);
            }
            out.write(b);
        }
    }

    private MalformedModelException truncated(PickleOpcode op, long opOffset, long missing) {
        return new MalformedModelException("truncated pickle at offset " + position + ": opcode " + op
                + " at offset " + opOffset + " needs " + missing + " more byte(s)", position);
    }
}
