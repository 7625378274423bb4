package org.secmlops.core.capability.sign;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER this package needs: reading the key structures of SEC1, PKCS#8 and SubjectPublicKeyInfo,
 * and writing the PKCS#8 and SPKI wrappers. Definite lengths only; anything else is rejected.
 */
public final class Der {
    /** A DER tag this package reads or writes. */
    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int OID = 0x06;
    public static final int SEQUENCE = 0x30;
    public static final int CONTEXT_0 = 0xA0;
    public static final int CONTEXT_1 = 0xA1;

    /** id-ecPublicKey, 1.2.840.10045.2.1, as the content of an OBJECT IDENTIFIER. */
    public static final byte[] EC_PUBLIC_KEY_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Der() {
    }

    /** One tag-length-value element inside a byte array. */
    record Tlv(int tag, byte[] data, int valueOffset, int length) {
        byte[] value() {
            return Arrays.copyOfRange(data, valueOffset, valueOffset + length);
        }

        int end() {
            return valueOffset + length;
        }

        /** The elements inside a constructed element. */
        List<Tlv> children() throws MalformedDerException {
            List<Tlv> children = new ArrayList<>();
            int position = valueOffset;
            while (position < end()) {
                Tlv child = read(data, position, end());
                children.add(child);
                position = child.end();
            }
            return children;
        }

        Tlv expect(int expectedTag, String what) throws MalformedDerException {
            if (tag != expectedTag) {
                throw new MalformedDerException(what + ": unexpected DER tag 0x" + Integer.toHexString(tag));
            }
            return this;
        }
    }

    /** The DER is not what was expected; the message never contains key material. */
    static final class MalformedDerException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedDerException(String message) {
            super(message);
        }
    }

    /** Reads the one element that must fill {@code data} exactly. */
    static Tlv readSingle(byte[] data) throws MalformedDerException {
        Tlv tlv = read(data, 0, data.length);
        if (tlv.end() != data.length) {
            throw new MalformedDerException("trailing bytes after DER structure");
        }
        return tlv;
    }

    static Tlv read(byte[] data, int offset, int limit) throws MalformedDerException {
        if (offset + 2 > limit) {
            throw new MalformedDerException("truncated DER");
        }
        int tag = data[offset] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new MalformedDerException("multi-byte DER tags are not supported");
        }
        int first = data[offset + 1] & 0xFF;
        int position = offset + 2;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 3) {
                throw new MalformedDerException("unsupported DER length");
            }
            if (position + count > limit) {
                throw new MalformedDerException("truncated DER");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[position++] & 0xFF);
            }
        }
        if (length < 0 || position + length > limit) {
            throw new MalformedDerException("truncated DER");
        }
        return new Tlv(tag, data, position, length);
    }

    /** One DER element: the tag, the definite length and the contents one after the other. */
    public static byte[] encode(int tag, byte[]... contents) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            value.writeBytes(content);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(value.toByteArray());
        return out.toByteArray();
    }
}
