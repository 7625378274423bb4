package org.secmlops.core.robustness;

import java.util.Arrays;
import java.util.List;
import org.secmlops.core.data.Layout;

/**
 * How the flat input vector of one sample maps onto an image: channels × height × width, channels first or last.
 * A flat feature vector is a 1 × 1 × N "image" that is not {@link #imageLike}.
 *
 * @param channels      number of channels, positive
 * @param height        rows, positive
 * @param width         columns, positive
 * @param channelsFirst {@code [C, H, W]} when true, {@code [H, W, C]} when false
 */
public record SampleGeometry(int channels, int height, int width, boolean channelsFirst) {
    public SampleGeometry {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("geometry dimensions must be positive");
        }
    }

    /** A flat vector of {@code size} features. */
    public static SampleGeometry flat(int size) {
        return new SampleGeometry(1, 1, size, false);
    }

    /**
     * The geometry of a sample shape: {@code [H, W]} is one channel; {@code [A, B, C]} is channels first when
     * {@code channelsFirst} (C×H×W), else H×W×C; anything else is flat.
     */
    public static SampleGeometry of(int[] shape, boolean channelsFirst) {
        if (shape.length == 2) {
            return new SampleGeometry(1, shape[0], shape[1], false);
        }
        if (shape.length == 3) {
            return channelsFirst ? new SampleGeometry(shape[0], shape[1], shape[2], true)
                    : new SampleGeometry(shape[2], shape[0], shape[1], false);
        }
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return flat(size);
    }

    /**
     * The geometry of a run's samples: the shape declared for the model (e.g. {@code --input-shape}) when there is
     * one, else the preprocessed shape of the data; channels first for {@link Layout#NCHW}.
     *
     * @param preprocessedShape the shape of one sample after the preprocessing
     * @param declaredShape     the shape of one sample as the model takes it, or empty
     * @param layout            the declared layout, or {@code null}
     * @throws IllegalArgumentException when the declared shape holds another number of values than the samples
     */
    public static SampleGeometry infer(int[] preprocessedShape, List<Integer> declaredShape, Layout layout) {
        boolean channelsFirst = layout == Layout.NCHW;
        int[] shape = declaredShape == null || declaredShape.isEmpty() ? preprocessedShape
                : declaredShape.stream().mapToInt(Integer::intValue).toArray();
        SampleGeometry geometry = of(shape, channelsFirst);
        int size = Arrays.stream(preprocessedShape).reduce(1, (a, b) -> a * b);
        if (geometry.size() != size) {
            throw new IllegalArgumentException("--input-shape " + declaredShape + " holds " + geometry.size()
                    + " values; the samples have " + size);
        }
        return geometry;
    }

    /** Whether the sample has at least 2 × 2 pixels, so that blur, JPEG and occlusion apply. */
    public boolean imageLike() {
        return height >= 2 && width >= 2;
    }

    /** The number of values. */
    public int size() {
        return channels * height * width;
    }

    /** How far apart in the flat vector two neighbouring columns of one channel and row are. */
    public int columnStride() {
        return channelsFirst ? 1 : channels;
    }

    /** The flat index of channel {@code c}, row {@code r}, column {@code col}. */
    public int index(int c, int r, int col) {
        return channelsFirst ? (c * height + r) * width + col : (r * width + col) * channels + c;
    }
}
