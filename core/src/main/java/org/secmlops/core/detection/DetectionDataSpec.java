package org.secmlops.core.detection;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a detection data set is and how its images are fitted to the model.
 *
 * @param path       a COCO JSON file (its images' {@code file_name} relative to its folder) or a folder of Pascal VOC
 *                   XML files
 * @param images     for VOC: the folder of the images; {@code null} for the XML folder's sibling {@code JPEGImages},
 *                   else the XML folder itself
 * @param imageSize  {@code {width, height}} to fit images to, or {@code null} to keep their size (all equal)
 * @param letterbox  fit by scaling and padding (keeping the aspect ratio) instead of stretching
 * @param classNames the class names by index for VOC's object names; empty for their sorted order
 */
public record DetectionDataSpec(Path path, Path images, int[] imageSize, boolean letterbox, List<String> classNames) {
    public DetectionDataSpec {
        Objects.requireNonNull(path, "path");
        imageSize = imageSize == null ? null : imageSize.clone();
        if (imageSize != null && (imageSize.length != 2 || imageSize[0] <= 0 || imageSize[1] <= 0)) {
            throw new IllegalArgumentException("image size is WIDTH,HEIGHT, both positive");
        }
        classNames = List.copyOf(classNames);
    }

    /** The data at the path, images at their own size, VOC class names in sorted order. */
    public static DetectionDataSpec of(Path path) {
        return new DetectionDataSpec(path, null, null, false, List.of());
    }

    @Override
    public int[] imageSize() {
        return imageSize == null ? null : imageSize.clone();
    }

    public DetectionDataSpec withImages(Path value) {
        return new DetectionDataSpec(path, value, imageSize, letterbox, classNames);
    }

    public DetectionDataSpec withImageSize(int width, int height, boolean letterboxed) {
        return new DetectionDataSpec(path, images, new int[] {width, height}, letterboxed, classNames);
    }

    public DetectionDataSpec withClassNames(List<String> value) {
        return new DetectionDataSpec(path, images, imageSize, letterbox, value);
    }
}
