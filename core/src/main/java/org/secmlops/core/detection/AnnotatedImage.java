package org.secmlops.core.detection;

import java.nio.file.Path;
import java.util.List;

/**
 * An image file and its ground-truth boxes in the file's own pixels, as an annotation file lists them.
 *
 * @param id    the image's path as the annotations name it
 * @param file  where it is
 * @param boxes its boxes
 */
record AnnotatedImage(String id, Path file, List<Box> boxes) {
    AnnotatedImage {
        boxes = List.copyOf(boxes);
    }
}
