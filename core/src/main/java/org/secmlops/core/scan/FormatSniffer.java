package org.secmlops.core.scan;

import java.util.Locale;
import java.util.Set;

/**
 * Decides how to read a file from its first bytes and, where the content has no magic, its name.
 * Content always wins: a pickle named {@code weights.safetensors}, {@code model.onnx} or
 * {@code graph.pb} is read as a pickle ({@link #claimedFormat} then says what the name pretends).
 */
final class FormatSniffer {

    /** How a file is read. */
    enum Format {
        ZIP, PICKLE, PICKLE_SNIFFED, GZIP, ZLIB, BZIP2, UNSUPPORTED_COMPRESSION, NPY, SAFETENSORS, SAVED_MODEL,
        GRAPH_DEF, SAVED_MODEL_TEXT, KERAS_METADATA, ONNX, KERAS_JSON, HDF5, RAW
    }

    /** Bytes read from the start of a file to decide its format. */
    static final int HEAD_SIZE = 4096;

    private static final Set<String> STRONG_PICKLE = Set.of("pkl", "pickle", "joblib", "pt", "pth", "ckpt", "p",
            "sav", "dill", "pkl3", "mar", "cpkl");
    private static final Set<String> COMPRESSION_SUFFIXES = Set.of("gz", "z", "zlib", "bz2", "xz", "lzma", "lz4");
    private static final Set<String> WEAK_PICKLE = Set.of("bin", "dat", "data", "model");
    private static final Set<String> MODEL_EXTENSIONS = Set.of("pb", "onnx", "h5", "hdf5", "keras", "npy", "npz",
            "zip", "pbtxt", "safetensors", "tflite", "gguf");
    /** Extensions of formats that are not pickles and are not read by a pickle-based loader. */
    private static final Set<String> NOT_PICKLE = Set.of("safetensors", "onnx", "pb", "pbtxt", "h5", "hdf5",
            "tflite", "gguf", "npy", "json", "msgpack", "txt", "csv", "png", "jpg", "jpeg");
    /** The largest safetensors header the reference implementation accepts. */
    static final long MAX_SAFETENSORS_HEADER = 100_000_000L;
    private static final String AFTER_PROTO = "})](cXKJMNGUTCBVSIFL";
    private static final int[] AFTER_PROTO_BINARY = {0x8c, 0x88, 0x89, 0x8a, 0x8b, 0x8d, 0x8e, 0x8f, 0x95, 0x96};

    private FormatSniffer() {
    }

