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

    static int label(double value, String where) throws DatasetException {
        if (!Double.isFinite(value) || value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            throw new DatasetException(where + ": label " + value + " is not a class index (a whole number >= 0)");
        }
        return (int) value;
    }
}
