package org.secmlops.core.scan;

import java.util.List;
import java.util.Set;

/**
 * Works out how many raw bytes joblib wrote after a {@code NumpyArrayWrapper} in its pickle
 * stream, so the pickle decoder can skip them instead of taking them for opcodes.
 */
final class JoblibArrays {

    private static final Set<String> WRAPPERS = Set.of("joblib.numpy_pickle.NumpyArrayWrapper",
            "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper");

    private JoblibArrays() {
    }

    static boolean isWrapper(String qualifiedName) {
        return WRAPPERS.contains(qualifiedName);
    }

    /**
     * @param descr  the numpy type descriptor, such as {@code f8}, {@code <i4} or {@code U10}
     * @param elsize the item size from the dtype state when it gives one, else {@code null}
     * @param shape  the array shape
     * @return the array's byte size, or -1 for an object array (a nested pickle follows)
     */
    static long arrayBytes(String descr, Long elsize, List<Long> shape, long offset) throws MalformedModelException {
        if (descr == null || shape == null) {
            throw new MalformedModelException("joblib array at offset " + offset
                    + " has no readable dtype or shape, so its raw data cannot be skipped", offset);
        }
        String d = descr;
        while (!d.isEmpty() && "<>|=".indexOf(d.charAt(0)) >= 0) {
            d = d.substring(1);
        }
        if (d.isEmpty()) {
            throw new MalformedModelException("joblib array at offset " + offset + " has an empty dtype", offset);
        }
        char kind = d.charAt(0);
        if (kind == 'O') {
            return -1;
        }
        long item;
        if (elsize != null && elsize > 0) {
            item = elsize;
        } else {
            String digits = d.substring(1);
            int bracket = digits.indexOf('[');
            if (bracket >= 0) {
                digits = digits.substring(0, bracket);
            }
            long n;
            try {
                n = digits.isEmpty() ? (kind == '?' ? 1 : -1) : Long.parseLong(digits);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || "biufcmMSUV?".indexOf(kind) < 0) {
                throw new MalformedModelException("joblib array at offset " + offset + " has an unsupported dtype '"
                        + Text.quote(descr) + "'", offset);
            }
            item = kind == 'U' ? n * 4 : n;
        }
        try {
            long total = item;
            for (long dim : shape) {
                if (dim < 0) {
                    throw new MalformedModelException("joblib array at offset " + offset + " has a negative dimension",
                            offset);
                }
                total = Math.multiplyExact(total, dim);
            }
            return total;
        } catch (ArithmeticException e) {
            throw new MalformedModelException("joblib array at offset " + offset + " is impossibly large", offset);
        }
    }
}
