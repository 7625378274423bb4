package org.secmlops.core.scan;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

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

    ContentScanner(ScanPolicy policy, ScanLimits limits, FindingSink sink) {
        this.limits = limits;
        this.sink = sink;
        this.pickles = new PickleScanner(policy, sink);
        this.keras = new KerasConfigScanner(policy, sink);
        this.savedModels = new SavedModelScanner(policy, sink, keras);
        this.onnx = new OnnxScanner(sink);
        this.zips = new ZipScanner(limits, sink, this);
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
        if (format == FormatSniffer.Format.RAW) {
            return;
        }
        if (format == FormatSniffer.Format.ZIP) {
            zips.scanFile(file, display, new ArchiveBudget(limits));
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            dispatch(format, in, display, size, 0, null, file);
        } catch (ArchiveLimitException e) {
            sink.add(display, "", Severity.HIGH, Rules.ZIP_BOMB, "possible compression bomb: " + e.getMessage()
                    + "; decompression stopped");
        } catch (IOException e) {
            sink.add(display, "", Severity.MEDIUM, Rules.UNREADABLE_FILE, "cannot read the file: " + e.getMessage());
        }
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
        try {
            if (format == FormatSniffer.Format.RAW) {
                if (compressed) {
                    drain(in);
                }
                return;
            }
            dispatch(format, in, display, size, depth, budget, null);
        } catch (ArchiveLimitException e) {
            throw e;
        } catch (IOException e) {
            sink.unparseable(display, "", "cannot read the archive member: " + e.getMessage());
        }
    }

    private void dispatch(FormatSniffer.Format format, InputStream in, String display, long size, int depth,
                          ArchiveBudget budget, Path diskFile) throws IOException {
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
            case GZIP_PICKLE, ZLIB_PICKLE -> scanCompressedPickle(format, in, display, size, budget);
            case UNSUPPORTED_COMPRESSION -> sink.add(display, "", Severity.MEDIUM, Rules.UNSUPPORTED_COMPRESSION,
                    "the file is compressed with a codec this scanner does not read (xz, bzip2, lz4, zstd or lzma);"
                            + " a pickle inside it could not be checked");
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

    private void scanCompressedPickle(FormatSniffer.Format format, InputStream in, String display, long size,
                                      ArchiveBudget budget) throws IOException {
        ArchiveBudget b = budget != null ? budget : new ArchiveBudget(limits);
        try {
            InputStream inflated = format == FormatSniffer.Format.GZIP_PICKLE
                    ? new GZIPInputStream(in, 1 << 16) : new InflaterInputStream(in);
            pickles.scan(new BufferedInputStream(b.guard(inflated, display, size), 1 << 16), display,
                    0, false);
        } catch (ZipException | EOFException e) {
            sink.unparseable(display, "", "corrupt compressed data: " + e.getMessage());
        }
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
