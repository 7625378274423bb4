package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.secmlops.core.model.NativeLibraryProvisioner;

/**
 * The temporary files of one worker run, deleted when the process exits, also when it is stopped: a folder of its
 * own that the {@code java.io.tmpdir} property points at while the run lasts (code that reads the property, such as
 * the data check's scratch files, writes there), and the {@code onnxruntime-java*} folder ONNX Runtime unpacks its
 * native library into (it would otherwise stay behind, empty, in the temporary directory: the JDK resolves
 * {@code Files.createTempDirectory} against the temporary directory the JVM started with, so the property cannot
 * move it).
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
        // Not Files.createTempDirectory: that would make the JDK read java.io.tmpdir before it is changed.
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 10; attempt++) {
            Path folder = parent.resolve(PREFIX + Long.toUnsignedString(random.nextLong(), 36));
            try {
                if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(folder);
                }
                System.setProperty("java.io.tmpdir", folder.toString());
                return new RunTemporaryFolder(folder);
            } catch (FileAlreadyExistsException e) {
                // another name
            } catch (IOException | RuntimeException e) {
                break;
            }
        }
        return new RunTemporaryFolder(null);
    }

    /** Deletes the folder, ONNX Runtime's folder and everything in them; never throws. */
    void delete() {
        deleteTree(folder);
        deleteTree(NativeLibraryProvisioner.onnxRuntimeTemporaryFolder());
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
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
