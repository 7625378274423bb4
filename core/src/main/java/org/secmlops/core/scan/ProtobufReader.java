package org.secmlops.core.scan;

import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of the protobuf wire format over a byte array: iterate the fields of a
 * message, read varints and strings, open sub-messages, skip the rest. Every length is checked
 * against the enclosing message, so truncated or garbage input gives a
 * {@link MalformedModelException}, never an unchecked exception or a hang.
 */
final class ProtobufReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    private static final int MAX_GROUP_DEPTH = 64;

    private final byte[] buf;
    private final int end;
    private int pos;
    private int fieldStart;
    private int field;
    private int wireType;

    ProtobufReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private ProtobufReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    /**
     * Moves to the next field.
     *
     * @return {@code false} at the end of the message
     */
    boolean next() throws MalformedModelException {
        if (pos >= end) {
            return false;
        }
        fieldStart = pos;
        long tag = readRawVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (tag >>> 3 > 0x1fffffffL || field == 0) {
            throw malformed("invalid field number " + (tag >>> 3));
        }
        if (wireType > FIXED32) {
            throw malformed("invalid wire type " + wireType + " for field " + field);
        }
        if (wireType == END_GROUP) {
            throw malformed("unexpected end-group tag for field " + field);
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    /** @return the offset of the current field's tag */
    int fieldOffset() {
        return fieldStart;
    }

    long readVarint() throws MalformedModelException {
        expect(VARINT);
        return readRawVarint();
    }

    /** Reads the current length-delimited field as a sub-message. */
    ProtobufReader readMessage() throws MalformedModelException {
        int len = readLength();
        ProtobufReader sub = new ProtobufReader(buf, pos, pos + len);
        pos += len;
        return sub;
    }

    String readString() throws MalformedModelException {
        int len = readLength();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** Skips the current field, whatever its wire type. */
    void skip() throws MalformedModelException {
        skip(wireType, 0);
    }

    private void skip(int type, int depth) throws MalformedModelException {
        switch (type) {
            case VARINT -> readRawVarint();
            case FIXED64 -> advance(8);
            case FIXED32 -> advance(4);
            case LENGTH_DELIMITED -> advance(readLength());
            case START_GROUP -> {
                if (depth >= MAX_GROUP_DEPTH) {
                    throw malformed("groups nested deeper than " + MAX_GROUP_DEPTH);
                }
                int group = field;
                while (true) {
                    if (pos >= end) {
                        throw malformed("group " + group + " is not closed");
                    }
                    long tag = readRawVarint();
                    int t = (int) (tag & 7);
                    if (t == END_GROUP) {
                        if ((tag >>> 3) != group) {
                            throw malformed("group " + group + " closed by end-group tag " + (tag >>> 3));
                        }
                        return;
                    }
                    if (t > FIXED32 || (tag >>> 3) == 0) {
                        throw malformed("invalid tag inside group " + group);
                    }
                    int saved = field;
                    field = (int) (tag >>> 3);
                    skip(t, depth + 1);
                    field = saved;
                }
            }
            default -> throw malformed("invalid wire type " + type);
        }
    }

    private int readLength() throws MalformedModelException {
        expect(LENGTH_DELIMITED);
        long len = readRawVarint();
        if (len < 0 || len > end - pos) {
            throw malformed("field " + field + " declares " + len + " bytes but only " + (end - pos) + " remain");
        }
        return (int) len;
    }

    private void advance(int n) throws MalformedModelException {
        if (n > end - pos) {
            throw malformed("field " + field + " needs " + n + " bytes but only " + (end - pos) + " remain");
        }
        pos += n;
    }

    private void expect(int type) throws MalformedModelException {
        if (wireType != type) {
            throw malformed("field " + field + " has wire type " + wireType + ", expected " + type);
        }
    }

    private long readRawVarint() throws MalformedModelException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed("truncated varint");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    private MalformedModelException malformed(String what) {
        return new MalformedModelException("invalid protobuf at offset " + pos + ": " + what, pos);
    }
}
