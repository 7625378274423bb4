package org.secmlops.core.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/**
 * Scans model files for content that runs code, reads or writes files, or reaches the network
 * when the model is loaded: pickles (raw, in PyTorch/joblib/numpy containers, gzip/zlib/bzip2
 * compressed), safetensors headers, TensorFlow SavedModels and GraphDefs, ONNX models, Keras
 * configurations ({@code .keras}, {@code config.json}, {@code .h5}) and zip archives (nested,
 * after other data, with bomb and zip-slip checks).
 *
 * <p>Nothing is executed, deserialized, extracted or written: formats are decoded from their
 * bytes with bounded memory ({@link ScanLimits}). Formats are told by their content (magic
 * bytes) first and by file name only where the content has none; a name that claims another
 * format than the content is itself a finding. A directory is walked in sorted
 * order without following symbolic links; links pointing outside the root are reported. The
 * report is deterministic. Instances are immutable and may be shared between threads.
 */
public final class ModelScanner {

    private final ScanPolicy policy;
    private final ScanLimits limits;

    /**
     * @param policy what is allowed and denied
     * @param limits the resource limits
     */
    public ModelScanner(ScanPolicy policy, ScanLimits limits) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Scans a model file or a directory of them.
     *
     * @param fileOrDirectory the root to scan; file names in the report are relative to it
     *                        (a single file is named by its file name)
     * @param progress        receives one human-readable line per file, for example
     *                        {@code scanning model/saved_model.pb (12.3 kB)}
     * @return the findings; everything wrong inside a file is a finding, never an exception
     * @throws ScanException when the root does not exist or cannot be read
     */
    public ScanReport scan(Path fileOrDirectory, Consumer<String> progress) throws ScanException {
        Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
        Consumer<String> out = progress != null ? progress : line -> { };
        if (!Files.exists(fileOrDirectory)) {
            throw new ScanException("Model path does not exist: " + fileOrDirectory);
        }
        Path root;
        try {
            root = fileOrDirectory.toRealPath();
        } catch (IOException e) {
            throw new ScanException("Cannot resolve model path " + fileOrDirectory + ": " + e, e);
        }
        if (!Files.isReadable(root)) {
            throw new ScanException("Model path is not readable: " + fileOrDirectory);
        }
        Run run = new Run(root, out);
        if (Files.isDirectory(root)) {
            List<Path> children;
            try {
                children = list(root);
            } catch (IOException e) {
                throw new ScanException("Cannot list model directory " + fileOrDirectory + ": " + e, e);
            }
            run.walkChildren(children, "");
        } else if (Files.isRegularFile(root)) {
            run.scanFile(root, root.getFileName().toString());
        } else {
            throw new ScanException("Model path is neither a regular file nor a directory: " + fileOrDirectory);
        }
        return new ScanReport(run.sink.findings(), run.files, run.bytes);
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                children.add(p);
            }
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return children;
    }

    /** The state of one scan. */
    private final class Run {
        final Path root;
        final Consumer<String> progress;
        final FindingSink sink = new FindingSink();
        final ContentScanner content;
        int files;
        long bytes;

        Run(Path root, Consumer<String> progress) {
            this.root = root;
            this.progress = progress;
            this.content = new ContentScanner(policy, limits, sink);
        }

        void walkChildren(List<Path> children, String prefix) {
            for (Path child : children) {
                String rel = prefix.isEmpty() ? child.getFileName().toString() : prefix + "/" + child.getFileName();
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    unreadable(rel, e);
                    continue;
                }
                if (attrs.isSymbolicLink()) {
                    symlink(child, rel);
                } else if (attrs.isDirectory()) {
                    try {
                        walkChildren(list(child), rel);
                    } catch (IOException e) {
                        unreadable(rel, e);
                    }
                } else if (attrs.isRegularFile()) {
                    scanFile(child, rel);
                } else {
                    sink.add(rel, "", Severity.LOW, Rules.SPECIAL_FILE, "not a regular file (a pipe, socket or device);"
                            + " it was not read");
                }
            }
        }

        void scanFile(Path file, String rel) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                unreadable(rel, e);
                return;
            }
            files++;
            bytes += size;
            progress.accept("scanning " + rel + " (" + Text.size(size) + ")");
            try {
                content.scanFile(file, rel, size);
            } catch (RuntimeException e) {
                sink.unparseable(rel, "", "the scanner could not process this file (" + e + "); it was not fully"
                        + " checked");
            }
        }

        private void symlink(Path link, String rel) {
            try {
                Path target = link.toRealPath();
                if (!target.startsWith(root)) {
                    sink.add(rel, "", Severity.HIGH, Rules.SYMLINK_OUTSIDE, "symbolic link to "
                            + Text.quote(target.toString()) + ", outside the scanned folder; it was not followed, and"
                            + " loading or publishing the model may pull in that file");
                }
            } catch (NoSuchFileException e) {
                sink.add(rel, "", Severity.LOW, Rules.SYMLINK_BROKEN, "symbolic link whose target does not exist");
            } catch (IOException e) {
                unreadable(rel, e);
            }
        }

        private void unreadable(String rel, IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
            sink.add(rel, "", Severity.MEDIUM, Rules.UNREADABLE_FILE, "cannot read this path (" + why
                    + "), so it was not scanned");
        }
    }
}
