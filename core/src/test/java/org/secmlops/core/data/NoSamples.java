package org.secmlops.core.data;

/** A data source with a sample shape and no samples, for tests of what is decided from the shape alone. */
public record NoSamples(int[] sampleShape, boolean eightBit) implements SampleSource {
    @Override
    public String description() {
        return "test samples";
    }

    @Override
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public Batch next(int max) {
        return null;
    }

    @Override
    public void close() {
    }
}
