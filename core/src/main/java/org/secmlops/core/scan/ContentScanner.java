package org.secmlops.core.scan;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.secmlops.core.capability.scan.Severity;

/** Sniffs one file or archive member and hands it to the scanner for its format. */
final class ContentScanner {

    private static final long HDF5_WINDOW = 64L << 20;

    private final ScanLimits limits;
    private final FindingSink sink;
    private final PickleScanner pickles;
    private final SavedModelScanner savedModels;
    private final OnnxScanner onnx;
    private final KerasConfigScanner keras;
    private final ZipScanner zips;
    private final SafetensorsScanner safetensors;

    ContentScanner(ScanPolicy policy, ScanLimits limits, FindingSink sink) {
        this.limits = limits;
        this.sink = sink;
        this.pickles = new PickleScanner(policy, sink);
        this.keras = new KerasConfigScanner(policy, sink);
        this.savedModels = new SavedModelScanner(policy, sink, keras);
        this.onnx = new OnnxScanner(sink);
        this.zips = new ZipScanner(limits, sink, this);
        this.safetensors = new SafetensorsScanner(sink, limits);
    }

    /** Scans a regular file on disk. */
    void scanFile(Path file, String display, long size) {
        String name = file.getFileName().toString();
        if (size == 0) {
            emptyFile(display, name);
            return;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(FormatSniffer.HEAD_SIZE);
        } catch (IOException e) {
            sink.add(display, "", Severity.MEDIUM, Rules.UNREADABLE_FILE, "cannot read the file, so it was not scanned: "
                    + e.getMessage());
            return;
        }
        FormatSniffer.Format format = FormatSniffer.detect(name, head);
        checkClaimedFormat(display, name, format);
        if (format == FormatSniffer.Format.ZIP) {
            zips.scanFile(file, display, new ArchiveBudget(limits));
            return;
        }
        if (format != FormatSniffer.Format.RAW) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                dispatch(format, in, display, name, size, 0, null, file);
            } catch (ArchiveLimitException e) {
                sink.add(display, "", Severity.HIGH, Rules.ZIP_BOMB, "possible compression bomb: " + e.getMessage()
                        + "; decompression stopped");
            } catch (IOException e) {
                sink.add(display, "", Severity.MEDIUM, Rules.UNREADABLE_FILE, "cannot read the file: " + e.getMessage());
            }
        }
        scanTrailingArchive(file, display, size);
    }

    /** A zip archive after other data is still opened by Python's zipfile, so it is scanned as one. */
    private void scanTrailingArchive(Path file, String display, long size) {
        try {
            if (!ZipLocator.endsWithArchive(file, size)) {
                return;
            }
        } catch (IOException e) {
            sink.add(display, "", Severity.MEDIUM, Rules.UNREADABLE_FILE, "cannot read the end of the file: "
                    + e.getMessage());
            return;
        }
        sink.add(display, "", Severity.MEDIUM, Rules.ZIP_PREFIXED_DATA, "the file ends with a zip archive that"
                + " does not start at its first byte; Python's zipfile (used by Keras, numpy and others) finds the"
                + " archive from its end and reads it, so it is scanned as an archive too");
        zips.scanFile(file, display, new ArchiveBudget(limits));
    }

    private void checkClaimedFormat(String display, String name, FormatSniffer.Format format) {
        String claimed = FormatSniffer.claimedFormat(name, format);
        if (claimed == null) {
            return;
        }
        boolean zip = format == FormatSniffer.Format.ZIP;
        sink.add(display, "", zip ? Severity.MEDIUM : Severity.HIGH, Rules.FORMAT_MISMATCH, "the name says ."
                + claimed + " but the content is " + (zip ? "a zip archive" : "a pickle") + "; it is scanned as what"
                + " it is, and a loader that goes by content (torch.load, joblib.load, pickle.load) "
                + (zip ? "opens it as an archive" : "unpickles it, running what it names"));
    }

    /**
     * Scans an archive member.
     *
     * @param size       the uncompressed size, or -1 when unknown
     * @param depth      the number of archive levels around it
     * @param compressed whether the member is compressed (then it is read to the end, to measure it)
     * @throws ArchiveLimitException when an archive limit is hit; the archive stops being read
     */
    void scanStream(InputStream raw, String display, String name, long size, int depth, ArchiveBudget budget,
                    boolean compressed) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(FormatSniffer.HEAD_SIZE);
        byte[] head = in.readNBytes(FormatSniffer.HEAD_SIZE);
        in.reset();
        if (head.length == 0) {
            emptyFile(display, name);
            return;
        }
        FormatSniffer.Format format = FormatSniffer.detect(name, head);
        checkClaimedFormat(display, name, format);
        try {
            if (format != FormatSniffer.Format.ZIP && depth < limits.maxNestingDepth()
                    && FormatSniffer.openedAsArchiveByName(name)) {
                long cap = Math.min(limits.maxFileSizeToParse(), Integer.MAX_VALUE - 16);
                byte[] data = readUpTo(in, cap + 1);
                if (data.length <= cap) {
                    scanHeldMember(format, data, display, name, depth, budget);
                    return;
                }
                in = new SequenceInputStream(new ByteArrayInputStream(data), in);
            }
            if (format == FormatSniffer.Format.RAW) {
                if (compressed) {
                    drain(in);
                }
                return;
            }
            dispatch(format, in, display, name, size, depth, budget, null);
        } catch (ArchiveLimitException e) {
            throw e;
        } catch (IOException e) {
            sink.unparseable(display, "", "cannot read the archive member: " + e.getMessage());
        }
    }

    /**
     * Scans a member that loaders open as a zip archive ({@code .keras}, {@code .pt}, ...) although it
     * does not start like one: by its content, then as the archive at its end, if there is one.
     */
    private void scanHeldMember(FormatSniffer.Format format, byte[] data, String display, String name, int depth,
                                ArchiveBudget budget) throws IOException {
        if (format != FormatSniffer.Format.RAW) {
            dispatch(format, new ByteArrayInputStream(data), display, name, data.length, depth, budget, null);
        }
        if (ZipLocator.endsWithArchive(new SeekableInMemoryByteChannel(data), data.length)) {
            sink.add(display, "", Severity.MEDIUM, Rules.ZIP_PREFIXED_DATA, "the member ends with a zip archive that"
                    + " does not start at its first byte; Python's zipfile finds the archive from its end and reads it,"
                    + " so it is scanned as an archive too");
            zips.scanChannel(new SeekableInMemoryByteChannel(data), display, depth + 1, budget);
        }
    }

    private void dispatch(FormatSniffer.Format format, InputStream in, String display, String name, long size,
                          int depth, ArchiveBudget budget, Path diskFile) throws IOException {
        switch (format) {
            case ZIP -> {
                if (depth >= limits.maxNestingDepth()) {
                    sink.add(display, "", Severity.MEDIUM, Rules.ZIP_NESTING_TOO_DEEP, "archive nested " + depth
                            + " levels deep was not opened (limit " + limits.maxNestingDepth()
                            + "); its content is not checked");
                    return;
                }
                zips.scanStream(in, display, depth + 1, budget);
            }
            case PICKLE, PICKLE_SNIFFED -> pickles.scan(in, display, 0, format == FormatSniffer.Format.PICKLE_SNIFFED);
            case GZIP, ZLIB, BZIP2 -> scanCompressed(format, in, display, name, size, depth, budget);
            case UNSUPPORTED_COMPRESSION -> sink.add(display, "", Severity.HIGH, Rules.UNSUPPORTED_COMPRESSION,
                    "the file is compressed with a codec this scanner does not read (xz, lzma, lz4 or zstd); joblib"
                            + " and other loaders decompress it, so a pickle inside it runs unchecked");
            case SAFETENSORS -> safetensors.scan(in, display, diskFile != null ? size : -1);
            case NPY -> NpyScanner.scan(in, display, pickles, sink);
            case HDF5 -> keras.scanHdf5(readUpTo(in, HDF5_WINDOW), display);
            default -> {
                byte[] data = readBounded(in, display, size);
                if (data == null) {
                    return;
                }
                switch (format) {
                    case SAVED_MODEL -> savedModels.scanSavedModel(data, display);
                    case GRAPH_DEF -> savedModels.scanGraphDef(data, display);
                    case SAVED_MODEL_TEXT -> savedModels.scanText(data, display);
                    case KERAS_METADATA -> savedModels.scanKerasMetadata(data, display);
                    case ONNX -> onnx.scan(data, display, diskFile);
                    case KERAS_JSON -> keras.scanConfig(data, display);
                    default -> throw new IllegalStateException("unhandled format " + format);
                }
            }
        }
    }

    /**
     * Decompresses gzip, zlib or bzip2 content and scans what it holds by its own content (a pickle,
     * an archive, another compressed layer), counting each layer as a nesting level.
     */
    private void scanCompressed(FormatSniffer.Format format, InputStream in, String display, String name, long size,
                                int depth, ArchiveBudget budget) throws IOException {
        if (depth >= limits.maxNestingDepth()) {
            sink.add(display, "", Severity.MEDIUM, Rules.ZIP_NESTING_TOO_DEEP, "compressed data nested " + depth
                    + " levels deep was not opened (limit " + limits.maxNestingDepth() + "); its content is not checked");
            return;
        }
        ArchiveBudget b = budget != null ? budget : new ArchiveBudget(limits);
        InputStream decoded;
        try {
            decoded = switch (format) {
                case GZIP -> new GZIPInputStream(in, 1 << 16);
                case ZLIB -> new InflaterInputStream(in);
                case BZIP2 -> new BZip2CompressorInputStream(in, true);
                default -> throw new IllegalStateException("not a supported compression: " + format);
            };
        } catch (ZipException | EOFException e) {
            sink.unparseable(display, "", "corrupt compressed data: " + e.getMessage());
            return;
        }
        try {
            scanStream(b.guard(decoded, display, size), display, withoutCompressionSuffix(name), -1, depth + 1, b,
                    false);
        } catch (ZipException | EOFException e) {
            sink.unparseable(display, "", "corrupt compressed data: " + e.getMessage());
        }
    }

    private static String withoutCompressionSuffix(String name) {
        String ext = FormatSniffer.extension(name.toLowerCase(java.util.Locale.ROOT));
        return FormatSniffer.isCompressionSuffix(ext) ? name.substring(0, name.length() - ext.length() - 1) : name;
    }

    private byte[] readBounded(InputStream in, String display, long size) throws IOException {
        long max = Math.min(limits.maxFileSizeToParse(), Integer.MAX_VALUE - 16);
        if (size > max) {
            tooLarge(display, size);
            return null;
        }
        byte[] data = readUpTo(in, max + 1);
        if (data.length > max) {
            tooLarge(display, size);
            return null;
        }
        return data;
    }

    private void tooLarge(String display, long size) {
        sink.add(display, "", Severity.MEDIUM, Rules.FILE_TOO_LARGE, "the file" + (size > 0 ? " (" + Text.size(size) + ")" : "")
                + " is larger than the parse limit of " + Text.size(limits.maxFileSizeToParse()) + " and was not checked");
    }

    private static byte[] readUpTo(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long left = max;
        int n;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
            out.write(buf, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (in.read(buf) >= 0) {
            // reading is what measures the entry against the archive limits
        }
    }

    private void emptyFile(String display, String name) {
        if (FormatSniffer.expectsModel(name)) {
            sink.unparseable(display, "", "the file is empty, so it holds no valid model");
        }
    }
}