    static Format detect(String name, byte[] head) {
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = extension(lower);
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return Format.ZIP;
        }
        if (startsWith(head, 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n')) {
            return Format.HDF5;
        }
        if (startsWith(head, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
            return Format.NPY;
        }
        if (looksLikeSafetensors(head)) {
            return Format.SAFETENSORS;
        }
        String inner = COMPRESSION_SUFFIXES.contains(ext) ? extension(lower.substring(0, lower.length() - ext.length() - 1)) : ext;
        boolean strong = STRONG_PICKLE.contains(inner);
        boolean weak = WEAK_PICKLE.contains(inner);
        boolean claimsOther = NOT_PICKLE.contains(ext);
        if (looksLikeBinaryPickle(head)) {
            return strong || weak || claimsOther ? Format.PICKLE : Format.PICKLE_SNIFFED;
        }
        Format compressed = compression(head, strong || weak || !ext.equals(inner), ext);
        if (compressed != null) {
            return compressed;
        }
        if (claimsOther && looksLikeTextGlobal(head)) {
            return Format.PICKLE;
        }
        if (lower.startsWith("variables.data-") || lower.equals("fingerprint.pb")) {
            return Format.RAW;
        }
        if (ext.equals("safetensors")) {
            return Format.SAFETENSORS;
        }
        if (lower.equals("saved_model.pb")) {
            return Format.SAVED_MODEL;
        }
        if (lower.equals("keras_metadata.pb")) {
            return Format.KERAS_METADATA;
        }
        if (ext.equals("pb")) {
            return Format.GRAPH_DEF;
        }
        if (ext.equals("pbtxt")) {
            return Format.SAVED_MODEL_TEXT;
        }
        if (ext.equals("onnx")) {
            return Format.ONNX;
        }
        if (lower.equals("config.json") || lower.equals("model.json") || lower.endsWith("model_config.json")) {
            return Format.KERAS_JSON;
        }
        if (strong || (weak && looksLikeTextPickle(head))) {
            return Format.PICKLE;
        }
        if (looksLikeTextGlobal(head)) {
            return Format.PICKLE_SNIFFED;
        }
        return Format.RAW;
    }

    /**
     * Tells what a file's name claims when its content is a pickle or an archive of another kind.
     *
     * @return the claimed format (its extension, such as {@code safetensors}), or {@code null} when
     *         the name fits or claims nothing
     */
    static String claimedFormat(String name, Format actual) {
        String ext = extension(name.toLowerCase(Locale.ROOT));
        boolean pickle = actual == Format.PICKLE || actual == Format.PICKLE_SNIFFED;
        boolean zip = actual == Format.ZIP && !ext.equals("json") && !ext.equals("txt");
        return (pickle || zip) && NOT_PICKLE.contains(ext) ? ext : null;
    }

    /**
     * A compression format told by its magic bytes. Strong magic (gzip, bzip2, xz, zstd, lz4) is
     * trusted whatever the name; zlib and raw lzma have weak magic and count only with a pickle or
     * compression file name.
     */
    private static Format compression(byte[] head, boolean nameSaysCompressedOrPickle, String ext) {
        if (startsWith(head, 0x1f, 0x8b, 0x08)) {
            return Format.GZIP;
        }
        if (head.length >= 10 && startsWith(head, 'B', 'Z', 'h') && head[3] >= '1' && head[3] <= '9'
                && (startsWith(slice(head, 4), 0x31, 0x41, 0x59, 0x26, 0x53, 0x59)
                || startsWith(slice(head, 4), 0x17, 0x72, 0x45, 0x38, 0x50, 0x90))) {
            return Format.BZIP2;
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0) || startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)
                || startsWith(head, 0x04, 0x22, 0x4d, 0x18)) {
            return Format.UNSUPPORTED_COMPRESSION;
        }
        if (nameSaysCompressedOrPickle || ext.equals("z") || ext.equals("zlib") || ext.equals("lzma")) {
            if (head.length >= 2 && (head[0] & 0xff) == 0x78 && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0
                    && (head[1] & 0x20) == 0) {
                return Format.ZLIB;
            }
            if (startsWith(head, 0x5d, 0, 0)) {
                return Format.UNSUPPORTED_COMPRESSION;
            }
        }
        return null;
    }

    /** A pickle of protocol 2 or later: PROTO, a protocol number, and a plausible first opcode. */
    static boolean looksLikeBinaryPickle(byte[] head) {
        return head.length >= 3 && (head[0] & 0xff) == 0x80 && head[1] >= 0 && head[1] <= 5
                && plausibleAfterProto(head[2]);
    }

    /** A safetensors file: an 8-byte little-endian header length in bounds, then a JSON object. */
    static boolean looksLikeSafetensors(byte[] head) {
        if (head.length < 10 || head[8] != '{' || "\"} \n\r\t".indexOf(head[9]) < 0) {
            return false;
        }
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = (n << 8) | (head[i] & 0xff);
        }
        return n >= 2 && n <= MAX_SAFETENSORS_HEADER;
    }

    private static byte[] slice(byte[] head, int from) {
        return java.util.Arrays.copyOfRange(head, from, head.length);
    }

    /** Extensions of files that loaders open with Python's zipfile, which finds an archive from its end. */
    private static final Set<String> OPENED_AS_ARCHIVE = Set.of("keras", "zip", "npz", "pt", "pth", "mar", "ckpt",
            "nemo");

    /** @return whether a loader would open a file of this name as a zip archive, wherever the archive starts */
    static boolean openedAsArchiveByName(String name) {
        return OPENED_AS_ARCHIVE.contains(extension(name.toLowerCase(Locale.ROOT)));
    }

    /** @return whether a lower-case extension names a compression format, such as {@code gz} */
    static boolean isCompressionSuffix(String ext) {
        return COMPRESSION_SUFFIXES.contains(ext);
    }

    /** Whether an empty file with this name is suspicious (a model was expected). */
    static boolean expectsModel(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = extension(lower);
        return STRONG_PICKLE.contains(ext) || MODEL_EXTENSIONS.contains(ext) || lower.equals("config.json");
    }

    private static boolean plausibleAfterProto(byte b) {
        int v = b & 0xff;
        if (AFTER_PROTO.indexOf(v) >= 0) {
            return true;
        }
        for (int c : AFTER_PROTO_BINARY) {
            if (c == v) {
                return true;
            }
        }
        return false;
    }

    /** Protocol 0/1 heuristics: a GLOBAL with identifier lines, or a container start. */
    private static boolean looksLikeTextPickle(byte[] head) {
        return looksLikeTextGlobal(head) || (head.length >= 2 && "(}]ldNI".indexOf(head[0] & 0xff) >= 0
                && PickleOpcode.of(head[1] & 0xff) != null);
    }

    /** A protocol 0/1 GLOBAL or INST, possibly after a MARK, with two identifier lines. */
    private static boolean looksLikeTextGlobal(byte[] head) {
        if (head.length < 2) {
            return false;
        }
        int i = head[0] == '(' ? 1 : 0;
        int first = head[i] & 0xff;
        if (first == 'c' || first == 'i') {
            int j = i + 1;
            int lines = 0;
            int lineLength = 0;
            while (j < head.length && lines < 2) {
                int c = head[j] & 0xff;
                if (c == '\n') {
                    if (lineLength == 0) {
                        return false;
                    }
                    lines++;
                    lineLength = 0;
                } else if ((c < 128 && Character.isLetterOrDigit(c)) || c == '_' || c == '.') {
                    lineLength++;
                } else {
                    return false;
                }
                j++;
            }
            return lines == 2;
        }
        return false;
    }

    static String extension(String lowerName) {
        int dot = lowerName.lastIndexOf('.');
        return dot < 0 ? "" : lowerName.substring(dot + 1);
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
