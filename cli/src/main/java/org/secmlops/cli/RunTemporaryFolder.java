package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A temporary folder of its own for one worker run: {@code java.io.tmpdir} points into it while the run lasts, so
 * everything the run and the ML engines put into the temporary directory (ONNX Runtime's {@code onnxruntime-java*}
 * folders, the data check's scratch files) is deleted with it when the process exits, also when it is stopped.
 */
final class RunTemporaryFolder {
    static final String PREFIX = "secmlops-run-";

    private final Path folder;

    private RunTemporaryFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Creates the folder in the temporary directory and makes it the JVM's temporary directory. Must run before
     * anything creates a temporary file (the JDK reads {@code java.io.tmpdir} once). Without a writable temporary
     * directory nothing changes.
     */
    static RunTemporaryFolder install() {
        try {
            Path folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), PREFIX);
            System.setProperty("java.io.tmpdir", folder.toString());
            return new RunTemporaryFolder(folder);
        } catch (IOException | RuntimeException e) {
            return new RunTemporaryFolder(null);
        }
    }

    /** Deletes the folder and everything in it; never throws. */
    void delete() {
        if (folder == null) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // left behind; the rest is still deleted
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                    try {
                        Files.deleteIfExists(directory);
                    } catch (IOException ignored) {
                        // not empty: something could not be deleted
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            // the process is exiting; nothing better to do
        }
    }
}
