package org.secmlops.core.detection;

import java.util.List;
import org.secmlops.core.data.DatasetException;

/** Reads the images of a detection data set a few at a time, with their boxes; only the current ones are held. */
public interface DetectionSource {
    /** What is read, e.g. {@code COCO annotations.json (40 images, 1 class)}. */
    String description();

    /** The class names by index, as the annotations name them. */
    List<String> classNames();

    /**
     * The shape {@code [height, width, 3]} of the fitted images: the declared size, else the first image's.
     *
     * @throws DatasetException when the first image cannot be read
     */
    int[] sampleShape() throws DatasetException;

    /** The number of images. */
    int size();

    /**
     * The next images, fitted to the input size.
     *
     * @param max at most this many, positive
     * @return the next images, empty after the last one
     * @throws DatasetException when an image cannot be read or has another size than the first and no size is given
     */
    List<DetectionSample> next(int max) throws DatasetException;
}
