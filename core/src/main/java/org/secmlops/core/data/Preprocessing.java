package org.secmlops.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The declared preprocessing, applied identically to every sample: {@code x' = (x * scale + offset - mean[c]) /
 * std[c]}, with {@code c} the channel (the last raw dimension), then the layout. One mean/std value applies to
 * every channel. For image-like samples ({@code [H, W]} or {@code [H, W, C]}) {@link Layout#NCHW} moves the channel
 * first ({@code [H, W]} becomes {@code [1, H, W]}); {@link Layout#NHWC} keeps it last ({@code [H, W, 1]}).
 *
 * @param scale  multiplies the raw value
 * @param offset added after scaling
 * @param mean   subtracted per channel: one value, or one per channel
 * @param std    divides per channel: one value, or one per channel; all positive
 * @param layout the layout of image-like samples, or {@code null} to keep the raw shape
 */
public record Preprocessing(float scale, float offset, float[] mean, float[] std, Layout layout) {
    /** No change. */
    public static final Preprocessing NONE = new Preprocessing(1f, 0f, new float[] {0f}, new float[] {1f}, null);

    public Preprocessing {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        mean = mean.clone();
        std = std.clone();
        if (mean.length == 0 || std.length == 0) {
            throw new IllegalArgumentException("mean and std need at least one value");
        }
        if (!Float.isFinite(scale) || !Float.isFinite(offset)) {
            throw new IllegalArgumentException("scale and offset must be finite");
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std must be positive and finite: " + Arrays.toString(std));
            }
        }
        for (float m : mean) {
            if (!Float.isFinite(m)) {
                throw new IllegalArgumentException("mean must be finite: " + Arrays.toString(mean));
            }
        }
    }

    /** Maps 8-bit values 0..255 linearly onto {@code [low, high]}, e.g. {@code 0,1} or {@code -1,1}. */
    public static Preprocessing inputRange(float low, float high) {
        if (!(high > low)) {
            throw new IllegalArgumentException("input range needs low < high, got " + low + "," + high);
        }
        return new Preprocessing((high - low) / 255f, low, new float[] {0f}, new float[] {1f}, null);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    public Preprocessing withScale(float value, float newOffset) {
        return new Preprocessing(value, newOffset, mean, std, layout);
    }

    public Preprocessing withMeanStd(float[] newMean, float[] newStd) {
        return new Preprocessing(scale, offset, newMean, newStd, layout);
    }

    public Preprocessing withLayout(Layout value) {
        return new Preprocessing(scale, offset, mean, std, value);
    }

    /**
     * The shape of a preprocessed sample.
     *
     * @throws DatasetException when mean/std do not fit the channels or a layout is given for a flat sample
     */
    public int[] shape(int[] raw) throws DatasetException {
        int channels = raw.length == 3 ? raw[2] : 1;
        for (float[] values : new float[][] {mean, std}) {
            if (values.length != 1 && values.length != channels) {
                throw new DatasetException("mean/std have " + values.length + " values; samples of shape "
                        + Arrays.toString(raw) + " have " + channels + " channels");
            }
        }
        if (layout == null) {
            return raw.clone();
        }
        if (raw.length == 2) {
            return layout == Layout.NCHW ? new int[] {1, raw[0], raw[1]} : new int[] {raw[0], raw[1], 1};
        }
        if (raw.length == 3) {
            return layout == Layout.NCHW ? new int[] {raw[2], raw[0], raw[1]} : raw.clone();
        }
        throw new DatasetException("A layout applies to image-like samples; these have shape " + Arrays.toString(raw));
    }

    /** Preprocesses one raw sample of the given raw shape. */
    public float[] apply(float[] raw, int[] rawShape) {
        int channels = rawShape.length == 3 ? rawShape[2] : 1;
        float[] out = new float[raw.length];
        boolean toChannelsFirst = layout == Layout.NCHW && rawShape.length == 3 && channels > 1;
        if (!toChannelsFirst && mean.length == 1 && std.length == 1) {
            // The common case (one mean and std, no channel move): the same arithmetic in a loop the JIT vectorizes.
            float m = mean[0];
            float s = std[0];
            for (int i = 0; i < raw.length; i++) {
                out[i] = (raw[i] * scale + offset - m) / s;
            }
            return out;
        }
        int pixels = raw.length / channels;
        for (int i = 0; i < raw.length; i++) {
            int c = i % channels;
            float value = (raw[i] * scale + offset - mean[mean.length == 1 ? 0 : c]) / std[std.length == 1 ? 0 : c];
            out[toChannelsFirst ? c * pixels + i / channels : i] = value;
        }
        return out;
    }
}
