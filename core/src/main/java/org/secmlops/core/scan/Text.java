package org.secmlops.core.scan;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small text helpers: safe quoting for messages and the string encodings of pickle protocol 0. */
final class Text {

    private static final int MAX_QUOTED = 200;

    private Text() {
    }

    /** Escapes control characters and shortens long text so it is safe to show in a report. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX_QUOTED) {
            b.setLength(MAX_QUOTED);
            b.append('…');
        }
        return b.toString();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Decodes the argument of protocol 0's STRING opcode: a quoted Python 2 byte string literal. */
    static String decodeQuoted(byte[] line, long offset) throws MalformedModelException {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ')) {
            end--;
        }
        if (end < 2 || (line[0] != '\'' && line[0] != '"') || line[end - 1] != line[0]) {
            throw new MalformedModelException("STRING at offset " + offset + " is not a quoted string", offset);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < end - 1; i++) {
            int c = line[i] & 0xff;
            if (c != '\\' || i + 1 >= end - 1) {
                b.append((char) c);
                continue;
            }
            int e = line[++i] & 0xff;
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i + 1 < end - 1 && line[i + 1] >= '0' && line[i + 1] <= '7'; k++) {
                        v = v * 8 + (line[++i] - '0');
                    }
                    b.append((char) (v & 0xff));
                }
                case 'x' -> {
                    if (i + 2 < end - 1) {
                        int v = Character.digit(line[i + 1], 16) * 16 + Character.digit(line[i + 2], 16);
                        if (v >= 0) {
                            b.append((char) v);
                            i += 2;
                            break;
                        }
                    }
                    b.append("\\x");
                }
                default -> b.append((char) e);
            }
        }
        return b.toString();
    }

    /** Decodes Python's raw-unicode-escape encoding (protocol 0's UNICODE opcode). */
    static String decodeRawUnicodeEscape(byte[] line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            int c = line[i] & 0xff;
            if (c == '\\' && i + 1 < line.length && (line[i + 1] == 'u' || line[i + 1] == 'U')) {
                int digits = line[i + 1] == 'u' ? 4 : 8;
                if (i + 1 + digits < line.length) {
                    try {
                        int cp = Integer.parseUnsignedInt(new String(line, i + 2, digits, StandardCharsets.ISO_8859_1), 16);
                        if (Character.isValidCodePoint(cp)) {
                            b.appendCodePoint(cp);
                            i += 1 + digits;
                            continue;
                        }
                    } catch (NumberFormatException e) {
                        // not an escape: keep the text as it is
                    }
                }
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** Formats a byte count for progress lines, e.g. {@code 12.3 kB}. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
