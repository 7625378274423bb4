package org.secmlops.core.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the labelled data is and how to read it.
 *
 * @param path        a CSV/TSV file, an IDX image file ({@code .gz} too), a NumPy {@code .npy} file, or a folder of
 *                    class folders of images
 * @param labels      the label file for IDX and NumPy data; {@code null} for the default (IDX: the matching
 *                    {@code labels-idx1} file)
 * @param labelColumn the CSV label column: header name or 0-based index ({@code -1}: last)
 * @param header      whether a CSV file starts with a header line
 * @param imageSize   {@code {width, height}} to resize images to, or {@code null} to keep their (equal) size
 * @param channels    image channels: 3 (RGB) or 1 (gray)
 */
public record DataSpec(Path path, Path labels, String labelColumn, boolean header, int[] imageSize, int channels) {
    public DataSpec {
        Objects.requireNonNull(path, "path");
        imageSize = imageSize == null ? null : imageSize.clone();
        if (imageSize != null && (imageSize.length != 2 || imageSize[0] <= 0 || imageSize[1] <= 0)) {
            throw new IllegalArgumentException("image size is WIDTH,HEIGHT, both positive");
        }
    }

    /** The data at the path with a CSV header line, RGB images at their own size. */
    public static DataSpec of(Path path) {
        return new DataSpec(path, null, null, true, null, 3);
    }

    @Override
    public int[] imageSize() {
        return imageSize == null ? null : imageSize.clone();
    }

    public DataSpec withLabels(Path value) {
        return new DataSpec(path, value, labelColumn, header, imageSize, channels);
    }

    public DataSpec withLabelColumn(String value) {
        return new DataSpec(path, labels, value, header, imageSize, channels);
    }

    public DataSpec withHeader(boolean value) {
        return new DataSpec(path, labels, labelColumn, value, imageSize, channels);
    }

    public DataSpec withImageSize(int width, int height) {
        return new DataSpec(path, labels, labelColumn, header, new int[] {width, height}, channels);
    }

    public DataSpec withChannels(int value) {
        return new DataSpec(path, labels, labelColumn, header, imageSize, value);
    }
}
