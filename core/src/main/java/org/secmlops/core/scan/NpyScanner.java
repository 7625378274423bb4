package org.secmlops.core.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code .npy} header; an object array's data is a pickle, which is then scanned. */
final class NpyScanner {

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final int MAX_HEADER = 1 << 20;

    private NpyScanner() {
    }

    static void scan(InputStream in, String display, PickleScanner pickles, FindingSink sink) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            sink.unparseable(display, "", "truncated .npy header");
            return;
        }
        int major = magic[6] & 0xff;
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes || (major < 1 || major > 3)) {
            sink.unparseable(display, "", major < 1 || major > 3 ? "unknown .npy format version " + major
                    : "truncated .npy header");
            return;
        }
        long headerLength = 0;
        for (int i = 0; i < lengthBytes; i++) {
            headerLength |= (long) (len[i] & 0xff) << (8 * i);
        }
        if (headerLength > MAX_HEADER) {
            sink.unparseable(display, "", ".npy header of " + headerLength + " bytes is implausibly large");
            return;
        }
        byte[] header = in.readNBytes((int) headerLength);
        if (header.length < headerLength) {
            sink.unparseable(display, "", "truncated .npy header");
            return;
        }
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher m = DESCR.matcher(text);
        if (!m.find()) {
            if (text.contains("'descr'")) {
                // structured dtypes are lists; they can hold object fields, which are pickled
                if (text.contains("'O'") || text.contains("|O")) {
                    pickles.scan(in, display, 8L + lengthBytes + headerLength, false);
                }
                return;
            }
            sink.unparseable(display, "", ".npy header has no 'descr' entry");
            return;
        }
        String descr = m.group(1).replaceFirst("^[<>|=]", "");
        if (descr.startsWith("O")) {
            pickles.scan(in, display, 8L + lengthBytes + headerLength, false);
        }
    }
}
