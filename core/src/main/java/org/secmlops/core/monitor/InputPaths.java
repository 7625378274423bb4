package org.secmlops.core.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.ImageFolderSource;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;

/**
 * Reads the image files {@code input_path} records name, as the reference's images are read (size, gray or RGB,
 * resizing) and preprocessed. A path is relative to the log's folder and may not leave it: absolute paths, paths
 * through {@code ..} and symbolic links that end outside the folder are refused, as are missing and unreadable files.
 */
final class InputPaths {
    private final Path folder;
    private final ImageFolderSource images;
    private final Preprocessing preprocessing;
    private final int[] rawShape;

    private InputPaths(Path folder, ImageFolderSource images, Preprocessing preprocessing, int[] rawShape) {
        this.folder = folder;
        this.images = images;
        this.preprocessing = preprocessing;
        this.rawShape = rawShape;
    }

    /** The reader for a log, or {@code null} when the reference is not a folder of images. */
    static InputPaths of(Path log, MonitorRequest request) throws DatasetException, IOException {
        SampleSource source = Datasets.open(request.reference());
        if (!(source instanceof ImageFolderSource images)) {
            source.close();
            return null;
        }
        Path folder = log.toAbsolutePath().normalize().getParent().toRealPath();
        return new InputPaths(folder, images, request.preprocessing().preprocessing(images), images.sampleShape());
    }

    /** The model input of the image a record names. */
    float[] read(String relative) throws TrafficLog.BadLine {
        Path file;
        try {
            Path named = Path.of(relative);
            if (named.isAbsolute()) {
                throw new TrafficLog.BadLine("input_path " + relative + " is absolute; name a file relative to the"
                        + " log's folder");
            }
            file = folder.resolve(named).normalize();
        } catch (InvalidPathException e) {
            throw new TrafficLog.BadLine("input_path " + relative + " is not a valid path");
        }
        if (!file.startsWith(folder)) {
            throw new TrafficLog.BadLine("input_path " + relative + " leaves the log's folder");
        }
        if (!Files.isRegularFile(file)) {
            throw new TrafficLog.BadLine("input_path " + relative + " not found");
        }
        try {
            if (!file.toRealPath().startsWith(folder)) {
                throw new TrafficLog.BadLine("input_path " + relative + " leaves the log's folder (symbolic link)");
            }
            return preprocessing.apply(images.readImage(file, relative), rawShape);
        } catch (IOException | DatasetException e) {
            throw new TrafficLog.BadLine("input_path " + relative + ": " + e.getMessage());
        }
    }
}
