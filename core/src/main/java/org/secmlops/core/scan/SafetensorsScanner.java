package org.secmlops.core.scan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.scan.Severity;

/**
 * Validates a safetensors file: an 8-byte little-endian header length, a JSON header that maps
 * tensor names to {@code dtype}, {@code shape} and {@code data_offsets}, then the tensor bytes.
 * Only the header is held in memory; the data is skipped (counted when the size is unknown).
 *
 * <p>Everything the reference loader would refuse, and data that no tensor covers (where other
 * content can hide), is reported as {@code SAFETENSORS_INVALID}, {@link Severity#MEDIUM}.
 */
final class SafetensorsScanner {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<String, Integer> DTYPE_BITS = Map.ofEntries(
            Map.entry("BOOL", 8), Map.entry("U8", 8), Map.entry("I8", 8), Map.entry("F8_E5M2", 8),
            Map.entry("F8_E4M3", 8), Map.entry("F8_E8M0", 8), Map.entry("I16", 16), Map.entry("U16", 16),
            Map.entry("F16", 16), Map.entry("BF16", 16), Map.entry("I32", 32), Map.entry("U32", 32),
            Map.entry("F32", 32), Map.entry("I64", 64), Map.entry("U64", 64), Map.entry("F64", 64),
            Map.entry("C64", 64), Map.entry("F4", 4), Map.entry("F6_E2M3", 6), Map.entry("F6_E3M2", 6));
    private static final String METADATA = "__metadata__";

    private record Range(String tensor, long begin, long end) {
    }

    private final FindingSink sink;
    private final long maxHeader;

    SafetensorsScanner(FindingSink sink, ScanLimits limits) {
        this.sink = sink;
        this.maxHeader = Math.min(FormatSniffer.MAX_SAFETENSORS_HEADER, limits.maxFileSizeToParse());
    }

