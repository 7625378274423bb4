package org.secmlops.core.scan;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.secmlops.core.capability.scan.Severity;

/**
 * Reads the entries of a zip archive without extracting anything to disk, hands each to the
 * {@link ContentScanner}, and reports zip slip names, bombs and damaged archives.
 */
final class ZipScanner {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final ScanLimits limits;
    private final FindingSink sink;
    private final ContentScanner content;

    ZipScanner(ScanLimits limits, FindingSink sink, ContentScanner content) {
        this.limits = limits;
        this.sink = sink;
        this.content = content;
    }

    /** Scans an archive on disk through its central directory, falling back to streaming when it is damaged. */
    void scanFile(Path file, String display, ArchiveBudget budget) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            if (scanWithCommonsCompress(file, display, budget)) {
                return;
            }
            sink.unparseable(display, "", "not a valid zip archive (" + describe(e) + "); reading the entries that"
                    + " can be read one by one");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                scanStream(in, display, 1, budget);
            } catch (IOException e2) {
                sink.unparseable(display, "", "cannot read the archive: " + describe(e2));
            }
            return;
        }
        try (zip) {
            int count = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > limits.maxEntries()) {
                    bomb(display, "the archive has more than " + limits.maxEntries() + " entries");
                    return;
                }
                if (!checkEntry(display, entry)) {
                    return;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream raw = zip.getInputStream(entry)) {
                    if (!scanEntry(raw, display, entry, 1, budget)) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    sink.unparseable(member(display, entry.getName()), "", "cannot read the archive entry: " + describe(e));
                }
            }
        } catch (IOException | RuntimeException e) {
            sink.unparseable(display, "", "cannot read the archive: " + describe(e));
        }
    }

    /**
     * Scans an archive from a stream (a nested archive, or a damaged one on disk).
     *
     * @param depth the nesting level its entries are at (1 for a top-level archive)
     */
    void scanStream(InputStream in, String display, int depth, ArchiveBudget budget) throws ArchiveLimitException {
        ZipInputStream zin = new ZipInputStream(in);
        int count = 0;
        while (true) {
            ZipEntry entry;
            try {
                entry = zin.getNextEntry();
            } catch (ArchiveLimitException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                sink.unparseable(display, "entry #" + (count + 1), "damaged zip archive: " + describe(e));
                return;
            }
            if (entry == null) {
                if (count == 0) {
                    sink.unparseable(display, "", "zip archive without any readable entry");
                }
                return;
            }
            if (++count > limits.maxEntries()) {
                bomb(display, "the archive has more than " + limits.maxEntries() + " entries");
                return;
            }
            if (!checkEntry(display, entry)) {
                return;
            }
            if (entry.isDirectory()) {
                continue;
            }
            if (!isJdkMethod(entry.getMethod())) {
                unsupportedMethod(display, entry, "; the entries after it were not read either");
                return;
            }
            try {
                if (!scanEntry(new NonClosing(zin), display, entry, depth, budget)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                sink.unparseable(member(display, entry.getName()), "", "cannot read the archive entry: " + describe(e));
                return;
            }
        }
    }

    /** @return false when reading the archive must stop */
    private boolean checkEntry(String display, ZipEntry entry) {
        String name = entry.getName();
        String why = slipReason(name);
        if (why != null) {
            sink.add(display, "entry '" + Text.quote(name) + "'", Severity.HIGH, Rules.ZIP_SLIP,
                    "archive entry name " + why + "; extracting the archive would write outside the target folder"
                            + " (zip slip), for example over a start-up script");
        }
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size > ArchiveBudget.RATIO_GRACE_BYTES && compressed > 0 && size / compressed > limits.maxCompressionRatio()) {
            bomb(display, "entry '" + Text.quote(name) + "' declares " + size + " bytes from " + compressed
                    + " compressed bytes, a ratio over " + limits.maxCompressionRatio());
            return false;
        }
        return true;
    }

    /** @return false when reading the archive must stop */
    private boolean scanEntry(InputStream raw, String display, ZipEntry entry, int depth, ArchiveBudget budget)
            throws IOException {
        String path = member(display, entry.getName());
        boolean compressed = entry.getMethod() != ZipEntry.STORED;
        InputStream guarded = budget.guard(raw, entry.getName(), compressed ? entry.getCompressedSize() : -1);
        try {
            content.scanStream(guarded, path, leafName(entry.getName()), entry.getSize(), depth, budget, compressed);
            return true;
        } catch (ArchiveLimitException e) {
            bomb(display, e.getMessage());
            return false;
        }
    }

    private static boolean isJdkMethod(int method) {
        return method == ZipEntry.STORED || method == ZipEntry.DEFLATED;
    }

    /**
     * Reads an archive the JDK refuses because an entry uses a method it cannot decompress (bzip2,
     * deflate64, lzma, ...), through commons-compress; entries no reader decodes are reported HIGH.
     *
     * @return false when commons-compress cannot open the archive either
     */
    private boolean scanWithCommonsCompress(Path file, String display, ArchiveBudget budget) {
        org.apache.commons.compress.archivers.zip.ZipFile zip;
        try {
            zip = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(file).get();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        scanEntries(zip, display, 1, budget);
        return true;
    }

    /**
     * Scans an archive held in memory through its central directory (an archive member with other
     * data before the archive).
     *
     * @param depth the nesting level its entries are at
     */
    void scanChannel(java.nio.channels.SeekableByteChannel channel, String display, int depth, ArchiveBudget budget) {
        org.apache.commons.compress.archivers.zip.ZipFile zip;
        try {
            zip = org.apache.commons.compress.archivers.zip.ZipFile.builder().setSeekableByteChannel(channel).get();
        } catch (IOException | RuntimeException e) {
            sink.unparseable(display, "", "the zip archive at the end of this member cannot be read: " + describe(e));
            return;
        }
        scanEntries(zip, display, depth, budget);
    }

    private void scanEntries(org.apache.commons.compress.archivers.zip.ZipFile zip, String display, int depth,
                             ArchiveBudget budget) {
        try (zip) {
            int count = 0;
            Enumeration<org.apache.commons.compress.archivers.zip.ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                org.apache.commons.compress.archivers.zip.ZipArchiveEntry entry = entries.nextElement();
                if (++count > limits.maxEntries()) {
                    bomb(display, "the archive has more than " + limits.maxEntries() + " entries");
                    return;
                }
                if (!checkEntry(display, entry)) {
                    return;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    unsupportedMethod(display, entry, "");
                    continue;
                }
                try (InputStream raw = zip.getInputStream(entry)) {
                    if (!scanEntry(raw, display, entry, depth, budget)) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    sink.unparseable(member(display, entry.getName()), "", "cannot read the archive entry: " + describe(e));
                }
            }
        } catch (IOException | RuntimeException e) {
            sink.unparseable(display, "", "cannot read the archive: " + describe(e));
        }
    }

    private void unsupportedMethod(String display, ZipEntry entry, String more) {
        sink.add(member(display, entry.getName()), "", Severity.HIGH, Rules.UNSUPPORTED_COMPRESSION,
                "the archive entry is compressed with method " + entry.getMethod() + " (" + methodName(entry.getMethod())
                        + "), which this scanner cannot decode, so its content was not checked" + more
                        + "; Python's zipfile reads bzip2 and lzma entries, so a loader may still run it");
    }

    private static String methodName(int method) {
        return switch (method) {
            case 9 -> "deflate64";
            case 12 -> "bzip2";
            case 14 -> "lzma";
            case 93 -> "zstd";
            case 95 -> "xz";
            case 98 -> "ppmd";
            case 99 -> "encrypted";
            default -> "unknown";
        };
    }

    private void bomb(String display, String why) {
        sink.add(display, "", Severity.HIGH, Rules.ZIP_BOMB, "possible zip bomb: " + why
                + "; the rest of the archive was not read, and extracting it could exhaust disk or memory");
    }

    static String member(String display, String entryName) {
        return display + "!/" + entryName;
    }

    static String leafName(String entryName) {
        String n = entryName.replace('\\', '/');
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** @return why an entry name escapes the extraction folder, or {@code null} when it does not */
    static String slipReason(String name) {
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "'" + Text.quote(name) + "' is an absolute path";
        }
        if (DRIVE.matcher(name).matches()) {
            return "'" + Text.quote(name) + "' starts with a drive letter";
        }
        if (name.indexOf('\0') >= 0) {
            return "'" + Text.quote(name) + "' contains a NUL character";
        }
        int depth = 0;
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return "'" + Text.quote(name) + "' climbs out of the archive root with '..'";
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Keeps a scanner from closing the shared ZipInputStream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
