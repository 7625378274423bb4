package org.secmlops.core.data;

/** Checks shared by the readers. */
final class Values {
    private Values() {
    }

    static void requireFinite(float value, String where) throws DatasetException {
        if (!Float.isFinite(value)) {
            throw new DatasetException(where + ": value " + value + " is not a finite number");
        }
    }

    /** Refuses samples of more than {@link Datasets#MAX_SAMPLE_VALUES} values (before anything is allocated). */
    static void requireSampleSize(int[] shape, String what) throws DatasetException {
        long size = 1;
        for (int d : shape) {
            size *= Math.max(0, d);
            if (size > Datasets.MAX_SAMPLE_VALUES) {
                throw new DatasetException(what + " has samples of shape " + java.util.Arrays.toString(shape)
                        + ": more than the limit of " + Datasets.MAX_SAMPLE_VALUES + " values per sample");
            }
        }
    }

    static int label(double value, String where) throws DatasetException {
        if (!Double.isFinite(value) || value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            throw new DatasetException(where + ": label " + value + " is not a class index (a whole number >= 0)");
        }
        if (value >= Datasets.MAX_CLASSES) {
            throw new DatasetException(where + ": label " + (long) value + " is above the largest class index "
                    + (Datasets.MAX_CLASSES - 1) + " (at most " + Datasets.MAX_CLASSES + " classes)");
        }
        return (int) value;
    }
}