    /**
     * Validates one file.
     *
     * @param in      the file's bytes from the start
     * @param display the name in findings
     * @param size    the file size, or a negative value when unknown (then the data is counted)
     * @throws IOException when reading fails (archive limits included)
     */
    void scan(InputStream in, String display, long size) throws IOException {
        byte[] lengthBytes = in.readNBytes(8);
        if (lengthBytes.length < 8) {
            invalid(display, "", "the file is shorter than the 8-byte header length of a safetensors file");
            return;
        }
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = (n << 8) | (lengthBytes[i] & 0xff);
        }
        if (n < 2 || n > maxHeader) {
            invalid(display, "header length", "the header length " + Long.toUnsignedString(n)
                    + " is outside 2.." + maxHeader + " bytes; this is not a loadable safetensors file");
            return;
        }
        if (size >= 0 && 8 + n > size) {
            invalid(display, "header length", "the header length " + n + " runs past the end of the "
                    + size + "-byte file");
            return;
        }
        byte[] header = in.readNBytes((int) n);
        if (header.length < n) {
            invalid(display, "header", "the file ends inside its " + n + "-byte header");
            return;
        }
        long dataSize = size >= 0 ? size - 8 - n : count(in);
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            invalid(display, "header", "the header is not well-formed JSON (" + Text.quote(e.getOriginalMessage())
                    + "); a loader refuses it, and its content cannot be checked");
            return;
        }
        if (root == null || !root.isObject()) {
            invalid(display, "header", "the header is not a JSON object");
            return;
        }
        List<Range> ranges = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) {
                checkMetadata(display, e.getValue());
            } else {
                Range r = checkTensor(display, e.getKey(), e.getValue(), dataSize);
                if (r != null) {
                    ranges.add(r);
                }
            }
        }
        checkCoverage(display, ranges, dataSize);
    }

    private void checkMetadata(String display, JsonNode metadata) {
        if (!metadata.isObject()) {
            invalid(display, METADATA, "__metadata__ is not a JSON object of strings");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                invalid(display, METADATA, "__metadata__ entry '" + Text.quote(e.getKey()) + "' is not a string");
            }
        }
    }

    private Range checkTensor(String display, String name, JsonNode info, long dataSize) {
        String where = "tensor '" + Text.quote(name) + "'";
        if (!info.isObject()) {
            invalid(display, where, "the tensor entry is not a JSON object");
            return null;
        }
        JsonNode dtype = info.get("dtype");
        Integer bits = dtype != null && dtype.isTextual() ? DTYPE_BITS.get(dtype.asText()) : null;
        if (bits == null) {
            invalid(display, where, "unknown or missing dtype " + (dtype == null ? "" : Text.quote(dtype.toString())));
            return null;
        }
        JsonNode shape = info.get("shape");
        if (shape == null || !shape.isArray()) {
            invalid(display, where, "missing or non-array shape");
            return null;
        }
        long elements = 1;
        for (JsonNode dim : shape) {
            if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.asLong() < 0) {
                invalid(display, where, "shape " + Text.quote(shape.toString()) + " holds a value that is not a"
                        + " non-negative integer");
                return null;
            }
            try {
                elements = Math.multiplyExact(elements, dim.asLong());
            } catch (ArithmeticException e) {
                invalid(display, where, "shape " + Text.quote(shape.toString()) + " has an impossibly large size");
                return null;
            }
        }
        JsonNode offsets = info.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong() || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber()) {
            invalid(display, where, "data_offsets must be two integers [begin, end]");
            return null;
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) {
            invalid(display, where, "data_offsets [" + begin + ", " + end + "] are not an ordered range");
            return null;
        }
        if (end > dataSize) {
            invalid(display, where, "data_offsets end at " + end + ", past the " + dataSize
                    + " bytes of tensor data in the file");
            return null;
        }
        long expectedBits;
        try {
            expectedBits = Math.multiplyExact(elements, (long) bits);
        } catch (ArithmeticException e) {
            invalid(display, where, "shape " + Text.quote(shape.toString()) + " has an impossibly large size");
            return null;
        }
        if (expectedBits % 8 != 0 || end - begin != expectedBits / 8) {
            invalid(display, where, "dtype " + dtype.asText() + " and shape " + Text.quote(shape.toString()) + " need "
                    + (expectedBits % 8 == 0 ? expectedBits / 8 + " bytes" : "a fraction of a byte") + ", but"
                    + " data_offsets cover " + (end - begin));
            return null;
        }
        return new Range(name, begin, end);
    }

    private void checkCoverage(String display, List<Range> ranges, long dataSize) {
        ranges.sort(Comparator.comparingLong(Range::begin).thenComparingLong(Range::end));
        long covered = 0;
        Range previous = null;
        for (Range r : ranges) {
            if (r.begin() == r.end()) {
                continue;
            }
            if (previous != null && r.begin() < previous.end()) {
                invalid(display, "tensor '" + Text.quote(r.tensor()) + "'", "its bytes [" + r.begin() + ", " + r.end()
                        + ") overlap those of tensor '" + Text.quote(previous.tensor()) + "' [" + previous.begin() + ", "
                        + previous.end() + ")");
            } else if (r.begin() > covered) {
                hidden(display, covered, r.begin());
            }
            covered = Math.max(covered, r.end());
            if (previous == null || r.end() > previous.end()) {
                previous = r;
            }
        }
        if (covered < dataSize) {
            hidden(display, covered, dataSize);
        }
    }

    private void hidden(String display, long from, long to) {
        invalid(display, "data bytes " + from + ".." + to, (to - from) + " bytes of the data section belong to no"
                + " tensor; the reference loader refuses such files, and other content (a pickle, an archive) can"
                + " hide there");
    }

    private void invalid(String display, String location, String why) {
        sink.add(display, location, Severity.MEDIUM, Rules.SAFETENSORS_INVALID, "not a valid safetensors file: " + why);
    }

    private static long count(InputStream in) throws IOException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
        }
        return total;
    }
}
