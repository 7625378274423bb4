package org.secmlops.core.detection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.secmlops.core.data.DatasetException;

/** Opens detection data sets: a {@code .json} file as COCO, a folder as Pascal VOC. */
public final class DetectionDatasets {
    private DetectionDatasets() {
    }

    /**
     * Opens the data set; its annotations are parsed now, its images read as they are asked for.
     *
     * @throws DatasetException when the path is missing, of neither format, or its annotations are malformed
     */
    public static DetectionSource open(DetectionDataSpec spec) throws DatasetException {
        Path path = spec.path();
        if (Files.isDirectory(path)) {
            return VocAnnotations.open(path, spec.images(), spec.classNames(), spec.imageSize(), spec.letterbox());
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return CocoAnnotations.open(path, spec.imageSize(), spec.letterbox());
        }
        throw new DatasetException(path + " is neither COCO annotations (a .json file) nor a folder of Pascal VOC XML"
                + " files" + (Files.exists(path) ? "" : " (it does not exist)"));
    }
}
